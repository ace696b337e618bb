"""seed_demo's questions: at least 30 across the demo townships, in every state,
once however often it runs; the board shows the answered public ones."""

from django.db.models import F
from django.urls import reverse
from django.utils import timezone

import pytest

from townships.consultations.constants import ConsultationEventKind as K
from townships.consultations.constants import ConsultationStatus as S
from townships.consultations.models import Consultation, ConsultationEvent

from . import snapshots

pytestmark = pytest.mark.django_db


def test_seed_demo_asks_questions_in_every_state_once(demo, client):
    assert demo.unchanged(snapshots.questions)
    items = Consultation.objects.all()
    assert items.count() >= 30
    assert items.values("township").distinct().count() == 3
    answered = items.filter(status__in=[S.ANSWERED, S.CLOSED])
    assert answered.filter(answered_at__lte=F("answer_due")).exists()
    assert answered.filter(answered_at__gt=F("answer_due")).exists()
    assert items.filter(status=S.CLOSED, rating__isnull=False).exists()
    assert ConsultationEvent.objects.filter(kind=K.FORWARDED).exists()
    reopened = items.filter(reopened_count__gt=0, status=S.OPEN)
    assert reopened.filter(answer_due__gt=timezone.now()).exists()
    assert items.filter(status=S.OPEN, answer_due__gt=timezone.now()).exists()
    overdue = items.filter(status=S.OPEN, answer_due__lt=timezone.now())
    assert overdue.exists()
    assert not overdue.filter(escalated_at__isnull=True).exists()
    # no phone or ID number typed into the demo reaches the public board
    public_text = " ".join(
        Consultation.objects.filter(is_public=True).values_list("body", flat=True)
    )
    assert "001203004567" not in public_text
    assert "13800138000" not in public_text
    board = client.get(reverse("consultations:board"))
    assert len(board.context["page"].object_list) >= 10
