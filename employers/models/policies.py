"""An employer's fair-chance hiring policy: one rule per offense category."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from employers.models.employers import Employer
from portal.core.models import OffenseCategory


class PolicyDecision(models.TextChoices):
    CONSIDERED = "considered", _("Considered case by case")
    NOT_WITHIN_YEARS = "not_within_years", _("Not considered within a number of years")
    NEVER = "never", _("Never considered")


class PolicyReason(models.TextChoices):
    NONE = "", _("No reason given")
    LAW = "law", _("The law")
    INSURANCE = "insurance", _("Our insurance")
    POLICY = "policy", _("Company policy")


class RecordStage(models.TextChoices):
    """From which application stage an employer may see a record. Kansas City, MO Code
    Sec. 38-104: after the interview; other places: after a conditional offer."""

    INTERVIEWED = "interviewed", _("After the interview")
    CONDITIONAL_OFFER = "conditional_offer", _("After a conditional offer")


class BackgroundCheckTiming(models.TextChoices):
    NONE = "none", _("We do not run background checks")
    AFTER_INTERVIEW = "after_interview", _("After the interview")
    AFTER_CONDITIONAL_OFFER = "after_conditional_offer", _("After a conditional offer")


class PolicyPart(models.TextChoices):
    """The parts of the policy an employer answers, each on its own page and saved on its
    own (`services.hiring_policy_update` with only that part's values)."""

    OFFENSES = "offenses", _("Offenses")
    SUPERVISION = "supervision", _("Parole and probation")
    CHECKS = "checks", _("Background checks")
    PLEDGE = "pledge", _("Fair-chance pledge")


# How strict each decision is, for "a job may only tighten its employer's policy".
DECISION_STRICTNESS = {
    PolicyDecision.CONSIDERED: 0,
    PolicyDecision.NOT_WITHIN_YEARS: 1,
    PolicyDecision.NEVER: 2,
}


class HiringPolicy(models.Model):
    """An employer's fair-chance hiring policy: one `OffenseRule` per offense category
    (a missing rule means "considered"), supervision, check timing, and the pledge."""

    employer = models.OneToOneField(
        Employer, on_delete=models.CASCADE, related_name="hiring_policy"
    )
    accepts_parole = models.BooleanField(_("we hire people on parole"), default=True)
    accepts_probation = models.BooleanField(_("we hire people on probation"), default=True)
    background_check_timing = models.CharField(
        _("when we run a background check"),
        max_length=30,
        choices=BackgroundCheckTiming.choices,
        default=BackgroundCheckTiming.AFTER_CONDITIONAL_OFFER,
    )
    record_visible_from = models.CharField(
        _("we see a record from"),
        max_length=20,
        choices=RecordStage.choices,
        default=RecordStage.INTERVIEWED,
    )
    pledge_accepted_at = models.DateTimeField(_("pledge accepted at"), null=True, blank=True)
    pledge_signer = models.CharField(_("pledge signed by"), max_length=200, blank=True)
    # The parts (`PolicyPart`) the employer has saved at least once: the defaults made at
    # sign-up are not an answer, so the policy page can say which parts are still to do.
    parts_answered = models.JSONField(_("parts answered"), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hiring policy")
        verbose_name_plural = _("hiring policies")

    def __str__(self):
        return f"{self.employer} policy"

    def parts_done(self) -> dict[str, bool]:
        """For each part, in order, whether the employer has answered it (the pledge:
        whether it is signed)."""
        answered = set(self.parts_answered or [])
        return {
            part: (
                self.pledge_accepted_at is not None
                if part == PolicyPart.PLEDGE
                else part in answered
            )
            for part in PolicyPart.values
        }


class OffenseRuleBase(models.Model):
    category = models.CharField(_("offense"), max_length=20, choices=OffenseCategory.choices)
    decision = models.CharField(_("decision"), max_length=20, choices=PolicyDecision.choices)
    years = models.PositiveSmallIntegerField(_("years"), null=True, blank=True)
    reason = models.CharField(
        _("reason"), max_length=20, choices=PolicyReason.choices, blank=True, default=""
    )

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.get_category_display()}: {self.get_decision_display()}"

    def strictness(self) -> tuple[int, int]:
        return (DECISION_STRICTNESS[self.decision], self.years or 0)


class OffenseRule(OffenseRuleBase):
    """How the employer treats one offense category."""

    policy = models.ForeignKey(HiringPolicy, on_delete=models.CASCADE, related_name="rules")

    class Meta:
        ordering = ["category"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "category"], name="offense_rule_unique"),
            models.CheckConstraint(
                condition=(
                    models.Q(decision=PolicyDecision.NOT_WITHIN_YEARS, years__gte=1)
                    | (~models.Q(decision=PolicyDecision.NOT_WITHIN_YEARS) & models.Q(years=None))
                ),
                name="offense_rule_years",
            ),
        ]
