"""The employment plan: a short needs assessment and goals, reviewed at job club.

One plan per participant, begun at intake or later (`started_on`). Each need is "have",
"need" or "not needed", never more: what lies behind a need (a diagnosis, a treatment, a
family situation) is not stored here (DOMAIN_RULES.md: treatment records are not kept in
the portal at all). Written only through the plan services; follows the profile's rule
(the participant and their staff; employers never).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .participants import Participant


class NeedKey(models.TextChoices):
    ID_DOCUMENTS = "id_documents", _("ID documents")
    DRIVERS_LICENCE = "drivers_licence", _("Driver's licence")
    TRANSPORT = "transport", _("Transport")
    HOUSING = "housing", _("Housing")
    CHILDCARE = "childcare", _("Childcare")
    TREATMENT = "treatment", _("Treatment")
    EDUCATION = "education", _("Education")
    WORK_CLOTHES = "work_clothes", _("Work clothes")
    PHONE = "phone", _("Phone")


class NeedState(models.TextChoices):
    HAVE = "have", _("Has it")
    NEED = "need", _("Needs it")
    NOT_NEEDED = "not_needed", _("Not needed")


class GoalOwner(models.TextChoices):
    PARTICIPANT = "participant", _("The participant")
    STAFF = "staff", _("Staff")


class GoalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class EmploymentPlan(models.Model):
    """A participant's plan: when it began and when staff last reviewed it at job club."""

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="employment_plan"
    )
    started_on = models.DateField(_("plan began on"))
    reviewed_on = models.DateField(_("last reviewed at job club on"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("employment plan")
        verbose_name_plural = _("employment plans")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reviewed_on__isnull=True)
                | models.Q(reviewed_on__gte=models.F("started_on")),
                name="employment_plan_reviewed_after_start",
            )
        ]

    def __str__(self):
        return f"{self.participant} ({self.started_on:%Y-%m-%d})"


class PlanNeed(models.Model):
    """One line of the needs assessment."""

    plan = models.ForeignKey(EmploymentPlan, on_delete=models.CASCADE, related_name="needs")
    need = models.CharField(_("need"), max_length=30, choices=NeedKey.choices)
    state = models.CharField(_("state"), max_length=20, choices=NeedState.choices)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "need"], name="plan_need_once"),
            models.CheckConstraint(
                condition=models.Q(need__in=NeedKey.values), name="plan_need_key_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=NeedState.values), name="plan_need_state_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_need_display()}: {self.get_state_display()}"


class PlanGoal(models.Model):
    """A goal with a due date and an owner. Lifecycle: open → done or dropped (staff may
    reopen); a participant marks only their own goals done."""

    plan = models.ForeignKey(EmploymentPlan, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(_("goal"), max_length=300)
    due_on = models.DateField(_("due on"))
    owner = models.CharField(_("whose goal"), max_length=20, choices=GoalOwner.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=GoalStatus.choices, default=GoalStatus.OPEN
    )
    completed_on = models.DateField(_("done on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(owner__in=GoalOwner.values), name="plan_goal_owner_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=GoalStatus.values), name="plan_goal_status_valid"
            ),
        ]

    def __str__(self):
        return self.text
