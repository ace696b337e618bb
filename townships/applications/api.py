"""The service catalogue and the citizen's applications in the API.

Same rules as the web (townships.public_services.views, citizen_views and
verify_views): views parse, authorise through a selector (another citizen's
application or file is a 404, like a missing one), call one service and
respond. Answers are checked before sending by the function the web's review
page uses (answers.answers_check), so both refuse the same answers.
"""

from uuid import UUID

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from hub.api.exceptions import form_errors
from hub.payments.constants import PaymentMethod, PaymentStatus
from townships.core.models import Township
from townships.core.permissions import can_act_for_citizens_of
from townships.public_services.constants import DeliveryOption
from townships.public_services.forms import ServiceSearchForm
from townships.public_services.models import PublicService
from townships.public_services.selectors import public_service_get, public_service_list

from . import selectors
from .answers import answers_check
from .certificates import certificate_for_code, holder_name, issued_on, name_masked
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
from .constants import TRANSITIONS, ApplicationEventKind, ApplicationStatus
from .form_definition import FieldKind
from .forms import AgentStartForm, DeliveryChoiceForm
from .materials import material_response
from .models import Application
from .results import certificate_pdf_store
from .services import application_rate, application_withdraw

# --- Serializers: the catalogue -------------------------------------------------


class RequiredMaterialSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=gettext_lazy("Send it as material."))
    name = serializers.CharField()
    description = serializers.CharField()
    is_required = serializers.BooleanField()


class FormQuestionSerializer(serializers.Serializer):
    key = serializers.SlugField(help_text=gettext_lazy("The answer's key."))
    label = serializers.CharField(help_text=gettext_lazy("In the request's language."))
    kind = serializers.ChoiceField(choices=FieldKind.choices)
    choices = serializers.ListField(child=serializers.CharField(), source="choice_list")
    is_required = serializers.BooleanField()
    step = serializers.IntegerField()
    shown_if_key = serializers.CharField(
        help_text=gettext_lazy("Asked only when this answer is shown_if_value.")
    )
    shown_if_value = serializers.CharField()


class PublicServiceSerializer(serializers.Serializer):
    """A service in the catalogue: what it costs and how long it takes."""

    uuid = serializers.UUIDField()
    township = serializers.SlugField(source="township.slug")
    township_name = serializers.CharField(source="township.name")
    slug = serializers.SlugField()
    name = serializers.CharField(help_text=gettext_lazy("In the request's language."))
    department = serializers.CharField(source="department.name")
    fee = serializers.DecimalField(max_digits=10, decimal_places=2)
    courier_fee = serializers.DecimalField(max_digits=10, decimal_places=2)
    currency = serializers.CharField()
    legal_time_limit_days = serializers.IntegerField()
    promised_time_days = serializers.IntegerField()
    visits_needed = serializers.IntegerField()
    is_online = serializers.BooleanField(
        help_text=gettext_lazy("Whether it can be applied for here.")
    )
    delivery_options = serializers.ListField(
        child=serializers.ChoiceField(choices=DeliveryOption.choices)
    )


class PublicServiceDetailSerializer(PublicServiceSerializer):
    """One service: what to bring and the questions of its form."""

    description = serializers.CharField()
    eligibility = serializers.CharField()
    legal_basis = serializers.CharField()
    materials = RequiredMaterialSerializer(many=True, source="materials.all")
    questions = FormQuestionSerializer(many=True, source="form_fields.all")


# --- Serializers: the citizen's applications ------------------------------------


class ApplicationSerializer(serializers.Serializer):
    """One of the citizen's applications in a list."""

    uuid = serializers.UUIDField()
    reference = serializers.CharField(
        help_text=gettext_lazy("Empty while it is a draft.")
    )
    status = serializers.ChoiceField(choices=ApplicationStatus.choices)
    status_label = serializers.CharField(source="get_status_display")
    service = serializers.CharField(source="service.name")
    service_slug = serializers.SlugField(source="service.slug")
    township = serializers.SlugField(source="township.slug")
    submitted_at = serializers.DateTimeField(allow_null=True)
    deadline = serializers.DateField(allow_null=True)
    is_overdue = serializers.BooleanField()
    created_at = serializers.DateTimeField()


class ApplicationEventSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ApplicationEventKind.choices)
    status = serializers.ChoiceField(choices=ApplicationStatus.choices)
    label = serializers.CharField(
        help_text=gettext_lazy("The status for a status change, else the kind.")
    )
    at = serializers.DateTimeField()
    note = serializers.CharField()


class ApplicationFileSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    material = serializers.IntegerField(source="required_material_id")
    material_name = serializers.CharField(source="required_material.name")
    original_name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    created_at = serializers.DateTimeField()


class FeePaymentSerializer(serializers.Serializer):
    method = serializers.ChoiceField(choices=PaymentMethod.choices)
    status = serializers.ChoiceField(choices=PaymentStatus.choices)
    status_label = serializers.CharField(source="get_status_display")
    is_paid = serializers.BooleanField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    currency = serializers.CharField()


class ApplicationDetailSerializer(serializers.Serializer):
    """The application as its applicant follows it."""

    uuid = serializers.UUIDField()
    reference = serializers.CharField()
    status = serializers.ChoiceField(choices=ApplicationStatus.choices)
    status_label = serializers.CharField()
    service = PublicServiceSerializer()
    answers = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        help_text=gettext_lazy("As kept: as typed on a draft, checked once sent."),
    )
    answer_errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=gettext_lazy("What is still wrong, by key, while it is editable."),
    )
    questions = FormQuestionSerializer(many=True)
    files = ApplicationFileSerializer(many=True)
    missing_materials = RequiredMaterialSerializer(many=True)
    delivery = serializers.CharField()
    delivery_label = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    deadline = serializers.DateField(allow_null=True)
    promised_by = serializers.DateField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    decision_reason = serializers.CharField()
    timeline = ApplicationEventSerializer(many=True)
    amount_due = serializers.DecimalField(max_digits=12, decimal_places=2)
    currency = serializers.CharField()
    payment = FeePaymentSerializer(allow_null=True)
    certificate_url = serializers.CharField(
        allow_null=True, help_text=gettext_lazy("The PDF, once issued.")
    )
    rating = serializers.IntegerField(allow_null=True)
    is_editable = serializers.BooleanField()
    can_withdraw = serializers.BooleanField()


def _detail(application: Application) -> dict:
    """What the web's detail, review and receipt pages show, in one body."""
    is_editable = application.status in EDITABLE
    answer_errors: dict[str, list[str]] = {}
    if is_editable:
        checked, _answers = answers_check(application)
        for item in checked:
            answer_errors.update(item["form"].errors)
    certificate = selectors.application_certificate(application=application)
    return {
        "uuid": application.uuid,
        "reference": application.reference,
        "status": application.status,
        "status_label": application.get_status_display(),
        "service": application.service,
        "answers": {k: str(v) for k, v in application.answers.items()},
        "answer_errors": {k: list(v) for k, v in answer_errors.items()},
        "questions": list(application.service.form_fields.all()),
        "files": selectors.application_materials(application=application),
        "missing_materials": materials_missing(application) if is_editable else [],
        "delivery": application.delivery,
        "delivery_label": application.delivery_label,
        "submitted_at": application.submitted_at,
        "deadline": application.deadline,
        "promised_by": application.promised_by,
        "decided_at": application.decided_at,
        "decision_reason": application.decision_reason,
        "timeline": [
            {
                "kind": event.kind,
                "status": event.status,
                "label": event.get_status_display()
                if event.kind == ApplicationEventKind.STATUS
                else event.get_kind_display(),
                "at": event.at,
                "note": event.note,
            }
            for event in selectors.application_timeline(application=application)
        ],
        "amount_due": application.amount_due,
        "currency": application.township.currency,
        "payment": selectors.application_fee_payment(application=application),
        "certificate_url": reverse(
            "api:application-certificate", args=[application.uuid]
        )
        if certificate is not None
        else None,
        "rating": application.rating,
        "is_editable": is_editable,
        "can_withdraw": ApplicationStatus.WITHDRAWN in TRANSITIONS[application.status],
    }


def _detail_response(application: Application, status_code=status.HTTP_200_OK):
    return Response(
        ApplicationDetailSerializer(_detail(application)).data, status=status_code
    )


class ApplicationAnswersSerializer(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.CharField(
            allow_blank=True, max_length=2000, trim_whitespace=True
        ),
        help_text=gettext_lazy("Answers by question key; kept even if not valid yet."),
    )


