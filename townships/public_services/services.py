"""Writes to the service catalogue, by staff and heads of the township only."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from hub.accounts.models import User
from townships.core.models import Township

from .models import PublicService
from .permissions import can_edit_public_services


@transaction.atomic
def public_service_create(*, actor: User, service: PublicService) -> PublicService:
    """Validate and save a new service with its materials.

    ``service`` is unsaved, as a form or a caller built it; its materials are
    the in-memory ``materials`` relation (modelcluster) and are saved with it.
    Raises PermissionDenied unless the actor edits the service's township, and
    ValidationError when the service or a material is invalid.
    """
    if service.pk is not None:
        raise ValueError("public_service_create takes a new service.")
    _check_may_edit(actor, service.township)
    _validate(service)
    service.save()
    return service


@transaction.atomic
def public_service_update(*, actor: User, service: PublicService) -> PublicService:
    """Validate and save the changes to a service and its materials.

    The actor must edit the township the service belongs to now and, when the
    change moves it, the township it moves to.
    """
    stored_township = Township.objects.get(public_services__pk=service.pk)
    _check_may_edit(actor, stored_township)
    if service.township_id != stored_township.pk:
        _check_may_edit(actor, service.township)
    _validate(service)
    service.save()
    return service


def _check_may_edit(actor: User, township: Township) -> None:
    if not can_edit_public_services(actor, township):
        raise PermissionDenied("You may not edit this township's services.")


def _validate(service: PublicService) -> None:
    service.full_clean()
    for material in service.materials.all():
        material.full_clean(exclude=["service"])
