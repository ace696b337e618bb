"""The public service catalogue: /services/, per township, and each service."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from hub.core.page_cache import for_visitors
from townships.core.models import Township

from .forms import ServiceSearchForm
from .selectors import public_service_get, public_service_list


@for_visitors
def service_list(request: HttpRequest) -> HttpResponse:
    """Every township's services, searched with ?q= and filtered with ?township=."""
    form = ServiceSearchForm(request.GET)
    query, township = "", None
    if form.is_valid():
        query, township = form.cleaned_data["q"], form.cleaned_data["township"]
    services = public_service_list(township=township, query=query)
    return render(
        request,
        "public_services/service_list.html",
        {"form": form, "query": query, "township": township, "services": services},
    )


@for_visitors
def township_services(request: HttpRequest, township_slug: str) -> HttpResponse:
    """One township's services, grouped by department."""
    township = get_object_or_404(Township.objects.active(), slug=township_slug)
    services = public_service_list(township=township)
    return render(
        request,
        "public_services/township_services.html",
        {"township": township, "services": services},
    )


@for_visitors
def service_detail(
    request: HttpRequest, township_slug: str, service_slug: str
) -> HttpResponse:
    """What to bring, what it costs, how long it takes and how the result comes."""
    township = get_object_or_404(Township.objects.active(), slug=township_slug)
    service = public_service_get(township=township, slug=service_slug)
    if service is None:
        raise Http404
    return render(
        request,
        "public_services/service_detail.html",
        {"township": township, "service": service},
    )
