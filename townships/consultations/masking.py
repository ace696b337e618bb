"""Hide phone numbers and ID numbers in text that is published.

Phone numbers are found by libphonenumber (China and Vietnam, with or without
the country code, spaces or dashes); ID numbers by their shape: the Chinese
resident ID (17 digits and a digit or X) and the Vietnamese citizen ID (CCCD,
12 digits). The shape is enough: a mistyped ID is as private as a valid one.
"""

import re

import phonenumbers

# Regions whose national formats we look for (a +country number is found by any).
PHONE_REGIONS = ("CN", "VN")
_ID_NUMBERS = re.compile(r"(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{12})(?![0-9A-Za-z])")
MASK = "*"


def _masked(number: str, *, keep_start: int, keep_end: int) -> str:
    """The number with its middle digits starred, spacing kept (138****8000)."""
    positions = [i for i, char in enumerate(number) if char.isalnum()]
    hidden = set(positions[keep_start : len(positions) - keep_end])
    return "".join(MASK if i in hidden else c for i, c in enumerate(number))


def mask_personal_numbers(text: str) -> str:
    """The text with every phone and ID number it holds masked."""
    text = _ID_NUMBERS.sub(
        lambda match: _masked(match.group(), keep_start=2, keep_end=2), text
    )
    for region in PHONE_REGIONS:
        spans = [
            (match.start, match.end)
            for match in phonenumbers.PhoneNumberMatcher(
                text, region, leniency=phonenumbers.Leniency.VALID
            )
        ]
        for start, end in reversed(spans):
            text = (
                text[:start]
                + _masked(text[start:end], keep_start=3, keep_end=2)
                + text[end:]
            )
    return text