class ApplicationMaterialUploadSerializer(serializers.Serializer):
    material = serializers.IntegerField(
        help_text=gettext_lazy("The id of a material the service asks for.")
    )
    file = serializers.FileField(
        help_text=gettext_lazy("PDF, JPEG or PNG; the type is read from the file.")
    )


class AgentApplySerializer(serializers.Serializer):
    """Who the agent files for, and how the villager agreed (journey J8)."""

    phone = serializers.CharField(
        max_length=30,
        help_text=gettext_lazy("The villager's phone number, as on their account."),
    )
    consent = serializers.CharField(
        max_length=255,
        help_text=gettext_lazy("How the villager agreed, e.g. in person, signed."),
    )


class ApplicationSubmitSerializer(serializers.Serializer):
    delivery = serializers.ChoiceField(
        choices=DeliveryOption.choices,
        required=False,
        allow_blank=True,
        help_text=gettext_lazy("One the service offers; empty for its first."),
    )


class ApplicationFeeSerializer(serializers.Serializer):
    method = serializers.ChoiceField(
        choices=PaymentMethod.choices,
        help_text=gettext_lazy("cash: pay at the hall's counter; card: pay now."),
    )


class ApplicationFeeResultSerializer(serializers.Serializer):
    payment = FeePaymentSerializer()
    client_secret = serializers.CharField(
        allow_null=True,
        help_text=gettext_lazy("For a card: confirm the PaymentIntent with Stripe."),
    )
    intent_status = serializers.CharField(allow_null=True)


class ApplicationRateSerializer(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500)


# --- The catalogue --------------------------------------------------------------


@extend_schema(
    parameters=[
        OpenApiParameter("township", str, description="A township's slug."),
        OpenApiParameter("q", str, description="Words in a service's name or text."),
    ]
)
class ServiceListView(generics.ListAPIView):
    """Active services of active townships, searched and filtered like /services/."""

    permission_classes = [AllowAny]
    serializer_class = PublicServiceSerializer

    def get_queryset(self):
        form = ServiceSearchForm(self.request.query_params)
        if not form.is_valid():
            raise form_errors(form)
        return public_service_list(
            township=form.cleaned_data["township"], query=form.cleaned_data["q"]
        )


def _service(township_slug: str, service_slug: str) -> PublicService:
    township = get_object_or_404(Township.objects.active(), slug=township_slug)
    service = public_service_get(township=township, slug=service_slug)
    if service is None:
        raise Http404
    return service


class ServiceDetailView(APIView):
    """What to bring, what it costs, how long it takes and the form's questions."""

    permission_classes = [AllowAny]

    @extend_schema(responses=PublicServiceDetailSerializer)
    def get(self, request: Request, township: str, slug: str) -> Response:
        return Response(PublicServiceDetailSerializer(_service(township, slug)).data)


class ApplyView(APIView):
    """Start a draft for an online service, or resume the one the citizen has."""

    @extend_schema(
        request=None,
        responses={200: ApplicationDetailSerializer, 201: ApplicationDetailSerializer},
    )
    def post(self, request: Request, township: str, slug: str) -> Response:
        service = _service(township, slug)
        if not service.is_online:
            raise Http404
        resumed = service.applications.filter(
            applicant=request.user, status=ApplicationStatus.DRAFT
        ).exists()
        application = application_draft_start(
            service=service, applicant=request.user, actor=request.user
        )
        return _detail_response(
            application, status.HTTP_200_OK if resumed else status.HTTP_201_CREATED
        )


class AgentApplyView(APIView):
    """A service-centre agent starts (or resumes) a villager's draft.

    Like the web's "for a villager" page: only agents of the service's
    township (anyone else gets a 404), only for its residents, consent recorded.
    The agent then fills it in and sends it as the applicant would.
    """

    @extend_schema(
        request=AgentApplySerializer,
        responses={200: ApplicationDetailSerializer, 201: ApplicationDetailSerializer},
    )
    def post(self, request: Request, township: str, slug: str) -> Response:
        service = _service(township, slug)
        if not (
            service.is_online
            and can_act_for_citizens_of(request.user, service.township)
        ):
            raise Http404
        body = AgentApplySerializer(data=request.data)
        body.is_valid(raise_exception=True)  # an object with the fields, first
        form = AgentStartForm(body.validated_data)
        if not form.is_valid():
            raise form_errors(form)
        villager = selectors.villager_get(
            township=service.township, phone=form.cleaned_data["phone"]
        )
        if villager is None:
            raise serializers.ValidationError(
                {"phone": [_("No villager of this township has this phone number.")]}
            )
        resumed = service.applications.filter(
            applicant=villager, status=ApplicationStatus.DRAFT
        ).exists()
        application = application_draft_start(
            service=service,
            applicant=villager,
            actor=request.user,
            consent=form.cleaned_data["consent"],
        )
        return _detail_response(
            application, status.HTTP_200_OK if resumed else status.HTTP_201_CREATED
        )


