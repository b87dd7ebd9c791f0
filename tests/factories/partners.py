import factory

from portal.core.models import HelpKind, PartnerOrganisation


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation

    name = factory.Sequence(lambda n: f"Help place {n:03d}")
    category = HelpKind.HOUSING
    description = "Beds and meals for people coming home."
    address = factory.Sequence(lambda n: f"{100 + n} Main St")
    zip_code = "64106"
    phone = "(816) 555-0100"
    hours = "Mon-Fri 9-5"
    eligibility = "Adults 18+"
    languages = "English, Spanish"
