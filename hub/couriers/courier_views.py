"""The courier app at /courier/: the day's tasks in route order, and one task
with the buttons its status allows. Views parse, authorise, call one service
or selector, and respond. A step done ends in a redirect, so that the phone's
back button does not post it again; a confirmation that arrives twice anyway
changes nothing, as the services promise."""

from collections.abc import Callable
from functools import wraps
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from hub.core.exceptions import ApplicationError

from . import selectors, services
from .courier_forms import action_form, action_forms, action_names
from .models import Courier, Shipment
from .permissions import courier_for

# What each action calls, what the courier is told, and where they go next:
# the route after a step that ends a stop, the task after "on my way".
_ACTIONS: dict[str, tuple[Callable[..., Shipment], str, bool]] = {
    "pickup": (services.shipment_pickup, _("Picked up."), False),
    "depart": (services.shipment_depart, _("On your way."), True),
    "deliver": (services.shipment_deliver, _("Delivered. Thank you!"), False),
    "deliver_photo": (services.shipment_deliver, _("Delivered. Thank you!"), False),
    "fail": (services.shipment_fail, _("The failed attempt is recorded."), False),
    "return": (
        services.shipment_return,
        _("It goes back to the sender; bring it to dispatch."),
        False,
    ),
}


def courier_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Logged in (else to the login page) and an active courier (else 403)."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        courier = courier_for(request.user)
        if courier is None:
            return render(request, "couriers/courier/not_courier.html", status=403)
        return view(request, courier, *args, **kwargs)

    return wrapped


@never_cache
@courier_required
def task_list(request: HttpRequest, courier: Courier) -> HttpResponse:
    """The courier's open tasks: pickups by place, then deliveries by village."""
    return render(
        request,
        "couriers/courier/task_list.html",
        {"courier": courier, "route": selectors.courier_route(courier=courier)},
    )


def _task_page(
    request: HttpRequest, shipment: Shipment, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    return render(
        request,
        "couriers/courier/task_detail.html",
        {
            "shipment": shipment,
            "cash_due": selectors.shipment_cash_due(shipment),
            "actions": {**action_forms(shipment), **(bound or {})},
        },
    )


@never_cache
@courier_required
def task_detail(request: HttpRequest, courier: Courier, uuid: UUID) -> HttpResponse:
    """One of the courier's shipments with the actions its status allows."""
    shipment = selectors.shipment_get_for_courier(courier=courier, uuid=uuid)
    return _task_page(request, shipment)


@require_POST
@courier_required
def task_act(
    request: HttpRequest, courier: Courier, uuid: UUID, action: str
) -> HttpResponse:
    """Do one action on the courier's shipment; refused: the same form, as typed."""
    shipment = selectors.shipment_get_for_courier(courier=courier, uuid=uuid)
    service, done, stay = _ACTIONS[action]
    form = action_form(action, shipment, request.POST, request.FILES)
    if form.is_valid():
        try:
            service(shipment=shipment, actor=request.user, **form.service_kwargs())
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, done)
            if stay:
                return redirect("couriers:courier_task", uuid=shipment.uuid)
            return redirect("couriers:courier_tasks")
    # A wrong code may have just locked it, or the status moved on meanwhile.
    shipment = selectors.shipment_get_for_courier(courier=courier, uuid=uuid)
    if action not in action_names(shipment):
        for error in form.non_field_errors() or [_("This step is no longer possible.")]:
            messages.error(request, error)
        return redirect("couriers:courier_task", uuid=shipment.uuid)
    return _task_page(request, shipment, bound={action: form})