# --- The citizen's applications -------------------------------------------------


class ApplicationListView(generics.ListAPIView):
    """The citizen's own applications, newest first."""

    serializer_class = ApplicationSerializer

    def get_queryset(self):
        return selectors.application_list_for_citizen(citizen=self.request.user)


class FiledListView(generics.ListAPIView):
    """Applications the caller filed for villagers as an agent, newest first."""

    serializer_class = ApplicationSerializer

    def get_queryset(self):
        return selectors.application_list_filed_by(agent=self.request.user)


class MineMixin:
    def mine(self) -> Application:
        """The caller's own application (to follow, pay for, rate or withdraw)."""
        application = selectors.application_get_for_citizen(
            citizen=self.request.user, uuid=self.kwargs["uuid"]
        )
        if application is None:
            raise Http404
        return application

    def filled(self) -> Application:
        """One the caller fills in: their own, or one they filed as an agent."""
        application = selectors.application_get_for_filler(
            user=self.request.user, uuid=self.kwargs["uuid"]
        )
        if application is None:
            raise Http404
        return application


class ApplicationDetailView(MineMixin, APIView):
    """Where it stands: answers, files, timeline, fee and certificate.

    For its applicant, and for the agent who filed it.
    """

    @extend_schema(responses=ApplicationDetailSerializer)
    def get(self, request: Request, uuid: UUID) -> Response:
        return _detail_response(self.filled())


class AnswersView(MineMixin, APIView):
    """Keep answers on the draft as typed, valid or not, like "Save draft"."""

    @extend_schema(
        request=ApplicationAnswersSerializer, responses=ApplicationDetailSerializer
    )
    def patch(self, request: Request, uuid: UUID) -> Response:
        application = self.filled()
        serializer = ApplicationAnswersSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        answers = serializer.validated_data["answers"]
        keys = {field.key for field in application.service.form_fields.all()}
        unknown = sorted(set(answers) - keys)
        if unknown:
            raise serializers.ValidationError(
                {
                    "answers": {
                        key: [_("This form has no such question.")] for key in unknown
                    }
                }
            )
        application = application_answers_save(
            application=application, actor=request.user, answers=answers
        )
        return _detail_response(application)


