"""Phone and ID numbers typed into public text are masked before publication."""

import pytest

from townships.consultations.masking import mask_personal_numbers
from townships.consultations.services import consultation_answer


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("请拨打13800138000联系我", "13800138000"),
        ("call +86 138 0013 8000 please", "0013 8000"),
        ("Gọi 0912 345 678 nhé", "345 678"),
        ("身份证号110101199003071234", "110101199003071234"),
        ("ID 11010119900307123X.", "11010119900307123X"),
        ("CCCD của tôi là 001203004567", "001203004567"),
    ],
)
def test_masks_phone_and_id_numbers(text, secret):
    masked = mask_personal_numbers(text)

    assert secret not in masked
    assert "*" in masked


@pytest.mark.parametrize(
    "text", ["on 2025-06-01 at 10:30", "300 pigs, 12.50 yuan for 2000 kg"]
)
def test_leaves_dates_and_amounts_alone(text):
    assert mask_personal_numbers(text) == text


def test_public_question_and_answer_are_stored_masked(desk, citizen):
    # given a public question with a phone number and an ID number in it
    consultation = desk.ask(
        citizen,
        title="My ID 110101199003071234 was refused",
        body="Call me at 13800138000.",
        place="Near 13900139000",
    )
    # when the officer answers with the number again
    consultation_answer(
        consultation=consultation,
        actor=desk.officer,
        text="We called 13800138000; bring ID 110101199003071234.",
    )

    # then nothing published holds the numbers
    consultation.refresh_from_db()
    published = " ".join(
        [consultation.title, consultation.body, consultation.place, consultation.answer]
    )
    for secret in ("13800138000", "110101199003071234", "13900139000"):
        assert secret not in published
    assert consultation.answer.startswith("We called 138")


def test_private_question_keeps_the_numbers_for_the_department(desk, citizen):
    consultation = desk.ask(citizen, body="Call me at 13800138000.", is_public=False)

    consultation_answer(
        consultation=consultation, actor=desk.officer, text="Call 13800138000 back."
    )

    consultation.refresh_from_db()
    assert consultation.body == "Call me at 13800138000."
    assert consultation.answer == "Call 13800138000 back."
