"""Plain-language hints shown beside each résumé section (translated like every string;
the Spanish comes from the catalogue)."""

from django.utils.translation import gettext_lazy as _

SECTION_HINTS = {
    "contact": _(
        "Use a phone number where you can get messages. Write your city, not your street address."
    ),
    "summary": _(
        "Two or three sentences about what you do well and the work you want. For "
        "example: “Hard worker with 3 years of kitchen experience, ready for early shifts.”"
    ),
    "experience": _(
        "Work inside counts. Write the job, like “Kitchen worker”, and show the employer "
        "as “State of Missouri”. Begin each line with an action: cooked, cleaned, "
        "trained, loaded. A transitional job or volunteer work counts too."
    ),
    "education": _(
        "A GED or HiSET, classes and vocational training inside all count. You do not "
        "need to say where you took them."
    ),
    "certifications": _(
        "Forklift, ServSafe, OSHA-10, CDL, first aid: list each one with its year."
    ),
    "skills": _("Tools, machines and strengths: forklift, cash register, teamwork, Spanish."),
    "references": _(
        "Optional. Ask people first: a job club facilitator, a supervisor from a "
        "transitional job or a volunteer leader."
    ),
    "gap": _(
        "A gap in work? You do not have to explain it on the résumé. In an interview, say "
        "it briefly and talk about what you learned and what you are ready to do now."
    ),
}
