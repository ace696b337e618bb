"""The demo micro-sites: notices in every state, guides and stories per township."""

import pytest

from cms.pages.constants import NoticeCategory
from cms.pages.models import (
    NoticePage,
    ProduceStoryPage,
    ServiceGuidePage,
)
from cms.pages.selectors import notice_list_latest_for_home
from cms.pages.services import township_home_original
from townships.core.models import Township

from . import snapshots

pytestmark = pytest.mark.django_db


def test_each_demo_township_has_its_micro_site(demo, client):
    for slug in ("xiaoyudong", "huaqiao", "mau-son"):
        home = township_home_original(township=Township.objects.get(slug=slug))
        assert home.contact_phone
        notices = NoticePage.objects.descendant_of(home)
        assert notices.count() >= 5
        assert notices.filter(category=NoticeCategory.EMERGENCY_ALERT, live=True)
        assert notices.filter(live=False, go_live_at__isnull=False).exists()
        assert notices.filter(expire_at__isnull=False).exists()
        shown = notice_list_latest_for_home(home=home)
        assert all(n.expire_at is None and n.go_live_at is None for n in shown)
        assert ServiceGuidePage.objects.child_of(home).live().count() == 3
        stories = ProduceStoryPage.objects.child_of(home).live()
        assert stories.count() == 2
        assert all(s.partner.township.slug == slug for s in stories)
        assert client.get(f"/townships/{slug}/").status_code == 200
        assert client.get(f"/townships/{slug}/notices/").status_code == 200
        assert client.get(f"/townships/{slug}/notices/feed/").status_code == 200
        for story in stories:
            assert client.get(story.url).status_code == 200


OTHER_LANGUAGES = {
    "xiaoyudong": ("en", "vi"),
    "huaqiao": ("en", "vi"),
    "mau-son": ("zh-hans", "en"),
}


def _live_translations(page, language: str):
    return (
        type(page)
        .objects.filter(
            translation_key=page.translation_key,
            locale__language_code=language,
            live=True,
            alias_of__isnull=True,
        )
        .exclude(pk=page.pk)
    )


def test_each_demo_township_is_translated_into_its_two_other_languages(demo, client):
    for slug, languages in OTHER_LANGUAGES.items():
        home = township_home_original(township=Township.objects.get(slug=slug))
        assert home.locale.language_code == home.township.default_language
        notices = NoticePage.objects.descendant_of(home)
        for language in languages:
            translated_home = _live_translations(home, language).get()
            assert translated_home.intro and translated_home.intro != home.intro
            translated = [n for n in notices if _live_translations(n, language)]
            assert len(translated) >= 2, (slug, language)
            for notice in translated:
                version = _live_translations(notice, language).get()
                assert version.title != notice.title
                assert version.url == notice.url
                # a visitor of that language gets it at the notice's one URL
                response = client.get(notice.url, headers={"accept-language": language})
                assert response.context["page"].pk == version.pk
        # the map link
        assert home.township.latitude is not None
        html = client.get(home.url).content.decode()
        assert "https://www.openstreetmap.org/?mlat=" in html


def test_hub_home_and_index_are_in_the_three_languages(demo, client):
    # when
    zh = client.get("/", headers={"accept-language": "zh-CN"})
    vi = client.get("/townships/", headers={"accept-language": "vi"})
    # then
    assert zh.context["page"].locale.language_code == "zh-hans"
    assert "乡镇服务平台" in zh.content.decode()
    assert vi.context["page"].locale.language_code == "vi"
    assert vi.context["page"].alias_of_id is None


def test_seeding_twice_changes_no_page_and_adds_no_revision(demo):
    assert demo.unchanged(snapshots.pages_and_revisions)
