"""Private files: citizens' uploads and proofs, never under MEDIA_URL."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class PrivateMediaStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, read when used (tests move it)."""

    @cached_property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @cached_property
    def base_url(self):
        return None


def private_storage() -> PrivateMediaStorage:
    return PrivateMediaStorage()
