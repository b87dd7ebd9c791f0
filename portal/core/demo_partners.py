"""Demo partner organisations for `manage.py seed_demo`: 30+ places to get help around
Kansas City (the resource directory lists them; demo referrals point at them). Seeded by
the core, before the apps whose demo data names them."""

from django.utils import translation

from portal.core.models import HelpKind, PartnerOrganisation


def _in_spanish(label) -> str:
    with translation.override("es"):
        return str(label)


# The demo's hours, eligibility and languages in Spanish, as staff would write them.
HOURS_ES = {
    "By appointment": "Con cita",
    "Classes monthly": "Clases cada mes",
    "Counseling Mon-Fri 9-5; line 24 hours": "Consejería lun-vie 9-5; línea 24 horas",
    "Daily 11-1": "Todos los días 11-1",
    "First Saturday 9-12": "Primer sábado del mes 9-12",
    "Mon, Wed, Fri 9-12": "lun, mié, vie 9-12",
    "Open 24 hours": "Abierto 24 horas",
    "Sat 9-11": "sáb 9-11",
    "Thu 9-1": "jue 9-1",
    "Tue 1-4": "mar 1-4",
    "Tue and Thu 10-2": "mar y jue 10-2",
    "Tue and Thu 5-8": "mar y jue 5-8",
    "Wed 1-5": "mié 1-5",
    "Wed 6-8 pm": "mié 6-8 p. m.",
}
DAYS_ES = {"Mon-Fri": "lun-vie", "Mon-Sat": "lun-sáb", "Mon-Thu": "lun-jue", "Tue-Sat": "mar-sáb"}
ELIGIBILITY_ES = {
    "Adults 17+": "Adultos de 17 años o más",
    "Adults 18+": "Adultos de 18 años o más",
    "Adults 18+ with a valid ID": "Adultos de 18 años o más con identificación válida",
    "Adults, Medicaid accepted": "Adultos; se acepta Medicaid",
    "Anyone": "Cualquier persona",
    "Anyone who needs a birth certificate or state ID": (
        "Quien necesite un acta de nacimiento o una identificación del estado"
    ),
    "Children 6 weeks to 5 years": "Niños de 6 semanas a 5 años",
    "Families in eastern Jackson County": "Familias del este del condado de Jackson",
    "Families with children": "Familias con niños",
    "Food stamps (SNAP), Medicaid, cash help": (
        "Cupones de comida (SNAP), Medicaid, ayuda en efectivo"
    ),
    "Job seekers": "Personas que buscan trabajo",
    "Job seekers in a program": "Personas que buscan trabajo en un programa",
    "Job seekers with an interview": "Personas que buscan trabajo y tienen una entrevista",
    "Kansas convictions": "Condenas en Kansas",
    "Low income": "Bajos ingresos",
    "Men 18+ on parole or probation": (
        "Hombres de 18 años o más en libertad condicional o probatoria"
    ),
    "Missouri convictions": "Condenas en Misuri",
    "New hires, first 90 days": "Recién contratados, primeros 90 días",
    "People coming home and their families": "Personas que vuelven a casa y sus familias",
    "People coming home from prison": "Personas que vuelven a casa de la prisión",
    "People released in the last year": "Personas liberadas en el último año",
    "Sliding fee, no one turned away": "Tarifa según ingresos; se atiende a todos",
    "Uninsured adults": "Adultos sin seguro médico",
    "Veterans": "Veteranos",
    "Working parents": "Padres y madres que trabajan",
    "Wyandotte County residents": "Residentes del condado de Wyandotte",
}
LANGUAGES_ES = {
    "English": "inglés",
    "English, Spanish": "inglés, español",
    "English, Spanish and interpreters": "inglés, español e intérpretes",
    "English, Spanish, Somali": "inglés, español, somalí",
}


def _hours_in_spanish(hours: str) -> str:
    if hours in HOURS_ES:
        return HOURS_ES[hours]
    days, _, times = hours.partition(" ")
    return f"{DAYS_ES.get(days, days)} {times}".strip()


