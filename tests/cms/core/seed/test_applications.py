"""seed_demo's service hall: forms, applications in every state filed through the
services once, a certificate that verifies, and an overdue one first in the hall.

"""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from hub.accounts.models import User
from hub.couriers.constants import ShipmentKind
from hub.couriers.models import Shipment
from townships.applications.constants import ApplicationStatus
from townships.applications.form_definition import FormField, Prefill
from townships.applications.models import (
    Application,
    Certificate,
)
from townships.public_services.models import PublicService

from . import snapshots

pytestmark = pytest.mark.django_db

A = ApplicationStatus
CITIZEN = "+8613800000001"


def test_seed_demo_files_applications_in_every_state_once(demo, client):
    # a second run made no new rows
    assert demo.unchanged(snapshots.applications)
    # every demo service is online with a form that starts from the profile
    for service in PublicService.objects.all():
        assert service.is_online
        prefills = set(service.form_fields.values_list("prefill", flat=True))
        assert {Prefill.NAME, Prefill.PHONE} <= prefills
    assert FormField.objects.exclude(shown_if_key="").exists()
    # applications in every state, most of them the demo citizen's
    citizen = User.objects.get(phone=CITIZEN)
    assert set(Application.objects.values_list("status", flat=True)) == set(A.values)
    assert set(citizen.applications.values_list("status", flat=True)) == set(A.values)
    assert citizen.applications.count() > Application.objects.count() / 2
    assert citizen.applications.filter(filed_by__isnull=False).exists()
    # one overdue: sent weeks ago, its deadline computed from then
    today = timezone.localdate()
    overdue = Application.objects.get(
        status__in=(A.SUBMITTED, A.ACCEPTED), deadline__lt=today
    )
    assert (today - timezone.localdate(overdue.submitted_at)).days >= 21
    assert overdue.promised_by <= overdue.deadline < today
    sent = overdue.events.get(kind="status", status=A.SUBMITTED)
    assert abs(sent.at - overdue.submitted_at) < timedelta(minutes=1)
    # approved: one e-certificate with its PDF, one document by courier
    approved = Application.objects.filter(status=A.APPROVED)
    certificate = Certificate.objects.filter(application__in=approved).first()
    assert certificate.pdf.read(5) == b"%PDF-"
    Shipment.objects.get(kind=ShipmentKind.DOCUMENT, reference__startswith="app")
    # the certificate verifies through the public page
    response = client.get(reverse("certificates:verify", args=[certificate.code]))
    assert response.status_code == 200
    assert 'data-certificate-status="valid"' in response.content.decode()
    # the demo citizen sees the range on /me/applications/
    client.force_login(citizen)
    mine = client.get(reverse("applications:mine")).content.decode()
    for application in citizen.applications.exclude(status=A.DRAFT):
        assert application.reference in mine
    # the officer of the overdue one's department sees it first in the hall
    officer = User.objects.get(
        memberships__department=overdue.department, memberships__role="officer"
    )
    client.force_login(officer)
    queue = client.get(reverse("hall:queue")).content.decode()
    references = re.findall(r'data-reference="([^"]+)"', queue)
    assert references[0] == overdue.reference
    assert len(references) > 1
