"""A notice's body blocks and attachments render for citizens."""

from django.core.files.base import ContentFile

import pytest
from wagtail.documents.models import Document

from cms.pages.models import NoticeAttachment, TownshipHomePage
from tests.factories.cms import notice_add, notice_index_add

pytestmark = pytest.mark.django_db


def test_notice_renders_its_blocks_and_attachments(client, township):
    # given
    document = Document.objects.create(
        title="Application form", file=ContentFile(b"%PDF-1.4\n", name="form.pdf")
    )
    index = notice_index_add(home=TownshipHomePage.objects.get(township=township))
    notice = notice_add(index=index, title="Subsidy", publish=False)
    notice.body = [
        ("heading", {"heading_text": "Who may apply", "size": "h2"}),
        ("paragraph", "<p>Every household with contracted land.</p>"),
        ("document_link", {"document": document, "title": "Download the form"}),
    ]
    notice.attachments.add(NoticeAttachment(document=document))
    notice.save_revision().publish()
    # when
    html = client.get(notice.url).content.decode()
    # then
    assert "<h2>Who may apply</h2>" in html
    assert "Every household with contracted land." in html
    assert "Download the form" in html
    assert "Application form" in html
    assert document.url in html
