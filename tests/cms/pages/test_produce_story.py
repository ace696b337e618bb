"""A produce story shows its stall's products and its photo as lazy WebP."""

import io

from django.core.files.images import ImageFile

import pytest
from wagtail.images.models import Image

from cms.pages.models import ProduceStoryPage, TownshipHomePage
from tests.factories.shop import jpeg_bytes

pytestmark = pytest.mark.django_db


def test_story_lists_the_products_of_its_stall(client, township, stall, product):
    # given
    home = TownshipHomePage.objects.get(township=township)
    story = ProduceStoryPage(title="Hens on the hill", slug="hens", partner=stall)
    home.add_child(instance=story)
    story.save_revision().publish()
    # when
    response = client.get(story.url)
    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert product.title in html
    assert product.get_absolute_url() in html


def test_story_photo_is_a_lazy_webp_srcset(client, township):
    # given
    image = Image.objects.create(
        title="Hens",
        file=ImageFile(io.BytesIO(jpeg_bytes(size=(900, 600))), name="hens.jpg"),
    )
    home = TownshipHomePage.objects.get(township=township)
    story = ProduceStoryPage(title="Hens on the hill", slug="hens", image=image)
    home.add_child(instance=story)
    story.save_revision().publish()
    # when
    html = client.get(story.url).content.decode()
    # then
    assert 'loading="lazy"' in html
    assert "srcset=" in html
    assert ".webp" in html


def test_deleting_the_stall_keeps_the_story(township, stall):
    # given
    home = TownshipHomePage.objects.get(township=township)
    story = ProduceStoryPage(title="Hens", slug="hens", partner=stall)
    home.add_child(instance=story)
    # when
    stall.delete()
    # then
    story.refresh_from_db()
    assert story.partner is None
