import factory
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from cms.models import Resource, ResourceCategory


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    name = factory.Sequence(lambda n: f"Help place {n:03d}")
    category = ResourceCategory.HOUSING
    description = "Beds and meals for people coming home."
    address = factory.Sequence(lambda n: f"{100 + n} Main St")
    zip_code = "64106"
    phone = "(816) 555-0100"
    hours = "Mon-Fri 9-5"
    eligibility = "Adults 18+"
    languages = "English, Spanish"


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image

    title = factory.Sequence(lambda n: f"Photo {n}")
    file = factory.LazyFunction(get_test_image_file)
