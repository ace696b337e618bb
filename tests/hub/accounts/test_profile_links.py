"""Couriers, dispatch staff and officers find their pages from their profile."""

from django.urls import reverse

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "deliveries", "dispatch", "hall"),
    [
        ("citizen", False, False, False),
        ("courier", True, False, False),
        ("logistics", False, True, False),
        ("township_staff", False, False, False),
        ("township_head", False, True, True),
    ],
)
def test_profile_links_to_the_work_of_the_role(
    client, request, who, deliveries, dispatch, hall
):
    person = request.getfixturevalue(who)
    client.force_login(getattr(person, "user", person))

    page = client.get(reverse("accounts:profile")).content.decode()

    assert reverse("couriers:parcels") in page
    assert reverse("applications:mine") in page
    assert (reverse("hall:queue") in page) is hall
    assert (reverse("couriers:courier_tasks") in page) is deliveries
    assert (f'href="{reverse("couriers:dispatch")}"' in page) is dispatch
