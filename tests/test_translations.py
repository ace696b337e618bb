"""Every string of ours is translated into Simplified Chinese and Vietnamese."""

import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[1] / "locale"
CATALOGUES = sorted(
    path
    for language in ("zh_Hans", "vi")
    for path in (LOCALE / language / "LC_MESSAGES").glob("*.po")
)


def test_catalogues_exist_for_both_languages():
    assert {path.parts[-3] for path in CATALOGUES} == {"zh_Hans", "vi"}


@pytest.mark.parametrize(
    "catalogue", CATALOGUES, ids=lambda p: f"{p.parts[-3]}/{p.name}"
)
def test_catalogue_is_complete_and_valid(catalogue):
    # msgfmt --check validates placeholders and plural forms; --statistics counts
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(catalogue)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr
