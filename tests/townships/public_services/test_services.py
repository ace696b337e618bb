"""Only staff and heads of the service's township create and change its services."""

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from tests.factories.public_services import PublicServiceFactory
from tests.factories.townships import DepartmentFactory
from townships.public_services.models import PublicService, RequiredMaterial
from townships.public_services.services import (
    public_service_create,
    public_service_update,
)

pytestmark = pytest.mark.django_db


def _new_service(township, **fields) -> PublicService:
    return PublicServiceFactory.build(
        township=township,
        department=DepartmentFactory(township=township),
        slug="birth-registration",
        materials=[RequiredMaterial(name_zh_hans="出生医学证明")],
        **fields,
    )


@pytest.mark.parametrize("editor", ["township_staff", "township_head"])
def test_staff_and_head_create_a_service_with_its_materials(township, editor, request):
    # given
    actor = request.getfixturevalue(editor)
    # when
    service = public_service_create(actor=actor, service=_new_service(township))
    # then
    stored = PublicService.objects.get(township=township, slug="birth-registration")
    assert stored.pk == service.pk
    assert list(stored.materials.values_list("name_zh_hans", flat=True)) == [
        "出生医学证明"
    ]


@pytest.mark.parametrize("who", ["other_township_staff", "citizen"])
def test_others_cannot_create_a_service_of_the_township(township, who, request):
    # given
    actor = request.getfixturevalue(who)
    # when
    with pytest.raises(PermissionDenied):
        public_service_create(actor=actor, service=_new_service(township))
    # then
    assert not PublicService.objects.exists()


def test_create_validates_before_saving(township, township_staff):
    # given
    service = _new_service(township, legal_time_limit_days=1, promised_time_days=3)
    # when
    with pytest.raises(ValidationError):
        public_service_create(actor=township_staff, service=service)
    # then
    assert not PublicService.objects.exists()


def test_staff_cannot_move_a_service_to_or_from_another_township(
    township, other_township, township_staff, other_township_staff
):
    # given
    service = PublicServiceFactory(township=township, name_en="Birth registration")
    theirs = PublicServiceFactory(township=other_township)
    # when: staff of B changes A's service; staff of A takes B's service
    service.name_en = "Changed"
    with pytest.raises(PermissionDenied):
        public_service_update(actor=other_township_staff, service=service)
    theirs.township = township
    theirs.department = DepartmentFactory(township=township)
    with pytest.raises(PermissionDenied):
        public_service_update(actor=township_staff, service=theirs)
    # then
    assert PublicService.objects.get(pk=service.pk).name_en == "Birth registration"
    assert PublicService.objects.get(pk=theirs.pk).township_id == other_township.pk


def test_staff_update_their_own_service(township, township_staff):
    # given
    service = PublicServiceFactory(township=township, promised_time_days=5)
    # when
    service.promised_time_days = 3
    public_service_update(actor=township_staff, service=service)
    # then
    assert PublicService.objects.get(pk=service.pk).promised_time_days == 3
