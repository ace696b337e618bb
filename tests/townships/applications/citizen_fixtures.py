"""A service with a two-step form, one conditional question and two materials."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from PIL import Image

from tests.factories.public_services import (
    PublicServiceFactory,
    RequiredMaterialFactory,
)
from tests.factories.shop import jpeg_bytes
from townships.applications.form_definition import FieldKind, FormField, Prefill

VALID_CN_ID = "11010519491231002X"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def png_bytes(size=(32, 32)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 200, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def upload(content: bytes, name: str, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type)


@pytest.fixture
def online_service(township):
    service = PublicServiceFactory(
        township=township, is_online=True, fee=0, slug="birth-registration"
    )
    fields = [
        dict(key="name", kind=FieldKind.TEXT, step=1, prefill=Prefill.NAME),
        dict(key="id-number", kind=FieldKind.ID_NUMBER, step=1),
        dict(key="phone", kind=FieldKind.PHONE, step=1, prefill=Prefill.PHONE),
        dict(key="born-on", kind=FieldKind.DATE, step=2),
        dict(key="moved", kind=FieldKind.YES_NO, step=2),
        dict(
            key="old-address",
            kind=FieldKind.TEXT,
            step=2,
            shown_if_key="moved",
            shown_if_value="yes",
        ),
        dict(key="reason", kind=FieldKind.CHOICE, step=2, choices="Birth\nMove"),
    ]
    for order, field in enumerate(fields):
        FormField.objects.create(
            service=service,
            sort_order=order,
            label_zh_hans=field["key"],
            label_en=field["key"].replace("-", " ").capitalize(),
            **field,
        )
    RequiredMaterialFactory(service=service, name_en="ID card", is_required=True)
    RequiredMaterialFactory(service=service, name_en="Old permit", is_required=False)
    return service


@pytest.fixture
def paid_service(online_service):
    online_service.fee = "20.00"
    online_service.save()
    return online_service


@pytest.fixture
def valid_answers(citizen):
    return {
        "q-name": "王芳",
        "q-id-number": VALID_CN_ID,
        "q-phone": "13800138000",
        "q-born-on": "2024-05-01",
        "q-moved": "no",
        "q-old-address": "",
        "q-reason": "Birth",
    }


@pytest.fixture
def jpeg():
    return jpeg_bytes()
