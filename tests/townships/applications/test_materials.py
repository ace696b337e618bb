"""Uploads: only PDF, JPEG, PNG by content; private, reached only by the owner."""

import io

from django.urls import reverse

import pytest
from PIL import Image

from tests.townships.applications import citizen_fixtures
from tests.townships.applications.citizen_fixtures import PDF, png_bytes, upload
from townships.applications import materials as materials_module
from townships.applications.citizen_services import (
    application_draft_start,
    material_add,
)
from townships.applications.models import Material

pytestmark = pytest.mark.django_db

online_service = citizen_fixtures.online_service
jpeg = citizen_fixtures.jpeg


def _gif() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "GIF")
    return buffer.getvalue()


def _bomb() -> bytes:
    # As in tests/hub/core/test_images.py: tiny on disk, 100 Mpx when decoded.
    buffer = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def draft(citizen, online_service):
    return application_draft_start(
        service=online_service, applicant=citizen, actor=citizen
    )


def _post(client, draft, content: bytes, name: str):
    required = draft.service.materials.get(is_required=True)
    return client.post(
        reverse("applications:materials", args=[draft.uuid]),
        {"material": required.pk, "file": upload(content, name)},
    )


@pytest.mark.parametrize(
    ("kind", "name", "content_type"),
    [
        ("pdf", "scan.pdf", "application/pdf"),
        ("jpeg", "photo.jpg", "image/jpeg"),
        ("png", "photo.png", "image/png"),
        ("jpeg", "looks-like.pdf", "image/jpeg"),
    ],
)
def test_accepts_pdf_jpeg_png_by_their_content(
    client, citizen, draft, jpeg, kind, name, content_type
):
    # given
    content = {"pdf": PDF, "jpeg": jpeg, "png": png_bytes()}[kind]
    client.force_login(citizen)
    # when
    response = _post(client, draft, content, name)
    # then: stored privately under our own name, typed by its content
    assert response.status_code == 302
    material = Material.objects.get(application=draft)
    assert (material.content_type, material.original_name) == (content_type, name)
    assert material.size == len(content)
    assert name not in material.file.name
    assert material.file.storage.base_url is None


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"GIF89a" + _gif()[6:], "anim.gif", "PDF, JPEG or PNG"),
        (b"hello, I am text", "letter.pdf", "PDF, JPEG or PNG"),
        (
            PDF + b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>",
            "x.pdf",
            "scripts",
        ),
        (PDF + b"/Launch /F (cmd.exe)", "y.pdf", "scripts"),
        (PDF + b"/EmbeddedFile", "z.pdf", "scripts"),
        (_bomb(), "bomb.png", "too many pixels"),
        (
            b"\xff\xd8\xff\xe0 not really a jpeg",
            "broken.jpg",
            "not a photo we can read",
        ),
    ],
)
def test_refuses_what_is_not_a_plain_pdf_or_image(
    client, citizen, draft, content, name, message
):
    # given
    client.force_login(citizen)
    # when
    response = _post(client, draft, content, name)
    # then: the same page with the reason, nothing stored
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Material.objects.exists()


def test_refuses_a_file_over_the_size_limit(client, citizen, draft, monkeypatch):
    monkeypatch.setattr(materials_module, "MATERIAL_MAX_BYTES", 1000)
    client.force_login(citizen)
    response = _post(client, draft, PDF + b"\0" * 1000, "big.pdf")
    assert response.status_code == 200
    assert "too large (0 MB at most)" in response.content.decode()
    assert not Material.objects.exists()


def test_default_limit_is_ten_megabytes():
    assert materials_module.MATERIAL_MAX_BYTES == 10 * 1024 * 1024


@pytest.fixture
def stored(citizen, draft):
    return material_add(
        application=draft,
        required_material=draft.service.materials.get(is_required=True),
        upload=upload(PDF, "id.pdf"),
        actor=citizen,
    )


def _download_url(material):
    return reverse(
        "applications:material_download",
        args=[material.application.uuid, material.uuid],
    )


def test_anonymous_is_sent_to_log_in(client, stored):
    response = client.get(_download_url(stored))
    assert response.status_code == 302
    assert reverse("accounts:login") in response.url


def test_another_citizen_gets_404(client, other_citizen, stored):
    client.force_login(other_citizen)
    assert client.get(_download_url(stored)).status_code == 404


def test_the_owner_downloads_the_file(client, citizen, stored):
    client.force_login(citizen)
    response = client.get(_download_url(stored))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]


def test_the_storage_path_is_not_served_under_media(client, citizen, stored, settings):
    client.force_login(citizen)
    for path in (stored.file.name, f"private/{stored.file.name}"):
        assert client.get(f"{settings.MEDIA_URL}{path}").status_code == 404


def test_another_citizen_cannot_upload_or_remove(client, other_citizen, stored):
    # given
    client.force_login(other_citizen)
    application = stored.application
    # when
    upload_response = _post(client, application, PDF, "mine.pdf")
    remove_response = client.post(
        reverse("applications:material_remove", args=[application.uuid, stored.uuid])
    )
    # then
    assert (upload_response.status_code, remove_response.status_code) == (404, 404)
    assert Material.objects.get() == stored


def test_an_agent_of_another_township_cannot_fill_a_villagers_draft(
    client, other_township_agent, stored
):
    client.force_login(other_township_agent)
    url = reverse("applications:step", args=[stored.application.uuid, 1])
    assert client.get(url).status_code == 404
