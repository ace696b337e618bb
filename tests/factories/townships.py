import factory
from factory.django import DjangoModelFactory

from townships.core.models import CalendarDay, Department, Township


class TownshipFactory(DjangoModelFactory[Township]):
    class Meta:
        model = Township
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"township-{n}")
    name_zh_hans = factory.Sequence(lambda n: f"第{n}镇")
    name_en = factory.Sequence(lambda n: f"Township {n}")
    name_vi = factory.Sequence(lambda n: f"Xã {n}")
    county = "Pengzhou"
    province = "Sichuan"


class DepartmentFactory(DjangoModelFactory[Department]):
    class Meta:
        model = Department

    township = factory.SubFactory(TownshipFactory)
    slug = factory.Sequence(lambda n: f"department-{n}")
    name_zh_hans = factory.Sequence(lambda n: f"第{n}办公室")
    name_en = factory.Sequence(lambda n: f"Office {n}")


class CalendarDayFactory(DjangoModelFactory[CalendarDay]):
    class Meta:
        model = CalendarDay

    country = factory.LazyAttribute(
        lambda day: day.township.country if day.township else "CN"
    )
    township = None
    is_working_day = False
    name = "Local holiday"
