"""A notice's fan-out through a real Celery worker on the configured broker.

Both tests publish an emergency alert and give the urgent queue a name of the
test's own, so that no other worker of the session takes its tasks.
"""

import os
import signal
import time
import uuid
from pathlib import Path

import pytest
from amqp.exceptions import ChannelError

from cms.pages.constants import NoticeCategory
from hub.celery import app
from hub.notifications.constants import DeliveryStatus
from hub.notifications.models import Delivery, Message
from tests.factories.cms import notice_add
from tests.fixtures.services import running_worker, wait_for

FILE_SMS = "hub.notifications.sms.backends.file.SmsBackend"


def _texted(sms_dir: Path) -> list[str]:
    """The phone number of every SMS the worker wrote."""
    return [
        line.split("\t")[1]
        for log in sms_dir.glob("*.log")
        for line in log.read_text(encoding="utf-8").splitlines()
    ]


def _queue_length(queue: str) -> int:
    with app.connection_for_read() as connection:
        try:
            return connection.default_channel.queue_declare(
                queue=queue, passive=True
            ).message_count
        except ChannelError:  # Redis drops an empty queue's key
            return 0


@pytest.fixture
def urgent_worker_env(settings, worker_env, tmp_path) -> dict[str, str]:
    """A worker environment whose urgent queue is this test's alone."""
    settings.HUB_URGENT_QUEUE = f"urgent-test-{uuid.uuid4().hex[:8]}"
    return {
        **worker_env,
        "HUB_CELERY_URGENT_QUEUE": settings.HUB_URGENT_QUEUE,
        "HUB_SMS_BACKEND": FILE_SMS,
        "HUB_SMS_FILE_PATH": str(tmp_path / "sms"),
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_emergency_alert_is_told_by_a_worker_that_consumes_only_the_urgent_queue(
    settings, urgent_worker_env, tmp_path, notice_index, subscribe
):
    # given: subscribers by SMS, a worker that consumes the urgent queue only
    subscribers = [subscribe(by_email=False) for _ in range(3)]
    with running_worker(
        f"--queues={settings.HUB_URGENT_QUEUE}",
        "--pool=solo",
        env=urgent_worker_env,
        log_path=tmp_path / "worker.log",
    ):
        # when: an emergency alert is published (its fan-out queued on commit)
        notice_add(
            index=notice_index,
            title="Landslide on the county road",
            category=NoticeCategory.EMERGENCY_ALERT,
        )
        # then: that worker tells every subscriber
        wait_for(lambda: len(_texted(tmp_path / "sms")) >= 3)
    assert sorted(_texted(tmp_path / "sms")) == sorted(
        str(u.phone) for u in subscribers
    )
    for user in subscribers:
        assert Message.objects.filter(recipient=user).count() == 1


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_mid_fan_out_still_tells_each_subscriber_exactly_once(
    settings, urgent_worker_env, tmp_path, notice_index, subscribe
):
    """acks_late + reject_on_worker_lost re-run the batch; it tells nobody twice."""
    # given: ten subscribers by SMS, told in batches of four by a prefork worker
    # whose first batch waits, once its work is committed, to be killed
    subscribers = [subscribe(by_email=False) for _ in range(10)]
    env = {
        **urgent_worker_env,
        "HUB_NOTICE_BATCH_SIZE": "4",
        "HUB_FAN_OUT_PROBE_DIR": str(tmp_path),
    }
    queue = settings.HUB_URGENT_QUEUE
    with running_worker(
        f"--queues={queue}",
        "--pool=prefork",
        "--concurrency=1",
        "--include=tests.cms.pages.fan_out_probe",
        env=env,
        log_path=tmp_path / "worker.log",
    ):
        notice_add(
            index=notice_index,
            title="Dam release tonight",
            category=NoticeCategory.EMERGENCY_ALERT,
        )
        # when: the process running the first batch is killed before it acks
        pid = int(wait_for(lambda: _read(tmp_path / "pid")))
        os.kill(pid, signal.SIGKILL)
        # then: the batch runs again, and the whole fan-out completes
        wait_for(
            lambda: (
                Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 10
                and _queue_length(queue) == 0
            ),
            timeout=45,
        )
        time.sleep(1)  # the last task taken from the queue finishes
    runs = (tmp_path / "runs").read_text().splitlines()
    first_batch = runs[0].split(" ", 1)[1]
    assert [run.split(" ", 1)[1] for run in runs].count(first_batch) == 2
    assert sorted(_texted(tmp_path / "sms")) == sorted(
        str(u.phone) for u in subscribers
    )
    for user in subscribers:
        message = Message.objects.get(recipient=user)
        delivery = message.deliveries.get()
        assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 1)


def _read(path: Path) -> str | None:
    return path.read_text() if path.exists() and path.read_text() else None
