"""Township Hub: the Django project and what every part shares."""

from .celery import app as celery_app

__all__ = ["celery_app"]
