"""Demo history for the outcome figures: people released one to three years ago on the
demo facilitator's caseload, a few of whom returned to custody (each kind at least
twice, arrests without conviction included) and several of whom left the program (each
reason at least once, one re-enrolled). Sparse on purpose: most people released do not
come back (the program's own figures), so most rows here are exits, not returns.

Written through the services (so the status, the audit trail and every rule apply, as
when staff record them) and only once: a person who already has events is left alone.
"""

from datetime import date, timedelta

from portal.core.models import User

from ..models import CustodyEvent, Participant, ProgramExit, RecordEntry
from ..services import custody_event_record, program_exit_record, program_reenrol

# Days are counted back from today. Each entry: name and birth, days since release, the
# conviction's category, custody events (days ago, kind, source, note) and exits (days
# ago, reason, note, re-enrolled days ago or None).
HISTORY = [
    {
        "key": ("Tyrone", "Davis", date(1990, 4, 2)),
        "released_days_ago": 700,
        "offense": "theft_fraud",
        "events": [
            (450, "technical_violation", "Probation officer", "Missed three check-ins."),
        ],
        "exits": [(440, "returned_to_custody", "", None)],
    },
    {
        "key": ("Keisha", "Brown", date(1994, 9, 18)),
        "released_days_ago": 540,
        "offense": "drug",
        "events": [(450, "arrest_no_conviction", "Kansas City Police Department", "Dropped.")],
        "exits": [(140, "completed", "Kept her job past a year.", None)],
    },
    {
        "key": ("Carlos", "Martínez", date(1987, 1, 30)),
        "released_days_ago": 620,
        "offense": "dui",
        "language": "es",
        "events": [(300, "arrest_no_conviction", "Probation officer", "No charges filed.")],
        "exits": [],
    },
    {
        "key": ("Angela", "Moore", date(1983, 7, 7)),
        "released_days_ago": 480,
        "offense": "theft_fraud",
        "events": [(200, "new_offense", "Department of Corrections", "")],
        "exits": [(195, "returned_to_custody", "", None)],
    },
    {
        "key": ("Brandon", "Lee", date(1998, 12, 1)),
        "released_days_ago": 450,
        "offense": "weapons",
        "events": [],
        "exits": [(200, "lost_contact", "No answer by phone or letter.", 60)],
    },
    {
        "key": ("Latoya", "Harris", date(1991, 3, 25)),
        "released_days_ago": 800,
        "offense": "drug",
        "events": [],
        "exits": [(500, "withdrew", "Moved in with family in Texas.", None)],
    },
    {
        "key": ("José", "Thomas", date(1986, 5, 14)),
        "released_days_ago": 365,
        "offense": "other",
        "language": "es",
        "events": [],
        "exits": [(100, "transferred", "Now with the St. Louis program.", None)],
    },
    {
        "key": ("Terrence", "Clark", date(1979, 10, 10)),
        "released_days_ago": 900,
        "offense": "violent",
        "events": [(500, "new_offense", "Department of Corrections", "")],
        "exits": [(495, "returned_to_custody", "", None)],
    },
    {
        "key": ("Crystal", "White", date(1996, 2, 29)),
        "released_days_ago": 300,
        "offense": "drug",
        "events": [(30, "technical_violation", "Parole officer", "Curfew violations.")],
        "exits": [],
    },
]


def seed_history(*, facilitator: User, today: date) -> int:
    """The people of HISTORY with their conviction, custody events and exits, in date
    order (an exit after the return it follows). Returns how many people were added."""
    added = 0
    # Genders and ZIP areas vary so that the report's cuts have something to show.
    genders = ("man", "woman", "man", "another", "man", "woman")
    zip_codes = ("64130", "64127", "66101", "64130", "64124")
    for index, spec in enumerate(HISTORY):
        first, last, born = spec["key"]
        released = today - timedelta(days=spec["released_days_ago"])
        person, created = Participant.objects.get_or_create(
            first_name=first,
            last_name=last,
            date_of_birth=born,
            defaults={
                "facilitator": facilitator,
                "release_date": released,
                "preferred_language": spec.get("language", "en"),
                "zip_code": zip_codes[index % len(zip_codes)],
                "risk_level": ("high", "very_high", "moderate")[index % 3],
                "gender": genders[index % len(genders)],
                "transport": ["bus"],
            },
        )
        added += created
        RecordEntry.objects.get_or_create(
            participant=person,
            offense_category=spec["offense"],
            defaults={
                "level": "felony",
                "convicted_on": released - timedelta(days=1100),
                "released_on": released,
                "created_by": facilitator,
            },
        )
        if (
            CustodyEvent.objects.filter(participant=person).exists()
            or ProgramExit.objects.filter(participant=person).exists()
        ):
            continue
        steps = [(days, "event", values) for days, *values in spec["events"]]
        steps += [(days, "exit", values) for days, *values in spec["exits"]]
        for days, step, values in sorted(steps, key=lambda item: -item[0]):
            on = today - timedelta(days=days)
            if step == "event":
                kind, source, note = values
                custody_event_record(
                    participant=person,
                    actor=facilitator,
                    occurred_on=on,
                    kind=kind,
                    source=source,
                    note=note,
                )
            else:
                reason, note, reenrolled_days_ago = values
                program_exit_record(
                    participant=person, actor=facilitator, exited_on=on, reason=reason, note=note
                )
                if reenrolled_days_ago is not None:
                    program_reenrol(
                        participant=person,
                        actor=facilitator,
                        reenrolled_on=today - timedelta(days=reenrolled_days_ago),
                    )
    return added
