"""The one environment reader and the project's paths, for all settings modules."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(environ.Env().str("HUB_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
