"""Township staff keep their own township's services in /cms/, and only those.

The matrix: anonymous, a citizen, staff of another township, and staff and head
of this township list, open, change, create and delete a service of township A.
Every denial leaves the service as it was and creates nothing.
"""

from django.urls import reverse

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests.factories.public_services import PublicServiceFactory
from tests.factories.townships import DepartmentFactory
from townships.public_services.models import PublicService

pytestmark = pytest.mark.django_db

EDITORS = ["township_staff", "township_head"]
OUTSIDERS = [None, "citizen", "other_township_staff"]


@pytest.fixture
def service(township):
    return PublicServiceFactory(
        township=township,
        department=DepartmentFactory(township=township, slug="service-hall"),
        name_en="Xiaoyudong endorsement",
        promised_time_days=5,
    )


def _login(client, request, who):
    if who is not None:
        client.force_login(request.getfixturevalue(who))


def _form(*, township, department, **changes) -> dict:
    data = {
        "township": township.pk,
        "department": department.pk,
        "slug": "new-service",
        "name_zh_hans": "新服务",
        "name_vi": "",
        "name_en": "New service",
        "fee": "0",
        "courier_fee": "0",
        "legal_time_limit_days": "10",
        "promised_time_days": "3",
        "visits_needed": "0",
        "offers_pickup": "on",
        "is_active": "on",
        "materials": inline_formset(
            [
                {
                    "name_zh_hans": "身份证",
                    "name_en": "Identity card",
                    "is_required": "on",
                }
            ]
        ),
        # The application form (townships.applications.FormField), edited inline.
        "form_fields": inline_formset(
            [
                {
                    "key": "reason",
                    "label_zh_hans": "理由",
                    "kind": "choice",
                    "choices": "Travel\nStudy",
                    "step": "1",
                    "is_required": "on",
                }
            ]
        ),
    }
    data.update({k: v.pk if hasattr(v, "pk") else v for k, v in changes.items()})
    return nested_form_data(data)


def _edit_form(service, **changes) -> dict:
    fields = {
        "township": service.township,
        "department": service.department,
        "slug": service.slug,
        "name_en": service.name_en,
        **changes,
    }
    return _form(**fields)


@pytest.mark.parametrize("who", EDITORS)
def test_editors_list_change_and_create_their_townships_services(
    client, request, who, service, other_township
):
    # given
    theirs = PublicServiceFactory(township=other_township, name_en="Huaqiao secret")
    _login(client, request, who)
    # when
    listing = client.get(reverse("public_services_admin:index"))
    edit = client.post(
        reverse("public_services_admin:edit", args=[service.pk]),
        _edit_form(service, promised_time_days="2"),
    )
    add = client.post(
        reverse("public_services_admin:add"),
        _form(township=service.township, department=service.department),
    )
    # then
    assert listing.status_code == 200
    assert "Xiaoyudong endorsement" in listing.content.decode()
    assert "Huaqiao secret" not in listing.content.decode()
    assert edit.status_code == 302
    assert PublicService.objects.get(pk=service.pk).promised_time_days == 2
    assert add.status_code == 302
    created = PublicService.objects.get(slug="new-service")
    assert created.township == service.township
    assert list(created.materials.values_list("name_en", flat=True)) == [
        "Identity card"
    ]
    question = created.form_fields.get()
    assert (question.key, question.choice_list) == ("reason", ["Travel", "Study"])
    assert PublicService.objects.get(pk=theirs.pk).name_en == "Huaqiao secret"


@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_cannot_see_change_delete_or_create_the_townships_services(
    client, request, who, service
):
    # given
    _login(client, request, who)
    urls = [
        reverse(f"public_services_admin:{name}", args=[service.pk])
        for name in ("edit", "delete", "history", "usage")
    ]
    # when
    listing = client.get(reverse("public_services_admin:index"))
    opened = [client.get(url).status_code for url in urls]
    changed = client.post(urls[0], _edit_form(service, promised_time_days="1"))
    deleted = client.post(urls[1])
    added = client.post(
        reverse("public_services_admin:add"),
        _form(township=service.township, department=service.department),
    )
    # then
    assert "Xiaoyudong endorsement" not in listing.content.decode()
    if who == "other_township_staff":
        assert listing.status_code == 200
        assert opened == [404, 404, 404, 404]
        assert (changed.status_code, deleted.status_code) == (404, 404)
        # The form refuses a township that is not theirs.
        assert added.status_code == 200
        assert "township" in added.context["form"].errors
    else:
        assert listing.status_code == 302
        assert {code for code in opened} == {302}
        assert {changed.status_code, deleted.status_code, added.status_code} == {302}
    stored = PublicService.objects.get(pk=service.pk)
    assert stored.promised_time_days == 5
    assert not PublicService.objects.filter(slug="new-service").exists()


def test_the_form_offers_only_the_editors_townships_and_departments(
    client, township, other_township, township_staff, service
):
    # given
    DepartmentFactory(township=other_township, name_en="Huaqiao office")
    client.force_login(township_staff)
    # when
    form = client.get(reverse("public_services_admin:add")).context["form"]
    # then
    assert list(form.fields["township"].queryset) == [township]
    assert {d.township_id for d in form.fields["department"].queryset} == {township.pk}


def test_staff_cannot_give_their_service_a_department_of_another_township(
    client, township_staff, service, other_township
):
    # given
    client.force_login(township_staff)
    theirs = DepartmentFactory(township=other_township)
    # when
    response = client.post(
        reverse("public_services_admin:edit", args=[service.pk]),
        _edit_form(service, department=theirs),
    )
    # then
    assert response.status_code == 200
    assert "department" in response.context["form"].errors
    assert PublicService.objects.get(pk=service.pk).department_id == (
        service.department_id
    )
