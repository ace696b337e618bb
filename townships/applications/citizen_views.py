"""The citizen's pages: apply step by step, upload, review, submit, pay, follow.

Each view parses, authorises through a selector (another citizen's application
is a 404, like one that does not exist), calls one service and responds.
"""

from django import http
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.core.exceptions import ApplicationError
from hub.payments.gateway import GatewayError
from townships.core.models import Township
from townships.core.permissions import can_act_for_citizens_of
from townships.public_services.selectors import public_service_get

from . import selectors
from .answers import answers_check, country_of, questions_of, steps_of
from .citizen_services import (
    EDITABLE,
    application_answers_save,
    application_draft_start,
    application_fee_card,
    application_fee_cash,
    application_send,
    material_add,
    material_remove,
    materials_missing,
)
from .constants import RATEABLE, TRANSITIONS, ApplicationStatus
from .forms import (
    AgentStartForm,
    ApplicationStepForm,
    DeliveryChoiceForm,
    MaterialUploadForm,
    RatingForm,
)
from .materials import material_response
from .services import application_rate, application_withdraw


def _online_service(township_slug: str, service_slug: str):
    township = get_object_or_404(Township.objects.active(), slug=township_slug)
    service = public_service_get(township=township, slug=service_slug)
    if service is None or not service.is_online:
        raise http.Http404
    return service


def _filled(request, uuid):
    application = selectors.application_get_for_filler(user=request.user, uuid=uuid)
    if application is None:
        raise http.Http404
    return application


def _first_page(application) -> str:
    steps = steps_of(application)
    if steps:
        return reverse("applications:step", args=[application.uuid, steps[0]])
    return reverse("applications:materials", args=[application.uuid])


@login_required
def apply_start(request, township_slug: str, service_slug: str):
    """Resume the citizen's draft for the service, or start one (POST)."""
    service = _online_service(township_slug, service_slug)
    if request.method == "POST":
        try:
            application = application_draft_start(
                service=service, applicant=request.user, actor=request.user
            )
        except ApplicationError as error:
            messages.error(request, str(error))
            return redirect(service.get_absolute_url())
        return redirect(_first_page(application))
    draft = service.applications.filter(
        applicant=request.user, status=ApplicationStatus.DRAFT
    ).first()
    if draft is not None:
        return redirect(_first_page(draft))
    return render(
        request,
        "applications/citizen/start.html",
        {
            "service": service,
            "is_agent": can_act_for_citizens_of(request.user, service.township),
        },
    )


@login_required
def agent_start(request, township_slug: str, service_slug: str):
    """A service-centre agent starts an application for a villager (J8)."""
    service = _online_service(township_slug, service_slug)
    if not can_act_for_citizens_of(request.user, service.township):
        raise http.Http404
    form = AgentStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        villager = selectors.villager_get(
            township=service.township, phone=form.cleaned_data["phone"]
        )
        if villager is None:
            form.add_error(
                "phone", _("No villager of this township has this phone number.")
            )
        else:
            try:
                application = application_draft_start(
                    service=service,
                    applicant=villager,
                    actor=request.user,
                    consent=form.cleaned_data["consent"],
                )
            except ApplicationError as error:
                form.add_error(None, str(error))
            else:
                return redirect(_first_page(application))
    return render(
        request,
        "applications/citizen/agent_start.html",
        {"service": service, "form": form},
    )


def _editable_or_detail(request, application):
    if application.status in EDITABLE:
        return None
    messages.info(request, _("This application was sent; here is where it stands."))
    if application.applicant_id == request.user.pk:
        return redirect("applications:detail", uuid=application.uuid)
    if application.reference:
        return redirect("applications:receipt", uuid=application.uuid)
    raise http.Http404  # an agent's draft that was withdrawn before it was sent


@login_required
def step(request, uuid, step: int):
    """One page of questions; "Save draft" keeps what was typed, even if wrong."""
    application = _filled(request, uuid)
    if (response := _editable_or_detail(request, application)) is not None:
        return response
    steps = steps_of(application)
    if step not in steps:
        raise http.Http404
    questions = questions_of(application, step)
    form = ApplicationStepForm(
        request.POST or None,
        questions=questions,
        answers=application.answers,
        country=country_of(application),
    )
    if request.method == "POST":
        application = application_answers_save(
            application=application, actor=request.user, answers=form.raw_answers()
        )
        action = request.POST.get("action", "save")
        if action == "save":
            messages.success(
                request,
                _("Draft saved. You can go on later, on this or another device."),
            )
            return redirect("applications:step", uuid=application.uuid, step=step)
        if action == "back" or form.is_valid():
            position = steps.index(step) + (-1 if action == "back" else 1)
            if position < 0:
                return redirect(application.service.get_absolute_url())
            if position < len(steps):
                return redirect(
                    "applications:step", uuid=application.uuid, step=steps[position]
                )
            return redirect("applications:materials", uuid=application.uuid)
    return render(
        request,
        "applications/citizen/step.html",
        {
            "application": application,
            "form": form,
            "step": step,
            "steps": steps,
            "position": steps.index(step) + 1,
        },
    )


