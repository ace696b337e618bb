"""get_FOO_display() of our models: the label in the visitor's language, built
once per field (hub.core.models.ChoiceLabelsMixin)."""

from django.utils import translation

import pytest

from hub.notifications.constants import MessageKind
from hub.notifications.models import Message
from shop.catalogue.constants import ProduceUnit
from shop.catalogue.models import Product


@pytest.mark.parametrize(
    ("language", "kind", "unit"),
    [("en", "Order", "kg"), ("zh-hans", "订单", "公斤")],
)
def test_a_label_follows_the_language_of_each_request(language, kind, unit):
    message = Message(kind=MessageKind.ORDER)
    product = Product(unit=ProduceUnit.KG)
    with translation.override("en"):
        message.get_kind_display()  # the labels are built in another language
    with translation.override(language):
        assert message.get_kind_display() == kind
        assert product.get_unit_display() == unit


def test_a_value_outside_the_choices_shows_as_it_is():
    assert Message(kind="retired-kind").get_kind_display() == "retired-kind"
