"""Staff-written texts (skill names, fair descriptions, partner organisations' notes) are
shown in Spanish to a reader who chose Spanish, and as written otherwise."""

import pytest
from django.conf import settings

from portal.core.models import Skill
from tests.factories.employers import FairFactory, JobFactory
from tests.factories.partners import PartnerOrganisationFactory


def _spanish(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    return client


@pytest.mark.django_db
def test_every_starter_skill_has_a_spanish_name():
    assert not Skill.objects.filter(name_es="").exists()
    assert Skill.objects.get(slug="forklift-operation").name_es == "Manejo de montacargas"


@pytest.mark.django_db
def test_a_job_page_names_its_skills_in_the_readers_language(client):
    job = JobFactory()
    job.skills.set(Skill.objects.filter(slug__in=["forklift-operation", "osha-10-safety"]))
    english = client.get(f"/jobs/{job.pk}/").text
    assert "Forklift operation" in english
    spanish = _spanish(client).get(f"/jobs/{job.pk}/").text
    assert "Manejo de montacargas" in spanish
    assert "Seguridad OSHA 10" in spanish
    assert "Forklift operation" not in spanish


@pytest.mark.django_db
def test_a_skill_without_a_spanish_name_shows_its_name(client):
    skill = Skill.objects.create(name="Sign language", slug="sign-language")
    job = JobFactory()
    job.skills.set([skill])
    assert "Sign language" in _spanish(client).get(f"/jobs/{job.pk}/").text


@pytest.mark.django_db
def test_the_job_form_offers_skills_in_spanish(client, employer_user, employer):
    client.force_login(employer_user)
    page = _spanish(client).get("/employer/jobs/new/")
    assert page.status_code == 200
    assert "Manejo de montacargas" in page.text


@pytest.mark.django_db
def test_a_fair_description_is_shown_in_spanish_when_staff_wrote_one(client):
    fair = FairFactory(description="Bring your résumé.", description_es="Traiga su currículum.")
    assert "Bring your résumé." in client.get(f"/fairs/{fair.pk}/").text
    spanish = _spanish(client).get(f"/fairs/{fair.pk}/").text
    assert "Traiga su currículum." in spanish
    assert "Bring your résumé." not in spanish


@pytest.mark.django_db
def test_a_fair_without_a_spanish_description_shows_the_english_one(client):
    fair = FairFactory(description="Bring your résumé.")
    assert "Bring your résumé." in _spanish(client).get(f"/fairs/{fair.pk}/").text


@pytest.mark.django_db
def test_partner_organisation_notes_follow_the_language():
    from django.template import Context, Template
    from django.utils import translation

    place = PartnerOrganisationFactory(
        description="Hot meals every day.", description_es="Comidas calientes cada día."
    )
    template = Template('{% load formatting %}{{ place|localized:"description" }}')
    with translation.override("es"):
        assert template.render(Context({"place": place})) == "Comidas calientes cada día."
    with translation.override("en"):
        assert template.render(Context({"place": place})) == "Hot meals every day."


@pytest.mark.django_db
def test_a_partners_hours_eligibility_and_languages_follow_the_language(client):
    from django.template.loader import render_to_string
    from django.utils import translation

    place = PartnerOrganisationFactory(
        hours="Mon-Fri 9-5",
        hours_es="lun-vie 9-5",
        eligibility="Adults 18+",
        eligibility_es="Adultos de 18 años o más",
        languages="English, Spanish",
        languages_es="inglés, español",
    )
    with translation.override("es"):
        spanish = render_to_string("cms/includes/resource.html", {"resource": place})
    assert "lun-vie 9-5" in spanish and "Adultos de 18 años o más" in spanish
    assert "inglés, español" in spanish and "Adults 18+" not in spanish
    with translation.override("en"):
        english = render_to_string("cms/includes/resource.html", {"resource": place})
    assert "Mon-Fri 9-5" in english and "Adults 18+" in english and "lun-vie" not in english


@pytest.mark.django_db
def test_my_referrals_show_the_partners_hours_in_spanish(client, participant, staff_user):
    from django.urls import reverse

    from tests.factories.jobseekers import ParticipantFactory
    from tests.factories.referrals import ReferralFactory

    person = ParticipantFactory(user=participant, facilitator=staff_user)
    place = PartnerOrganisationFactory(hours="Mon-Fri 9-5", hours_es="lun-vie 9-5")
    ReferralFactory(participant=person, organisation=place)
    client.force_login(participant)
    assert "Mon-Fri 9-5" in client.get(reverse("jobseekers:my-referrals")).text
    spanish = _spanish(client).get(reverse("jobseekers:my-referrals")).text
    assert "lun-vie 9-5" in spanish and "Mon-Fri 9-5" not in spanish


@pytest.mark.django_db
def test_every_demo_partner_has_its_hours_eligibility_and_languages_in_spanish():
    from portal.core.demo_partners import seed_partner_organisations
    from portal.core.models import PartnerOrganisation

    seed_partner_organisations()
    places = PartnerOrganisation.objects.all()
    assert places.count() > 30
    for field in ("hours", "eligibility", "languages"):
        missing = places.filter(**{f"{field}_es": ""}).exclude(**{field: ""})
        assert not missing.exists(), f"{field}_es missing: {list(missing)}"
    hotline = places.get(name="United Way 211")
    assert (hotline.hours_es, hotline.languages_es) == (
        "Abierto 24 horas",
        "inglés, español e intérpretes",
    )


def test_staff_edit_the_spanish_fields_in_the_content_editor():
    from cms.wagtail_hooks import PartnerOrganisationViewSet

    names = set()
    for panel in PartnerOrganisationViewSet.panels:
        names |= {getattr(child, "field_name", None) for child in getattr(panel, "children", [])}
        names.add(getattr(panel, "field_name", None))
    assert {"hours_es", "eligibility_es", "languages_es", "description_es"} <= names
