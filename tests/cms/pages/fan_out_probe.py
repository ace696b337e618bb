"""Loaded by the fan-out test's worker (--include): the first batch waits to be killed.

Every run of a batch task is logged to $HUB_FAN_OUT_PROBE_DIR/runs. The first
run, once its work is committed but before its message is acknowledged (late
acks), writes its pid and sleeps, so that the test can kill that process.
"""

import os
import time
from pathlib import Path

from celery.signals import task_postrun

BATCH_TASK = "cms.pages.tasks.notice_dispatch_batch_task"


@task_postrun.connect
def _first_batch_waits_to_be_killed(sender=None, args=None, **kwargs) -> None:
    if sender is None or sender.name != BATCH_TASK:
        return
    folder = Path(os.environ["HUB_FAN_OUT_PROBE_DIR"])
    with (folder / "runs").open("a") as runs:
        runs.write(f"{os.getpid()} {args}\n")
    pid_file = folder / "pid"
    if not pid_file.exists():
        pid_file.write_text(str(os.getpid()))
        time.sleep(30)
