"""Search across every township (/search/) and within one (a township home search/).

Oscar owns the "search" app label, so this is a view of the pages app, not an
app of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from . import selectors
from .search_forms import SearchForm

if TYPE_CHECKING:
    from .models import TownshipHomePage


def search_response(
    request: HttpRequest, *, home: TownshipHomePage | None = None
) -> TemplateResponse:
    """Render the results of ?q= within the township of ``home``, or everywhere.

    No ?q= shows the empty form; an empty or too long one, the form's message.
    """
    form = SearchForm(request.GET if "q" in request.GET else None)
    results = None
    if form.is_valid():
        results = selectors.page_search(query=form.cleaned_data["q"], home=home)
    context = {
        "form": form,
        "results": results,
        "home": home,
        "township": home.township if home else None,
        "action": request.path,
    }
    return TemplateResponse(request, "pages/search_results.html", context)


@require_GET
def site_search(request: HttpRequest) -> TemplateResponse:
    """Search the notices, guides and stories of every township."""
    return search_response(request)