class MaterialAddView(MineMixin, APIView):
    """Upload one file for a required material; the type is read from the file."""

    parser_classes = [MultiPartParser]

    @extend_schema(
        request=ApplicationMaterialUploadSerializer,
        responses={201: ApplicationDetailSerializer},
    )
    def post(self, request: Request, uuid: UUID) -> Response:
        application = self.filled()
        serializer = ApplicationMaterialUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        wanted = application.service.materials.filter(
            pk=serializer.validated_data["material"]
        ).first()
        if wanted is None:
            raise serializers.ValidationError(
                {"material": [_("This service does not ask for this material.")]}
            )
        try:
            material_add(
                application=application,
                required_material=wanted,
                upload=serializer.validated_data["file"],
                actor=request.user,
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError({"file": error.messages}) from error
        return _detail_response(application, status.HTTP_201_CREATED)


class MaterialView(MineMixin, APIView):
    """One uploaded file: download it (its applicant only), or remove it."""

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request: Request, uuid: UUID, material_uuid: UUID) -> FileResponse:
        material = selectors.material_get_for_citizen(
            citizen=request.user, uuid=material_uuid
        )
        if material is None or material.application.uuid != uuid:
            raise Http404
        return material_response(material)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, uuid: UUID, material_uuid: UUID) -> Response:
        application = self.filled()
        material = get_object_or_404(application.materials, uuid=material_uuid)
        material_remove(material=material, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class SubmitView(MineMixin, APIView):
    """Send it: every answer re-checked, every required material there."""

    @extend_schema(
        request=ApplicationSubmitSerializer, responses=ApplicationDetailSerializer
    )
    def post(self, request: Request, uuid: UUID) -> Response:
        application = self.filled()
        delivery_form = DeliveryChoiceForm(request.data, service=application.service)
        if not delivery_form.is_valid():
            raise form_errors(delivery_form)
        checked, answers = answers_check(application)
        errors = {
            key: messages
            for item in checked
            for key, messages in item["form"].errors.items()
        }
        if errors:
            raise serializers.ValidationError({"answers": errors})
        missing = materials_missing(application)
        if missing:
            raise serializers.ValidationError(
                {
                    "materials": [
                        _("Upload %(material)s first.") % {"material": material.name}
                        for material in missing
                    ]
                }
            )
        application = application_send(
            application=application,
            actor=request.user,
            answers=answers,
            delivery=delivery_form.cleaned_data["delivery"],
        )
        return _detail_response(application)


class FeeView(MineMixin, APIView):
    """Pay the fee at the counter (cash) or now by card (Stripe's PaymentIntent)."""

    @extend_schema(
        request=ApplicationFeeSerializer, responses=ApplicationFeeResultSerializer
    )
    def post(self, request: Request, uuid: UUID) -> Response:
        application = self.filled()
        serializer = ApplicationFeeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        state = None
        if serializer.validated_data["method"] == PaymentMethod.CARD:
            payment, state = application_fee_card(application=application)
        else:
            payment = application_fee_cash(application=application)
        return Response(
            ApplicationFeeResultSerializer(
                {
                    "payment": payment,
                    "client_secret": state.client_secret if state else None,
                    "intent_status": state.status if state else None,
                }
            ).data
        )


class WithdrawView(MineMixin, APIView):
    """Withdraw the application while the status allows it."""

    @extend_schema(request=None, responses=ApplicationDetailSerializer)
    def post(self, request: Request, uuid: UUID) -> Response:
        application = application_withdraw(application=self.mine(), actor=request.user)
        return _detail_response(application)


class RateView(MineMixin, APIView):
    """The applicant's 1-5 rating of a decided application, once."""

    @extend_schema(
        request=ApplicationRateSerializer, responses=ApplicationDetailSerializer
    )
    def post(self, request: Request, uuid: UUID) -> Response:
        application = self.mine()
        serializer = ApplicationRateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        application = application_rate(
            application=application,
            actor=request.user,
            rating=serializer.validated_data["rating"],
            reason=serializer.validated_data.get("reason", ""),
        )
        return _detail_response(application)


class CertificateView(MineMixin, APIView):
    """The holder's e-certificate PDF; another citizen's is a 404."""

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    def get(self, request: Request, uuid: UUID) -> FileResponse:
        application = self.mine()
        certificate = selectors.application_certificate(application=application)
        if certificate is None:
            raise Http404
        if not certificate.pdf:
            # The render task has not run yet: do its (idempotent) work now.
            certificate = certificate_pdf_store(certificate_pk=certificate.pk)
        response = FileResponse(
            certificate.pdf.open("rb"),
            content_type="application/pdf",
            filename=f"certificate-{application.reference}.pdf",
        )
        response["Cache-Control"] = "private, no-store"
        return response


# --- Certificate check ------------------------------------------------------------


class CertificateCheckSerializer(serializers.Serializer):
    """What /verify/<code>/ shows: nothing personal beyond the masked name."""

    is_valid = serializers.BooleanField()
    revoked_at = serializers.DateTimeField(allow_null=True)
    township = serializers.CharField(source="application.township.name")
    department = serializers.CharField(source="application.department.name")
    service = serializers.CharField(source="application.service.name")
    issued_on = serializers.SerializerMethodField()
    holder = serializers.SerializerMethodField(
        help_text=gettext_lazy("Only the first letters of the holder's name.")
    )

    @extend_schema_field(serializers.DateField())
    def get_issued_on(self, certificate):
        return issued_on(certificate)

    @extend_schema_field(serializers.CharField())
    def get_holder(self, certificate) -> str:
        return name_masked(holder_name(certificate.application))


class CertificateCheckView(APIView):
    """Anyone with the code from the QR: valid or revoked, issuer, service, date."""

    permission_classes = [AllowAny]

    @extend_schema(responses=CertificateCheckSerializer)
    def get(self, request: Request, code: str) -> Response:
        certificate = certificate_for_code(code=code)
        if certificate is None:
            raise Http404
        return Response(CertificateCheckSerializer(certificate).data)
