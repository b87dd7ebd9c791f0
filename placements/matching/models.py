"""Stored results of the matching engine (`placements/matching/`): the nightly run and
the on-demand recompute write them, the pages and the API read them in one query."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["MatchResult", "MatchRun"]


class MatchRun(models.Model):
    """The last matching run of one participant: when, how many open jobs it looked at,
    how many each hard rule excluded (staff only, never employers), the notices for the
    person ("add your ZIP code") and the work-readiness average it used.

    Replaced as a whole by each run (`services.matching.matches_store`)."""

    participant = models.OneToOneField(
        "jobseekers.Participant", on_delete=models.CASCADE, related_name="match_run"
    )
    computed_at = models.DateTimeField(_("computed at"), db_index=True)
    jobs_considered = models.PositiveIntegerField(_("open jobs looked at"), default=0)
    jobs_eligible = models.PositiveIntegerField(_("jobs that pass every rule"), default=0)
    excluded_by_rule = models.JSONField(_("jobs excluded, by rule"), default=dict, blank=True)
    notices = models.JSONField(_("notices"), default=list, blank=True)
    readiness = models.DecimalField(
        _("work-readiness average"), max_digits=3, decimal_places=2, null=True, blank=True
    )
    available_from = models.DateField(_("available from"), null=True, blank=True)

    class Meta:
        verbose_name = _("matching run")
        verbose_name_plural = _("matching runs")

    def __str__(self):
        return f"Matches of {self.participant_id} at {self.computed_at:%Y-%m-%d %H:%M}"


class MatchResult(models.Model):
    """One open job kept for one participant, with its 0-100 score and the reasons and
    cautions as codes (translated when shown, `placements.matching.reasons`)."""

    # No index of their own: the unique (participant, job) and (participant, rank) and
    # the (job, -score) indexes start with these columns and serve every lookup. Each
    # index is written for each of the million rows the nightly run replaces.
    participant = models.ForeignKey(
        "jobseekers.Participant",
        on_delete=models.CASCADE,
        related_name="match_results",
        db_index=False,
    )
    job = models.ForeignKey(
        "employers.JobPosting",
        on_delete=models.CASCADE,
        related_name="match_results",
        db_index=False,
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    score = models.PositiveSmallIntegerField(_("score"))
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    cautions = models.JSONField(_("cautions"), default=list, blank=True)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        ordering = ["participant", "rank"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        indexes = [models.Index(fields=["job", "-score"])]
        constraints = [
            models.UniqueConstraint(fields=["participant", "job"], name="match_result_unique"),
            models.UniqueConstraint(fields=["participant", "rank"], name="match_result_rank"),
            models.CheckConstraint(condition=models.Q(score__lte=100), name="match_score_range"),
        ]

    def __str__(self):
        return f"{self.participant_id} -> {self.job_id}: {self.score}"