@login_required
def materials(request, uuid):
    """Upload a file for each required material; the type is read from the file."""
    application = _filled(request, uuid)
    if (response := _editable_or_detail(request, application)) is not None:
        return response
    required = list(application.service.materials.all())
    upload_errors: dict[int, list[str]] = {}
    if request.method == "POST":
        form = MaterialUploadForm(request.POST, request.FILES)
        if form.is_valid():
            wanted = next(
                (m for m in required if m.pk == form.cleaned_data["material"]), None
            )
            if wanted is None:
                raise http.Http404
            try:
                material_add(
                    application=application,
                    required_material=wanted,
                    upload=form.cleaned_data["file"],
                    actor=request.user,
                )
            except ValidationError as error:
                upload_errors[wanted.pk] = error.messages
            except ApplicationError as error:
                upload_errors[wanted.pk] = [str(error)]
            else:
                messages.success(request, _("File received."))
                return redirect("applications:materials", uuid=application.uuid)
        else:
            upload_errors[_int(request.POST.get("material"))] = [
                message for messages_ in form.errors.values() for message in messages_
            ]
    files = list(selectors.application_materials(application=application))
    rows = [
        {
            "required": material,
            "files": [f for f in files if f.required_material_id == material.pk],
            "errors": upload_errors.get(material.pk, []),
        }
        for material in required
    ]
    steps = steps_of(application)
    return render(
        request,
        "applications/citizen/materials.html",
        {
            "application": application,
            "rows": rows,
            "steps": steps,
            "back_url": reverse("applications:step", args=[application.uuid, steps[-1]])
            if steps
            else "",
        },
    )


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_POST
def material_delete(request, uuid, material_uuid):
    application = _filled(request, uuid)
    material = get_object_or_404(application.materials, uuid=material_uuid)
    try:
        material_remove(material=material, actor=request.user)
    except ApplicationError as error:
        messages.error(request, str(error))
    return redirect("applications:materials", uuid=application.uuid)


@login_required
def review(request, uuid):
    """Everything on one page, with what is still wrong; POST submits."""
    application = _filled(request, uuid)
    if (response := _editable_or_detail(request, application)) is not None:
        return response
    checked, answers = answers_check(application)
    missing = materials_missing(application)
    has_errors = any(not item["form"].is_valid() for item in checked) or missing
    delivery_form = DeliveryChoiceForm(
        request.POST if request.method == "POST" else None,
        service=application.service,
        initial={"delivery": application.delivery or None},
    )
    if request.method == "POST" and not has_errors and delivery_form.is_valid():
        try:
            application = application_send(
                application=application,
                actor=request.user,
                answers=answers,
                delivery=delivery_form.cleaned_data["delivery"],
            )
        except ApplicationError as error:
            messages.error(request, str(error))
        else:
            if application.amount_due > 0 and not _fee_is_paid(application):
                return redirect("applications:fee", uuid=application.uuid)
            return redirect("applications:receipt", uuid=application.uuid)
    return render(
        request,
        "applications/citizen/review.html",
        {
            "application": application,
            "checked": checked,
            "missing": missing,
            "has_errors": has_errors,
            "delivery_form": delivery_form,
            "tried": request.method == "POST",
            "files": selectors.application_materials(application=application),
        },
    )


def _fee_is_paid(application) -> bool:
    payment = selectors.application_fee_payment(application=application)
    return payment is not None and payment.is_paid


def _sent(request, uuid):
    application = _filled(request, uuid)
    if not application.reference:
        return None, redirect(_first_page(application))
    return application, None


@login_required
def fee(request, uuid):
    """Pay the fee by card now, or at the counter of the hall."""
    application, response = _sent(request, uuid)
    if response is not None:
        return response
    if application.amount_due <= 0 or _fee_is_paid(application):
        return redirect("applications:receipt", uuid=application.uuid)
    if request.method == "POST":
        if request.POST.get("method") == "card":
            return redirect("applications:fee_card", uuid=application.uuid)
        try:
            application_fee_cash(application=application)
        except ApplicationError as error:
            messages.error(request, str(error))
        return redirect("applications:receipt", uuid=application.uuid)
    return render(
        request, "applications/citizen/fee.html", {"application": application}
    )


def _unreachable() -> str:
    return _(
        "Card payments cannot be reached just now. "
        "Nothing was charged; please try again in a minute, or pay at the counter."
    )


