"""Dashboard panels of the transitional area: today's crews (and, for program admins, the
payroll runs waiting) for staff; my hours and latest pay stub for a participant on a
crew."""

from django.utils import timezone

from placements.transitional import selectors
from portal.core.panels import Panel
from portal.core.permissions import is_program_admin, is_staff_member


def panels(request) -> list[Panel]:
    user = request.user
    today = timezone.localdate()
    if is_staff_member(user):
        crews = selectors.crews_today(user=user, today=today)
        is_admin = is_program_admin(user)
        if not crews and not is_admin:
            return []
        context = {"crews": crews, "is_admin": is_admin}
        if is_admin:
            context["runs_waiting"] = selectors.payroll_runs_waiting(user=user).count()
            context["periods_waiting"] = selectors.periods_without_run(
                user=user, today=today
            ).count()
        return [
            Panel(template="placements/transitional/panels/staff.html", context=context, order=40)
        ]
    participant = selectors.participant_of(user)
    if participant is None or not participant.work_assignments.exists():
        return []
    return [
        Panel(
            template="placements/transitional/panels/participant.html",
            context={"summary": selectors.my_hours_summary(participant=participant, today=today)},
            order=40,
        )
    ]
