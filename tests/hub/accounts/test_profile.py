from django.urls import reverse

from hub.accounts.models import Profile
from tests.factories.accounts import DEFAULT_PASSWORD, UserFactory
from tests.factories.townships import TownshipFactory
from tests.hub.accounts.helpers import page_text

PROFILE_URL = reverse("accounts:profile")


def profile_data(**overrides) -> dict:
    data = {
        "real_name": "李大山",
        "township": "",
        "village": "龙门村",
        "preferred_language": "",
    }
    data.update(overrides)
    return data


def test_requires_login(client, db):
    # when
    get_response = client.get(PROFILE_URL)
    post_response = client.post(PROFILE_URL, profile_data())

    # then
    assert get_response.status_code == 302
    assert get_response.url == f"{reverse('accounts:login')}?next={PROFILE_URL}"
    assert post_response.status_code == 302
    assert Profile.objects.exists() is False


def test_saves_real_name_and_township(client, citizen):
    # given
    township = TownshipFactory()
    client.force_login(citizen)

    # when
    response = client.post(PROFILE_URL, profile_data(township=township.pk))

    # then
    assert response.status_code == 302
    assert response.url == PROFILE_URL
    profile = Profile.objects.get(user=citizen)
    assert profile.real_name == "李大山"
    assert profile.township == township
    assert profile.village == "龙门村"


def test_creates_the_profile_of_an_account_without_one(client, db):
    # given
    user = UserFactory(profile=None)
    client.force_login(user)

    # when
    client.post(PROFILE_URL, profile_data())

    # then
    assert Profile.objects.get(user=user).real_name == "李大山"


def test_offers_only_active_townships(client, citizen):
    # given
    active = TownshipFactory()
    inactive = TownshipFactory(is_active=False)
    client.force_login(citizen)

    # when
    page = client.get(PROFILE_URL)
    response = client.post(PROFILE_URL, profile_data(township=inactive.pk))

    # then
    assert list(page.context["form"].fields["township"].queryset) == [active]
    assert list(response.context["form"].errors) == ["township"]
    assert Profile.objects.get(user=citizen).township is None


def test_real_name_is_required(client, citizen):
    # given
    client.force_login(citizen)
    before = citizen.profile.real_name

    # when
    response = client.post(PROFILE_URL, profile_data(real_name=" "))

    # then
    assert response.status_code == 200
    assert response.context["form"].errors == {"real_name": ["This field is required."]}
    assert 'value="龙门村"' in page_text(response)
    assert Profile.objects.get(user=citizen).real_name == before


def test_saving_a_language_sets_the_language_cookie(client, citizen, settings):
    # given
    client.force_login(citizen)

    # when
    response = client.post(PROFILE_URL, profile_data(preferred_language="vi"))

    # then
    assert Profile.objects.get(user=citizen).preferred_language == "vi"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "vi"


def test_unknown_language_is_refused(client, citizen):
    # given
    client.force_login(citizen)

    # when
    response = client.post(PROFILE_URL, profile_data(preferred_language="xx"))

    # then
    assert list(response.context["form"].errors) == ["preferred_language"]


def test_links_to_the_address_book(client, citizen):
    # given
    client.force_login(citizen)

    # when
    response = client.get(PROFILE_URL)

    # then
    assert 'href="/shop/accounts/addresses/"' in page_text(response)


def test_goes_on_to_safe_next_after_saving(client, citizen):
    # given
    client.force_login(citizen)

    # when
    safe = client.post(f"{PROFILE_URL}?next=/shop/", profile_data())
    unsafe = client.post(f"{PROFILE_URL}?next=https://evil.example/", profile_data())

    # then
    assert safe.url == "/shop/"
    assert unsafe.url == PROFILE_URL


def test_login_sets_the_preferred_language_cookie(client, citizen, settings):
    # given
    Profile.objects.filter(user=citizen).update(preferred_language="zh-hans")

    # when
    response = client.post(
        reverse("accounts:login"),
        {"username": citizen.email, "password": DEFAULT_PASSWORD},
    )

    # then
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"
