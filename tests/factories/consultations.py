import factory
from factory.django import DjangoModelFactory

from townships.consultations.models import Category, RoutingRule


class CategoryFactory(DjangoModelFactory[Category]):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"category-{n}")
    name_zh_hans = factory.Sequence(lambda n: f"类别{n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")
    first_reply_hours = 1
    resolve_hours = 48


class RoutingRuleFactory(DjangoModelFactory[RoutingRule]):
    class Meta:
        model = RoutingRule

    township = factory.LazyAttribute(lambda rule: rule.department.township)
    category = factory.SubFactory(CategoryFactory)
    department = factory.SubFactory("tests.factories.townships.DepartmentFactory")
