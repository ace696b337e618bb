"""The demo micro-sites: notices in every state, guides and stories per township."""

from django.core.management import call_command

import pytest

from cms.pages.constants import NoticeCategory
from cms.pages.models import (
    NoticePage,
    ProduceStoryPage,
    ServiceGuidePage,
    TownshipHomePage,
)
from cms.pages.selectors import notice_list_latest_for_home

pytestmark = pytest.mark.django_db


def test_each_demo_township_has_its_micro_site(settings, tmp_path, client):
    # given
    settings.VAR_DIR = tmp_path
    # when
    call_command("seed_demo")
    # then
    for slug in ("xiaoyudong", "huaqiao", "mau-son"):
        home = TownshipHomePage.objects.get(township__slug=slug)
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
