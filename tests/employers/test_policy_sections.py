"""The fair-chance hiring policy in parts: each part on its own page, saved on its own
(the other parts stay as they are), a bad value shown next to its field with nothing
saved, and a list of the parts saying which are done."""

import pytest
from django.urls import reverse

from employers.models import HiringPolicy, OffenseRule
from portal.core.models import AuditEvent

pytestmark = pytest.mark.django_db

CATEGORIES = ["violent", "sex_offense", "theft_fraud", "drug", "weapons", "dui", "other"]


def part_url(part):
    return reverse("employers:policy-section", args=[part])


def offenses(**overrides):
    data = {f"{code}_decision": "considered" for code in CATEGORIES}
    data.update(overrides)
    return data


@pytest.fixture
def policy(employer):
    policy, _created = HiringPolicy.objects.get_or_create(employer=employer)
    HiringPolicy.objects.filter(pk=policy.pk).update(
        accepts_parole=True, accepts_probation=True, parts_answered=[]
    )
    OffenseRule.objects.create(policy=policy, category="violent", decision="never")
    return policy


def test_the_old_address_opens_the_first_part(client, employer_user, policy):
    client.force_login(employer_user)
    response = client.get(reverse("employers:policy"))
    assert response.status_code == 302
    assert response.url == part_url("offenses")


def test_each_part_is_its_own_page_with_the_progress(client, employer_user, policy):
    client.force_login(employer_user)
    page = client.get(part_url("supervision")).content.decode()
    assert "Section 2 of 4" in page
    assert "0 of 4 done" in page
    assert 'name="accepts_parole"' in page
    assert 'name="violent_decision"' not in page and 'name="pledge_signer"' not in page
    assert client.get(part_url("vacation")).status_code == 404


def test_saving_one_part_changes_only_that_part(client, employer_user, employer, policy):
    client.force_login(employer_user)

    response = client.post(part_url("supervision"), {"accepts_probation": "on"})

    assert response.status_code == 302
    assert response.url == part_url("checks")
    page = client.get(response.url).content.decode()
    assert "Parole and probation: saved in your hiring policy." in page
    policy.refresh_from_db()
    assert (policy.accepts_parole, policy.accepts_probation) == (False, True)
    # The offense rules were not touched by saving another part.
    assert list(policy.rules.values_list("category", "decision")) == [("violent", "never")]
    event = AuditEvent.objects.get(action="employer.policy_updated")
    assert event.details["categories"] == []


def test_saving_the_offenses_leaves_the_other_parts(client, employer_user, policy):
    client.force_login(employer_user)
    client.post(
        part_url("offenses"),
        offenses(theft_fraud_decision="not_within_years", theft_fraud_years="7"),
    )
    policy.refresh_from_db()
    assert list(policy.rules.values_list("category", "years")) == [("theft_fraud", 7)]
    assert (policy.accepts_parole, policy.accepts_probation) == (True, True)


def test_a_bad_value_is_shown_next_to_its_field_and_saves_nothing(client, employer_user, policy):
    client.force_login(employer_user)

    # "Not within years" without the years: the service's rule, on its field.
    response = client.post(part_url("offenses"), offenses(drug_decision="not_within_years"))

    assert response.status_code == 200
    assert response.context["form"].errors["drug_years"] == [
        "Enter the number of years (1 or more)."
    ]
    page = response.content.decode()
    assert 'id="id_drug_years_error"' in page and 'href="#id_drug_years"' in page
    policy.refresh_from_db()
    assert list(policy.rules.values_list("category", "decision")) == [("violent", "never")]
    assert policy.parts_answered == []
    assert not AuditEvent.objects.filter(action="employer.policy_updated").exists()


def test_the_pledge_needs_a_name_on_its_own_page(client, employer_user, policy):
    client.force_login(employer_user)
    response = client.post(part_url("pledge"), {"pledge_signer": "  "})
    assert response.status_code == 200
    assert response.context["form"].errors["pledge_signer"]
    policy.refresh_from_db()
    assert policy.pledge_accepted_at is None


def test_the_progress_shows_which_parts_are_done(client, employer_user, policy):
    client.force_login(employer_user)
    client.post(part_url("supervision"), {"accepts_parole": "on"})
    client.post(part_url("pledge"), {"pledge_signer": "Erin Employer"})

    response = client.get(part_url("offenses"))

    done = {step["key"]: step["done"] for step in response.context["progress"]}
    assert done == {"offenses": False, "supervision": True, "checks": False, "pledge": True}
    assert "2 of 4 done" in response.content.decode()


def test_the_parts_are_in_spanish(client, employer_user, policy):
    client.force_login(employer_user)
    page = client.get(part_url("pledge"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Sección 4 de 4" in page
    assert "Compromiso de oportunidad justa" in page
    assert "Firmar el compromiso" in page
