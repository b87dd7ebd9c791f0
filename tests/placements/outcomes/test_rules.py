from decimal import Decimal

import pytest
from django.test import override_settings

from placements.outcomes import rules
from portal.core.exceptions import ApplicationError


def test_cost_savings_match_the_programs_example():
    assert rules.savings_per_person_year() == Decimal("18000.00")
    assert rules.program_operating_cost() == Decimal("500000.00")
    assert rules.cost_savings(people_kept_out=200) == Decimal("3100000.00")
    assert rules.cost_savings(people_kept_out=10, operating_cost=Decimal("500000")) == Decimal(
        "-320000.00"
    )
    with override_settings(PORTAL_PROGRAM_OPERATING_COST="0"):
        assert rules.cost_savings(people_kept_out=1) == Decimal("18000.00")


def test_cost_savings_refuse_negative_inputs():
    with pytest.raises(ApplicationError) as error:
        rules.cost_savings(people_kept_out=-1)
    assert list(error.value.fields) == ["people_kept_out"]
    with pytest.raises(ApplicationError) as error:
        rules.cost_savings(people_kept_out=1, operating_cost=Decimal("-1"))
    assert list(error.value.fields) == ["operating_cost"]
