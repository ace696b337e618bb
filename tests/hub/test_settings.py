"""Production settings refuse to start unsafely and pass the deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
REAL_SECRET = "k3J!x9vQ2#mT8zR4wY7^pL1sD6fH0gB5nC-aE_uI+oP=qW@eZ$rX%tV&yU*iO(j)"


def _run(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update(env, DJANGO_SETTINGS_MODULE="hub.settings.production")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _run("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_a_short_or_placeholder_secret():
    result = _run("check", DJANGO_SECRET_KEY="insecure-dev-key")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be a real secret" in result.stderr


def test_production_refuses_debug():
    result = _run("check", DJANGO_SECRET_KEY=REAL_SECRET, DJANGO_DEBUG="true")
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_production_passes_the_deploy_checks_when_configured():
    result = _run(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=REAL_SECRET,
        DJANGO_ALLOWED_HOSTS="hub.example.org",
    )
    assert result.returncode == 0, result.stderr
