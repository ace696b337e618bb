"""The marketplace's API routes (a string include in hub.api.urls)."""

from django.urls import path

from . import basket, seller, views

urlpatterns = [
    path("townships/", views.TownshipListView.as_view(), name="township-list"),
    path(
        "townships/<slug:slug>/",
        views.TownshipDetailView.as_view(),
        name="township-detail",
    ),
    path("stalls/", views.StallListView.as_view(), name="stall-list"),
    path("stalls/<uuid:uuid>/", views.StallDetailView.as_view(), name="stall-detail"),
    path("products/", views.ProductListView.as_view(), name="product-list"),
    path(
        "products/<int:pk>/", views.ProductDetailView.as_view(), name="product-detail"
    ),
    path("me/basket/", basket.BasketView.as_view(), name="basket"),
    path("me/basket/lines/", basket.BasketLinesView.as_view(), name="basket-lines"),
    path(
        "me/basket/lines/<int:pk>/",
        basket.BasketLineView.as_view(),
        name="basket-line",
    ),
    path("me/checkout/", basket.CheckoutView.as_view(), name="checkout"),
    path("me/orders/", views.OrderListView.as_view(), name="order-list"),
    path(
        "me/orders/<str:number>/", views.OrderDetailView.as_view(), name="order-detail"
    ),
    path(
        "me/orders/<str:number>/pay/",
        basket.OrderPayView.as_view(),
        name="order-pay",
    ),
    path(
        "me/orders/<str:number>/groups/<int:pk>/cancel/",
        views.SellerGroupCancelView.as_view(),
        name="order-group-cancel",
    ),
    path("seller/stalls/", seller.StallListView.as_view(), name="seller-stall-list"),
    path(
        "seller/stalls/<uuid:uuid>/",
        seller.StallDetailView.as_view(),
        name="seller-stall-detail",
    ),
    path(
        "seller/stalls/<uuid:uuid>/products/",
        seller.ProductListView.as_view(),
        name="seller-product-list",
    ),
    path(
        "seller/stalls/<uuid:uuid>/products/<int:pk>/",
        seller.ProductDetailView.as_view(),
        name="seller-product-detail",
    ),
    path(
        "seller/stalls/<uuid:uuid>/orders/",
        seller.StallOrderListView.as_view(),
        name="seller-order-list",
    ),
    path(
        "seller/stalls/<uuid:uuid>/order-lines/<int:pk>/refuse/",
        seller.OrderLineRefuseView.as_view(),
        name="seller-line-refuse",
    ),
]
