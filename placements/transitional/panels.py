"""Dashboard panels of the transitional area: today's crews (and, for program admins, the
payroll runs waiting) for staff; my hours and latest pay stub for a participant on a
crew."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from jobseekers.selectors import participant_for_request
from placements.transitional import selectors
from portal.core.panels import Figure, Panel
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
        working = sum(1 for crew in crews if crew["crew"])
        figures = [
            Figure(
                number=working,
                label=ngettext("crew working today", "crews working today", working),
                url="#crews-today",
            )
        ]
        if is_admin:
            context["runs_waiting"] = selectors.payroll_runs_waiting(user=user).count()
            context["periods_waiting"] = selectors.periods_without_run(
                user=user, today=today
            ).count()
            figures.append(
                Figure(
                    number=context["runs_waiting"],
                    label=ngettext(
                        "payroll run to approve", "payroll runs to approve", context["runs_waiting"]
                    ),
                    url=reverse("placements:transitional-payroll"),
                    tone="warning" if context["runs_waiting"] else "",
                )
            )
        return [
            Panel(
                template="placements/transitional/panels/staff.html",
                context=context,
                order=40,
                figures=tuple(figures),
            )
        ]
    participant = participant_for_request(request)
    if participant is None or not participant.work_assignments.exists():
        return []
    return [
        Panel(
            template="placements/transitional/panels/participant.html",
            context={"summary": selectors.my_hours_summary(participant=participant, today=today)},
            order=40,
        )
    ]
