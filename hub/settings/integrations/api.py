"""The REST API at /api/v1/: Django REST framework, knox tokens, drf-spectacular."""

from datetime import timedelta

from ..env import env

REST_FRAMEWORK = {
    # Knox first: an anonymous caller gets 401 with "WWW-Authenticate: Token".
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "hub.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("HUB_API_THROTTLE_ANON", default="120/minute"),
        "user": env.str("HUB_API_THROTTLE_USER", default="600/minute"),
    },
    "EXCEPTION_HANDLER": "hub.api.exceptions.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "hub.api.schema.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

# One token per login (per device); it expires, and logging out revokes it.
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=env.int("HUB_API_TOKEN_TTL_DAYS", default=30)),
    "AUTO_REFRESH": False,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Township Hub API",
    "DESCRIPTION": (
        "Townships, village produce, orders, parcels and courier tasks. Errors "
        'are always {"errors": [{"field", "message", "code"}]}, in the language '
        "of Accept-Language."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "PREPROCESSING_HOOKS": ["hub.api.schema.only_api_v1"],
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI and Redoc from drf-spectacular-sidecar's static files, no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ShipmentStatusEnum": "hub.couriers.constants.ShipmentStatus",
        "ShipmentKindEnum": "hub.couriers.constants.ShipmentKind",
        "SellerGroupStatusEnum": "shop.order.constants.SellerGroupStatus",
        "BadgeKindEnum": "shop.partner.constants.BadgeKind",
        "StallStatusEnum": "shop.partner.constants.StallStatus",
        "ProduceCategoryEnum": "shop.catalogue.constants.ProduceCategory",
        "NoticeCategoryEnum": "cms.pages.constants.NoticeCategory",
        "ConsultationKindEnum": "townships.consultations.constants.ConsultationKind",
        "ConsultationStatusEnum": (
            "townships.consultations.constants.ConsultationStatus"
        ),
        "ConsultationEventKindEnum": (
            "townships.consultations.constants.ConsultationEventKind"
        ),
        "ApplicationStatusEnum": "townships.applications.constants.ApplicationStatus",
        "ApplicationEventKindEnum": (
            "townships.applications.constants.ApplicationEventKind"
        ),
        "FieldKindEnum": "townships.applications.form_definition.FieldKind",
        "DeliveryOptionEnum": "townships.public_services.constants.DeliveryOption",
        "PaymentMethodEnum": "hub.payments.constants.PaymentMethod",
        "DeliveryMethodEnum": "hub.couriers.constants.DeliveryMethod",
        "PaymentStatusEnum": "hub.payments.constants.PaymentStatus",
        "MessageKindEnum": "hub.notifications.constants.MessageKind",
        "ChannelEnum": "hub.notifications.constants.Channel",
    },
}
