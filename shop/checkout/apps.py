from django.urls import path

import oscar.apps.checkout.apps as apps


class CheckoutConfig(apps.CheckoutConfig):
    name = "shop.checkout"

    def ready(self):
        super().ready()
        from . import views

        self.card_pay_view = views.CardPayView
        self.card_confirm_view = views.CardConfirmView
        self.card_return_view = views.CardReturnView
        self.back_to_basket_view = views.BackToBasketView

    def get_urls(self):
        urls = super().get_urls()
        urls += [
            path("pay/<str:number>/", self.card_pay_view.as_view(), name="card-pay"),
            path(
                "pay/<str:number>/confirm/",
                self.card_confirm_view.as_view(),
                name="card-confirm",
            ),
            path(
                "pay/<str:number>/return/",
                self.card_return_view.as_view(),
                name="card-return",
            ),
            path(
                "pay/<str:number>/back-to-basket/",
                self.back_to_basket_view.as_view(),
                name="back-to-basket",
            ),
        ]
        return self.post_process_urls(urls)
