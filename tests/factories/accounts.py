import factory
from factory.django import DjangoModelFactory

from hub.accounts.models import Profile, User

DEFAULT_PASSWORD = "correct horse battery"


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    phone = factory.Sequence(lambda n: f"+86138{n:08d}")
    is_phone_verified = True
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)
    profile = factory.RelatedFactory(
        "tests.factories.accounts.ProfileFactory", factory_related_name="user"
    )

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ProfileFactory(DjangoModelFactory[Profile]):
    class Meta:
        model = Profile

    real_name = factory.Faker("name", locale="zh_CN")
