"""The catalogue's reads: search in every language, constant queries, active only."""

from django.utils import translation

import pytest

from tests.factories.public_services import (
    PublicServiceFactory,
    RequiredMaterialFactory,
)
from townships.public_services.selectors import (
    public_service_get,
    public_service_list,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def endorsement(township):
    return PublicServiceFactory(
        township=township,
        slug="hk-macao-endorsement",
        name_zh_hans="往来港澳通行证再次签注",
        name_vi="Gia hạn thị thực đi Hồng Kông, Ma Cao",
        name_en="Hong Kong and Macao travel permit endorsement",
        description_en="Apply online, receive it by post.",
        description_vi="Nộp trực tuyến, nhận qua bưu điện.",
    )


@pytest.mark.parametrize(
    "query", ["港澳", "Ma Cao", "travel permit", "by post", "bưu điện", "MACAO"]
)
def test_finds_a_service_by_name_or_description_in_any_language(
    endorsement, other_township, query
):
    # given
    PublicServiceFactory(township=other_township, name_en="Birth registration")
    # when
    with translation.override("zh-hans"):
        found = list(public_service_list(query=query))
    # then
    assert found == [endorsement]


def test_filters_by_township(endorsement, other_township):
    # given
    PublicServiceFactory(township=other_township)
    # when
    found = list(public_service_list(township=endorsement.township))
    # then
    assert found == [endorsement]


def test_leaves_out_inactive_services_and_townships(endorsement, other_township):
    # given
    PublicServiceFactory(township=endorsement.township, is_active=False)
    other_township.is_active = False
    other_township.save()
    PublicServiceFactory(township=other_township)
    # when
    found = list(public_service_list())
    # then
    assert found == [endorsement]


def test_lists_with_two_queries_whatever_the_number_of_services(
    township, django_assert_num_queries
):
    # given
    for _ in range(10):
        RequiredMaterialFactory.create_batch(
            3, service=PublicServiceFactory(township=township)
        )
    # when
    with django_assert_num_queries(2):
        rows = [
            (
                s.name,
                s.township.name,
                s.department.name,
                [m.name for m in s.materials.all()],
            )
            for s in public_service_list()
        ]
    # then
    assert len(rows) == 10
    assert all(len(materials) == 3 for *_, materials in rows)


def test_gets_a_service_of_the_township_only(endorsement, other_township):
    # when / then
    assert public_service_get(township=endorsement.township, slug=endorsement.slug) == (
        endorsement
    )
    assert public_service_get(township=other_township, slug=endorsement.slug) is None
