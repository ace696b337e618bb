"""Wagtail's page view with kept routes (serving.py), at Wagtail's own pattern."""

from django.urls import re_path

from wagtail.urls import serve_pattern

from .serving import serve

urlpatterns = [re_path(serve_pattern, serve, name="wagtail_serve")]
