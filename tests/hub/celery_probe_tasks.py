"""A task for the worker-lost test; the test worker loads it with --include."""

import os
import time
from pathlib import Path

from celery import shared_task


@shared_task
def crash_once_task(folder: str) -> None:
    """Record each attempt; the first attempt waits to be killed, the next finishes."""
    folder_path = Path(folder)
    attempts = folder_path / "attempts"
    with attempts.open("a") as out:
        out.write(f"{os.getpid()}\n")
    if len(attempts.read_text().split()) == 1:
        (folder_path / "pid").write_text(str(os.getpid()))
        time.sleep(30)
    (folder_path / "done").write_text("done")
