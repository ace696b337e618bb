"""Small helpers for the account page tests."""

from html import unescape

from django.http import HttpResponse
from django.test import Client


def page_text(response: HttpResponse) -> str:
    """The response body as a person reads it (HTML entities decoded)."""
    return unescape(response.content.decode())


def logged_in_user_pk(client: Client) -> str | None:
    """The pk of the user logged in on this client, or None."""
    return client.session.get("_auth_user_id")
