"""The caller's own account and profile, checked by the web's profile form."""

from django.utils.translation import gettext as _

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from hub.accounts.forms import ProfileForm
from hub.accounts.selectors import profile_get_for_user
from hub.accounts.services import profile_update

from .exceptions import form_errors
from .serializers import ProfileSerializer

FIELDS = ("real_name", "township", "village", "preferred_language")


def _profile_data(user) -> dict:
    profile = profile_get_for_user(user=user)
    return {
        "phone": str(user.phone) if user.phone else None,
        "email": user.email or "",
        "real_name": profile.real_name,
        "township": profile.township.slug if profile.township_id else None,
        "village": profile.village,
        "preferred_language": profile.preferred_language,
    }


class ProfileView(APIView):
    """Real name, township, village and preferred language; PATCH changes some."""

    @extend_schema(responses=ProfileSerializer)
    def get(self, request: Request) -> Response:
        return Response(ProfileSerializer(_profile_data(request.user)).data)

    @extend_schema(request=ProfileSerializer, responses=ProfileSerializer)
    def patch(self, request: Request) -> Response:
        changes = ProfileSerializer(data=request.data, partial=True)
        changes.is_valid(raise_exception=True)
        values = {**_profile_data(request.user), **changes.validated_data}
        form = ProfileForm(
            instance=profile_get_for_user(user=request.user),
            data={key: values[key] or "" for key in FIELDS},
        )
        townships = form.fields["township"].queryset
        if values["township"]:
            township = townships.filter(slug=values["township"]).first()
            if township is None:
                raise exceptions.ValidationError(
                    {"township": [_("There is no such township.")]}
                )
            form.data["township"] = township.pk
        if not form.is_valid():
            raise form_errors(form)
        profile_update(user=request.user, **form.cleaned_data)
        return Response(ProfileSerializer(_profile_data(request.user)).data)
