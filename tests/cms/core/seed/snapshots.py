"""What each part of seed_demo made, read between its first and second run:
running it again must change none of it."""

from django.contrib.auth.models import Group

from wagtail.models import GroupPagePermission, Page, Revision

from hub.accounts.models import Profile, User
from hub.couriers.constants import ShipmentKind
from hub.couriers.models import (
    Courier,
    DeliveryZone,
    Rate,
    Run,
    Shipment,
    TrackingEvent,
)
from hub.payments.models import Payment
from shop.catalogue.models import Product, ProductImage
from shop.order.models import Order
from shop.partner.models import Partner, StallAction
from townships.applications.form_definition import FormField
from townships.applications.models import (
    Application,
    ApplicationEvent,
    Certificate,
    Material,
)
from townships.consultations.models import Consultation
from townships.core.models import Department, Membership, Township
from townships.public_services.models import PublicService, RequiredMaterial


def _counts(*models) -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in models}


def accounts_and_places() -> dict[str, int]:
    return _counts(
        Township,
        Department,
        Membership,
        User,
        Profile,
        Group,
        Page,
        GroupPagePermission,
    )


def pages_and_revisions() -> tuple[int, int]:
    return Page.objects.count(), Revision.objects.count()


def deliveries() -> dict[str, int]:
    return _counts(
        DeliveryZone, Rate, Courier, Run, Shipment, TrackingEvent, Order, Membership
    )


def marketplace() -> dict[str, int]:
    return _counts(Partner, StallAction, Product, ProductImage)


def applications() -> list[tuple]:
    return [
        *Application.objects.order_by("pk").values_list(
            "pk", "reference", "status", "submitted_at", "deadline", "applicant_id"
        ),
        *ApplicationEvent.objects.order_by("pk").values_list("pk", "kind", "status"),
        *Material.objects.order_by("pk").values_list("pk", "size"),
        *Certificate.objects.order_by("pk").values_list("pk", "code"),
        *FormField.objects.order_by("pk").values_list("pk", "key"),
        *Payment.objects.filter(reference__startswith="fee:").values_list("pk"),
        *Shipment.objects.filter(kind=ShipmentKind.DOCUMENT).values_list("pk"),
    ]


def services() -> list[tuple]:
    return list(
        PublicService.objects.order_by("pk").values_list(
            "pk", "township__slug", "slug", "fee", "promised_time_days"
        )
    ) + list(RequiredMaterial.objects.order_by("pk").values_list("pk", "name_en"))


def questions() -> list[tuple]:
    return list(
        Consultation.objects.order_by("pk").values_list(
            "pk", "status", "department_id", "answer_due", "escalated_at"
        )
    )


ALL = (
    accounts_and_places,
    pages_and_revisions,
    deliveries,
    marketplace,
    applications,
    services,
    questions,
)
