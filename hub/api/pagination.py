"""Page-number pagination: ?page= and ?page_size= (at most 100)."""

from rest_framework import pagination

from hub.core.paginator import KeysFirstPaginator


class PageNumberPagination(pagination.PageNumberPagination):
    """DRF's page numbers, with a page size the caller may lower or raise to 100."""

    page_size_query_param = "page_size"
    max_page_size = 100


class KeysFirstPageNumberPagination(PageNumberPagination):
    """The same, reading each page by its keys first (hub.core.paginator)."""

    django_paginator_class = KeysFirstPaginator
