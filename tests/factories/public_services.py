import factory
from factory.django import DjangoModelFactory

from tests.factories.townships import DepartmentFactory, TownshipFactory
from townships.public_services.models import PublicService, RequiredMaterial


class PublicServiceFactory(DjangoModelFactory[PublicService]):
    class Meta:
        model = PublicService

    township = factory.SubFactory(TownshipFactory)
    department = factory.SubFactory(
        DepartmentFactory, township=factory.SelfAttribute("..township")
    )
    slug = factory.Sequence(lambda n: f"service-{n}")
    name_zh_hans = factory.Sequence(lambda n: f"第{n}项服务")
    name_vi = factory.Sequence(lambda n: f"Dịch vụ {n}")
    name_en = factory.Sequence(lambda n: f"Service {n}")
    fee = 0
    legal_time_limit_days = 10
    promised_time_days = 5
    offers_pickup = True


class RequiredMaterialFactory(DjangoModelFactory[RequiredMaterial]):
    class Meta:
        model = RequiredMaterial

    service = factory.SubFactory(PublicServiceFactory)
    name_zh_hans = factory.Sequence(lambda n: f"材料{n}")
    name_en = factory.Sequence(lambda n: f"Material {n}")
