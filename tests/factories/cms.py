import factory
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from tests.factories.partners import PartnerOrganisationFactory

# The directory's resources are partner organisations, kept in portal.core.
ResourceFactory = PartnerOrganisationFactory


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image

    title = factory.Sequence(lambda n: f"Photo {n}")
    file = factory.LazyFunction(get_test_image_file)
