"""The demo participants of the small demo (`seed`): varied situations staff meet at
intake, each with a profile, supervision terms, convictions, consents and perhaps a
résumé."""

from datetime import date, time
from decimal import Decimal

from ..models import ConsentKind

DEMO_PLACE = "Job club room, 3200 Wayne Ave, Kansas City, MO"

# first, last, birth, profile, supervision, convictions, consents, résumé
PEOPLE = [
    {
        "key": ("Pat", "Participant", date(1988, 6, 14)),
        "login": "participant",
        "profile": {
            "phone": "+18165550140",
            "zip_code": "64127",
            "housing": "family",
            "release_days_ago": 75,
            "facility": "Western Missouri Correctional Center",
            "risk_level": "high",
            "programs": ["job_club", "transitional_jobs"],
            "has_state_id": True,
            "has_social_security_card": True,
            "transport": ["bus"],
            "desired_job_titles": ["Warehouse associate", "Forklift operator"],
            "preferred_shifts": ["day", "evening"],
            "wage_floor": Decimal("16.00"),
        },
        "supervision": {
            "supervision_type": "parole",
            "officer_name": "Officer Dana Reyes",
            "officer_phone": "+18165550199",
            "curfew_start": time(22, 0),
            "curfew_end": time(6, 0),
            "travel_limit": "state",
            "standing_meetings": "Every other Tuesday, 9 am, district office",
            "ends_in_days": 600,
        },
        "record": [("drug", "felony", 1400, 75, "Possession with intent to distribute")],
        "consents": [ConsentKind.SHARE_PROFILE_WITH_APPLIED_EMPLOYERS, ConsentKind.TEXT_MESSAGES],
        "resume": {
            "title": "Warehouse",
            "summary": "Dependable worker with three years of warehouse work and a forklift "
            "certificate. Ready for day and evening shifts.",
            "experience": [
                {
                    "kind": "facility_work",
                    "title": "Warehouse clerk",
                    "employer": "State of Missouri",
                    "start": "2021",
                    "end": "2024",
                    "details": "Received, stored and shipped supplies for 1,200 people; "
                    "kept inventory counts accurate.",
                },
                {
                    "kind": "transitional_job",
                    "title": "Crew member",
                    "employer": "Second Chance work crew",
                    "start": "2026",
                    "end": "now",
                    "details": "Grounds and building cleanup; on time every day.",
                },
            ],
            "education": [{"kind": "ged", "school": "", "year": "2019", "details": ""}],
            "certifications": [{"name": "Forklift operator", "year": "2023"}],
            "skills": "Forklift, pallet jack, inventory counts, teamwork",
            "comment": ("summary", "Add that you trained two new crew members."),
        },
    },
    {
        "key": ("Marcus", "Johnson", date(1993, 2, 3)),
        "profile": {
            "phone": "",
            "zip_code": "64130",
            "housing": "halfway_house",
            "release_days_ago": -40,  # pre-release: out in 40 days
            "facility": "Algoa Correctional Center",
            "risk_level": "very_high",
            "gender": "man",
            "programs": ["job_club", "cbt_group"],
            "transport": [],
            "desired_job_titles": ["Line cook"],
            "preferred_shifts": ["day"],
        },
        "supervision": {"supervision_type": "parole", "travel_limit": "county"},
        "record": [("theft_fraud", "felony", 2000, None, "")],
        "consents": [],
        "resume": None,
    },
    {
        "key": ("Rosa", "Hernández", date(1985, 11, 22)),
        "profile": {
            "phone": "+18165550177",
            "zip_code": "64108",
            "preferred_language": "es",
            "housing": "own",
            "release_days_ago": 400,
            "risk_level": "moderate",
            "gender": "woman",
            "programs": ["job_club", "mentoring"],
            "has_state_id": True,
            "has_birth_certificate": True,
            "transport": ["bus", "rides"],
            "desired_job_titles": ["Housekeeper", "Prep cook"],
            "preferred_shifts": ["day", "weekend"],
        },
        "supervision": {
            "supervision_type": "probation",
            "officer_name": "Officer Luis Ortega",
            "officer_phone": "+18165550155",
            "travel_limit": "none",
            "ends_in_days": 200,
        },
        "record": [("dui", "misdemeanor", 900, 500, "")],
        "consents": [
            ConsentKind.SHARE_PROFILE_WITH_APPLIED_EMPLOYERS,
            ConsentKind.SHARE_RECORD_SUMMARY,
            ConsentKind.SHARE_PROFILE_WITH_FAIR_EMPLOYERS,
            ConsentKind.TEXT_MESSAGES,
        ],
        "resume": {
            "title": "Cocina",
            "summary": "Cocinera con experiencia en cocina de institución. Lista para "
            "turnos de mañana y fines de semana.",
            "experience": [
                {
                    "kind": "facility_work",
                    "title": "Kitchen worker",
                    "employer": "State of Missouri",
                    "start": "2022",
                    "end": "2024",
                    "details": "Prepared meals for 800 people; kept the kitchen clean.",
                }
            ],
            "education": [],
            "certifications": [{"name": "ServSafe Food Handler", "year": "2024"}],
            "skills": "Food prep, cleaning, Spanish and English",
            "comment": None,
        },
    },
    {
        "key": ("DeShawn", "Williams", date(1999, 8, 9)),
        "profile": {
            "phone": "+18165550133",
            "zip_code": "64128",
            "housing": "shelter",
            "release_days_ago": 20,
            "risk_level": "high",
            "gender": "man",
            "programs": ["job_club", "housing"],
            "has_social_security_card": True,
            "transport": ["bike"],
            "desired_job_titles": ["Landscaping", "Mover"],
            "preferred_shifts": ["day"],
        },
        "supervision": {
            "supervision_type": "parole",
            "officer_name": "Officer Dana Reyes",
            "curfew_start": time(21, 0),
            "curfew_end": time(7, 0),
            "travel_limit": "county",
            "electronic_monitoring": True,
            "standing_meetings": "Mondays 8 am check-in",
            "ends_in_days": 900,
        },
        "record": [("weapons", "felony", 1800, 20, ""), ("drug", "misdemeanor", 2500, None, "")],
        "consents": [ConsentKind.SHARE_PROFILE_WITH_FAIR_EMPLOYERS],
        "resume": None,
    },
]