@login_required
def fee_card(request, uuid):
    """The card form (Stripe's Payment Element, or localstripe's card element)."""
    application, response = _sent(request, uuid)
    if response is not None:
        return response
    try:
        payment, state = application_fee_card(application=application)
    except ApplicationError:
        return redirect("applications:receipt", uuid=application.uuid)
    except GatewayError:
        messages.error(request, _unreachable())
        return redirect("applications:fee", uuid=application.uuid)
    if payment.is_paid or state is None:
        return redirect("applications:receipt", uuid=application.uuid)
    return render(
        request,
        "applications/citizen/fee_card.html",
        {
            "application": application,
            "client_secret": state.client_secret,
            "stripe_publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
            "stripe_js_url": settings.STRIPE_JS_URL,
        },
    )


@login_required
@require_POST
def fee_card_confirm(request, uuid):
    """Confirm on the server with the card the page tokenised (card-pay.js)."""
    application, response = _sent(request, uuid)
    if response is not None:
        raise http.Http404
    payment_method = request.POST.get("payment_method", "")
    if not payment_method:
        return http.JsonResponse({"error": _("Enter your card details.")}, status=400)
    done = reverse("applications:fee_card_return", args=[application.uuid])
    try:
        payment, state = application_fee_card(
            application=application, payment_method=payment_method
        )
    except ApplicationError:
        return http.JsonResponse({"next": done})
    except GatewayError:
        return http.JsonResponse({"error": _unreachable()}, status=502)
    if state is None or payment.is_paid:
        return http.JsonResponse({"next": done})
    if state.status == "requires_action":
        return http.JsonResponse(
            {"action": True, "client_secret": state.client_secret, "next": done}
        )
    return http.JsonResponse(
        {"error": _("Your card could not be charged. Nothing was charged.")},
        status=402,
    )


@login_required
def fee_card_return(request, uuid):
    """Back from paying (or 3-D Secure): read the payment, then the receipt."""
    application, response = _sent(request, uuid)
    if response is not None:
        return response
    try:
        application_fee_card(application=application)
    except (ApplicationError, GatewayError):
        pass  # the receipt shows the payment as it stands
    return redirect("applications:receipt", uuid=application.uuid)


@login_required
def receipt(request, uuid):
    """Reference, service, fee and status: what to show at the counter."""
    application, response = _sent(request, uuid)
    if response is not None:
        return response
    return render(
        request,
        "applications/citizen/receipt.html",
        {
            "application": application,
            "payment": selectors.application_fee_payment(application=application),
        },
    )


@login_required
def my_applications(request):
    return render(
        request,
        "applications/citizen/list.html",
        {"applications": selectors.application_list_for_citizen(citizen=request.user)},
    )


def _mine(request, uuid):
    application = selectors.application_get_for_citizen(citizen=request.user, uuid=uuid)
    if application is None:
        raise http.Http404
    return application


@login_required
def my_application(request, uuid):
    """One application: where it stands, its timeline and its files."""
    return _detail(request, _mine(request, uuid))


def _detail(request, application, *, rating_form=None, status=200):
    if rating_form is None and application.status in RATEABLE:
        rating_form = RatingForm()
    return render(
        request,
        "applications/citizen/detail.html",
        {
            "rating_form": rating_form,
            "certificate": selectors.application_certificate(application=application),
            "application": application,
            "events": selectors.application_timeline(application=application),
            "files": selectors.application_materials(application=application),
            "payment": selectors.application_fee_payment(application=application),
            "can_withdraw": ApplicationStatus.WITHDRAWN
            in TRANSITIONS[application.status],
            "is_editable": application.status in EDITABLE,
        },
        status=status,
    )


@login_required
@require_POST
def rate(request, uuid):
    """The applicant's 1-5 rating of a decided application."""
    application = _mine(request, uuid)
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            application_rate(
                application=application,
                actor=request.user,
                rating=form.cleaned_data["rating"],
                reason=form.cleaned_data["reason"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Thank you for your rating."))
            return redirect("applications:detail", uuid=application.uuid)
    return _detail(request, application, rating_form=form, status=400)


@login_required
@require_POST
def withdraw(request, uuid):
    application = _mine(request, uuid)
    try:
        application_withdraw(application=application, actor=request.user)
    except ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The application was withdrawn."))
    return redirect("applications:detail", uuid=application.uuid)


@login_required
def material_download(request, uuid, material_uuid):
    """The owner's own file, never through /media/."""
    material = selectors.material_get_for_citizen(
        citizen=request.user, uuid=material_uuid
    )
    if material is None or material.application.uuid != uuid:
        raise http.Http404
    return material_response(material)
