import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "html_lang", "heading"),
    [
        ("zh-hans", "zh-Hans", "页面不存在"),
        ("vi", "vi", "Không tìm thấy trang"),
        ("en", "en", "Page not found"),
    ],
)
def test_missing_page_keeps_the_site_header_and_speaks_the_visitors_language(
    client, township, language, html_lang, heading
):
    # when
    response = client.get("/townships/no-such-place/", HTTP_ACCEPT_LANGUAGE=language)
    # then
    assert response.status_code == 404
    body = response.content.decode()
    assert f'<html lang="{html_lang}"' in body
    assert 'class="language-switcher"' in body
    assert heading in body


def test_server_error_page_needs_no_context():
    from django.template.loader import get_template

    html = get_template("500.html").render({})
    assert "Something went wrong" in html
