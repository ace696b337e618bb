"""Tasks run through a real Celery worker on the configured broker.

Embedded pass: kombu's filesystem transport and the SQLite test database file.
Services pass: Redis and PostgreSQL.
"""

import os
import re
import signal
import threading
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import authenticate
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone

import pytest

from hub.accounts.models import LoginCode
from hub.accounts.services import login_code_consume, login_code_send
from tests.factories.accounts import UserFactory
from tests.fixtures.services import running_worker, wait_for

PHONE = "+8613900000001"


def _code_texted_to(sms_dir: Path, phone: str) -> str | None:
    for log in sms_dir.glob("*.log"):
        for line in log.read_text(encoding="utf-8").splitlines():
            _, to, body = line.split("\t", 2)
            if to == phone:
                return re.search(r"\b(\d{6})\b", body).group(1)
    return None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_login_code_is_texted_by_the_worker_and_logs_in(celery_worker_process):
    # given
    user = UserFactory(phone=PHONE)
    # when: the request commits, and the task is queued after commit
    login_code_send(phone=PHONE)
    # then: the worker texted a code, and that code logs the villager in
    code = wait_for(lambda: _code_texted_to(celery_worker_process, PHONE))
    request = RequestFactory().post("/accounts/sms/verify/")
    assert authenticate(request, username=PHONE, sms_code=code) == user


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_login_code_works_once_when_eight_requests_race():
    # given: one valid code for the phone
    code = "123456"
    LoginCode.objects.create(
        phone=PHONE,
        code_hash=make_password(code),
        expires_at=timezone.now() + timedelta(minutes=5),
    )
    barrier = threading.Barrier(8)
    results = []

    def consume():
        barrier.wait()
        try:
            results.append(login_code_consume(phone=PHONE, code=code))
        finally:
            connection.close()

    # when: eight requests use it at the same moment (PostgreSQL row lock)
    threads = [threading.Thread(target=consume) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then
    assert sorted(results) == [False] * 7 + [True]


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_task_whose_worker_process_is_killed_runs_again(worker_env, tmp_path):
    """acks_late + reject_on_worker_lost: Celery's defaults would lose this task."""
    from tests.hub.celery_probe_tasks import crash_once_task

    # given: a prefork worker with one child process, on a queue of its own so
    # that the session's other worker does not take the message
    with running_worker(
        "--queues=probe",
        "--pool=prefork",
        "--concurrency=1",
        "--include=tests.hub.celery_probe_tasks",
        env=worker_env,
        log_path=tmp_path / "worker.log",
    ):
        # when: the child running the task is killed mid-run
        crash_once_task.apply_async(args=[str(tmp_path)], queue="probe")
        pid = int(wait_for(lambda: _read(tmp_path / "pid")))
        os.kill(pid, signal.SIGKILL)
        # then: the message goes back to the queue and the task runs to the end
        wait_for(lambda: _read(tmp_path / "done"), timeout=60)
    assert len((tmp_path / "attempts").read_text().split()) == 2


def _read(path: Path) -> str | None:
    return path.read_text() if path.exists() and path.read_text() else None