C = HelpKind
# name, category, address, ZIP, phone, hours, eligibility, languages
RESOURCES = [
    (
        "Northland Shelter House",
        C.HOUSING,
        "1400 NE Vivion Rd",
        "64118",
        "(816) 555-0101",
        "Open 24 hours",
        "Adults 18+",
        "English",
    ),
    (
        "Midtown Reentry Housing",
        C.HOUSING,
        "3100 Main St",
        "64111",
        "(816) 555-0102",
        "Mon-Fri 9-5",
        "People released in the last year",
        "English, Spanish",
    ),
    (
        "Eastside Family Housing Help",
        C.HOUSING,
        "5500 Prospect Ave",
        "64130",
        "(816) 555-0103",
        "Mon-Fri 8-4",
        "Families with children",
        "English",
    ),
    (
        "Independence Transitional Living",
        C.HOUSING,
        "210 W Maple Ave",
        "64050",
        "(816) 555-0104",
        "Mon-Sat 9-6",
        "Men 18+ on parole or probation",
        "English",
    ),
    (
        "Westside Food Pantry",
        C.FOOD,
        "2000 Summit St",
        "64108",
        "(816) 555-0111",
        "Tue and Thu 10-2",
        "Anyone",
        "English, Spanish",
    ),
    (
        "Harvest Community Kitchen",
        C.FOOD,
        "750 Paseo Blvd",
        "64106",
        "(816) 555-0112",
        "Daily 11-1",
        "Anyone",
        "English",
    ),
    (
        "KCK Food Share",
        C.FOOD,
        "800 Minnesota Ave",
        "66101",
        "(913) 555-0113",
        "Mon, Wed, Fri 9-12",
        "Wyandotte County residents",
        "English, Spanish",
    ),
    (
        "Raytown Food Closet",
        C.FOOD,
        "10000 E 59th St",
        "64133",
        "(816) 555-0114",
        "Sat 9-11",
        "Anyone",
        "English",
    ),
    (
        "ID Help Desk at the Library",
        C.ID_DOCUMENTS,
        "14 W 10th St",
        "64105",
        "(816) 555-0121",
        "Mon-Fri 10-4",
        "Anyone who needs a birth certificate or state ID",
        "English, Spanish",
    ),
    (
        "Reentry ID Clinic",
        C.ID_DOCUMENTS,
        "1200 E 18th St",
        "64108",
        "(816) 555-0122",
        "Wed 1-5",
        "People coming home from prison",
        "English",
    ),
    (
        "Bus Pass Program",
        C.TRANSPORTATION,
        "1200 E 18th St",
        "64108",
        "(816) 555-0131",
        "Mon-Fri 9-5",
        "Job seekers in a program",
        "English, Spanish",
    ),
    (
        "Rides to Work",
        C.TRANSPORTATION,
        "4500 Troost Ave",
        "64110",
        "(816) 555-0132",
        "Mon-Fri 6-6",
        "New hires, first 90 days",
        "English",
    ),
    (
        "Dress for Work Closet",
        C.CLOTHING,
        "3700 Broadway Blvd",
        "64111",
        "(816) 555-0141",
        "Tue-Sat 10-3",
        "Job seekers with an interview",
        "English",
    ),
    (
        "Northeast Clothing Bank",
        C.CLOTHING,
        "5800 St John Ave",
        "64123",
        "(816) 555-0142",
        "Thu 9-1",
        "Anyone",
        "English, Spanish, Somali",
    ),
    (
        "Community Health Clinic",
        C.MEDICAL,
        "825 Euclid Ave",
        "64124",
        "(816) 555-0151",
        "Mon-Fri 8-6",
        "Sliding fee, no one turned away",
        "English, Spanish",
    ),
    (
        "Swope Health Walk-In",
        C.MEDICAL,
        "3801 Blue Pkwy",
        "64130",
        "(816) 555-0152",
        "Mon-Sat 8-8",
        "Anyone",
        "English, Spanish",
    ),
    (
        "Wyandotte Free Clinic",
        C.MEDICAL,
        "21 N 12th St",
        "66102",
        "(913) 555-0153",
        "Tue and Thu 5-8",
        "Uninsured adults",
        "English, Spanish",
    ),
    (
        "Crisis Line and Counseling",
        C.MENTAL_HEALTH,
        "1000 E 24th St",
        "64108",
        "(816) 555-0161",
        "Counseling Mon-Fri 9-5; line 24 hours",
        "Anyone",
        "English, Spanish",
    ),
    (
        "Reentry Counseling Group",
        C.MENTAL_HEALTH,
        "4200 Main St",
        "64111",
        "(816) 555-0162",
        "Wed 6-8 pm",
        "People coming home and their families",
        "English",
    ),
    (
        "Recovery Center Kansas City",
        C.SUBSTANCE_USE,
        "2600 E 12th St",
        "64127",
        "(816) 555-0171",
        "Open 24 hours",
        "Adults 18+",
        "English",
    ),
    (
        "Outpatient Recovery Services",
        C.SUBSTANCE_USE,
        "9300 Ward Pkwy",
        "64114",
        "(816) 555-0172",
        "Mon-Fri 8-7",
        "Adults, Medicaid accepted",
        "English, Spanish",
    ),
    (
        "Little Steps Childcare",
        C.CHILDCARE,
        "6000 Swope Pkwy",
        "64130",
        "(816) 555-0181",
        "Mon-Fri 6-6",
        "Children 6 weeks to 5 years",
        "English",
    ),
    (
        "Childcare Subsidy Help",
        C.CHILDCARE,
        "615 E 13th St",
        "64106",
        "(816) 555-0182",
        "Mon-Fri 8-5",
        "Working parents",
        "English, Spanish",
    ),
    (
        "Adult Learning Center (GED)",
        C.EDUCATION,
        "1211 McGee St",
        "64106",
        "(816) 555-0191",
        "Mon-Thu 9-8",
        "Adults 17+",
        "English, Spanish",
    ),
    (
        "Construction Pre-Apprenticeship",
        C.EDUCATION,
        "4747 Troost Ave",
        "64110",
        "(816) 555-0192",
        "Mon-Fri 7-3",
        "Adults 18+ with a valid ID",
        "English",
    ),
    (
        "Forklift and Warehouse Training",
        C.EDUCATION,
        "1600 Genessee St",
        "64102",
        "(816) 555-0193",
        "Classes monthly",
        "Job seekers",
        "English",
    ),
    (
        "Legal Aid Expungement Clinic",
        C.LEGAL,
        "1125 Grand Blvd",
        "64106",
        "(816) 555-0201",
        "First Saturday 9-12",
        "Missouri convictions",
        "English, Spanish",
    ),
    (
        "Clean Slate Law Project",
        C.LEGAL,
        "500 E 8th St",
        "64106",
        "(816) 555-0202",
        "By appointment",
        "Low income",
        "English",
    ),
    (
        "Kansas Expungement Help",
        C.LEGAL,
        "710 N 7th St",
        "66101",
        "(913) 555-0203",
        "Tue 1-4",
        "Kansas convictions",
        "English, Spanish",
    ),
    (
        "Benefits Enrollment Desk",
        C.BENEFITS,
        "615 E 13th St",
        "64106",
        "(816) 555-0211",
        "Mon-Fri 8-5",
        "Food stamps (SNAP), Medicaid, cash help",
        "English, Spanish",
    ),
    (
        "Veterans Reentry Services",
        C.BENEFITS,
        "4801 Linwood Blvd",
        "64128",
        "(816) 555-0212",
        "Mon-Fri 8-4:30",
        "Veterans",
        "English",
    ),
    (
        "Lee's Summit Family Resource Center",
        C.BENEFITS,
        "220 SE Green St",
        "64063",
        "(816) 555-0213",
        "Mon-Fri 9-4",
        "Families in eastern Jackson County",
        "English",
    ),
]
HOTLINE = (
    "United Way 211",
    C.BENEFITS,
    "",
    "",
    "(816) 474-5112",
    "Open 24 hours",
    "Anyone",
    "English, Spanish and interpreters",
)


def seed_partner_organisations() -> int:
    """Create or refresh the demo organisations by name (idempotent); return how many
    were added."""
    created = 0
    for name, category, address, zip_code, phone, hours, eligibility, languages in [
        *RESOURCES,
        HOTLINE,
    ]:
        _, new = PartnerOrganisation.objects.update_or_create(
            name=name,
            defaults={
                "category": category,
                "description": f"{category.label}: ask for the reentry desk and say the job "
                "club sent you.",
                # The label in Spanish, whatever language the seeding command runs in.
                "description_es": f"{_in_spanish(category.label)}: pida hablar con la "
                "oficina de reingreso y diga que le envía el club de empleo.",
                "address": address,
                "zip_code": zip_code,
                "phone": phone,
                "hours": hours,
                "hours_es": _hours_in_spanish(hours),
                "eligibility": eligibility,
                "eligibility_es": ELIGIBILITY_ES.get(eligibility, ""),
                "languages": languages,
                "languages_es": LANGUAGES_ES.get(languages, ""),
            },
        )
        created += new
    return created
