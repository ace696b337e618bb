"""Reads of the service catalogue, for the public pages and the service guides.

Each returns active services of active townships only, with their township,
department and materials loaded: two queries, whatever the number of services.
"""

from django.db.models import Q, QuerySet

from townships.core.models import Township

from .models import PublicService

# Every language's name and description is searched, whatever the visitor's.
SEARCHED_FIELDS = [
    f"{field}_{language}"
    for field in ("name", "description")
    for language in ("zh_hans", "vi", "en")
]


def _public() -> QuerySet[PublicService]:
    return (
        PublicService.objects.active()
        .select_related("township", "department")
        .prefetch_related("materials")
    )


def public_service_list(
    *, township: Township | None = None, query: str = ""
) -> QuerySet[PublicService]:
    """Active services (of one township or all) with ``query`` in a name or text."""
    services = _public()
    if township is not None:
        services = services.filter(township=township)
    if query:
        matches = Q()
        for field in SEARCHED_FIELDS:
            matches |= Q(**{f"{field}__icontains": query})
        services = services.filter(matches)
    return services


def public_service_get(*, township: Township, slug: str) -> PublicService | None:
    """The township's active service with this slug, or None."""
    return _public().filter(township=township, slug=slug).first()


def public_service_get_by_pk(*, pk: int) -> PublicService | None:
    """The active service with this pk, or None (a service guide's link)."""
    return _public().filter(pk=pk).first()
