import factory

from portal.core.models import Role, User

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    role = Role.PARTICIPANT
    password = factory.django.Password(PASSWORD)

    class Params:
        participant = factory.Trait(role=Role.PARTICIPANT)
        employer = factory.Trait(role=Role.EMPLOYER)
        staff = factory.Trait(role=Role.STAFF)
        admin = factory.Trait(role=Role.ADMIN)
