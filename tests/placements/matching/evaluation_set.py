# ruff: noqa: E501 (hand-written tables read best one row a line)
"""The labelled evaluation set of the matching engine: 50 kinds of job written by hand,
each posted in four places and shifts (200 jobs), and 30 participants in realistic
situations, each with the kinds of job a job developer would put in front of them.

A job is relevant for a person when its kind is one of theirs AND it passes every hard
rule (checked by the independent oracle of the property test): a 10 pm curfew never
"expects" a night shift, a theft conviction never "expects" the bank.
"""

from datetime import date, time, timedelta
from decimal import Decimal

from placements.matching.profiles import Conviction, JobProfile, ParticipantProfile
from tests.factories.matching import PLACES, TODAY

# key, title, skills, certifications required, base wage, policy {category: years|None},
# needs a driver's licence
KINDS = [
    ("forklift", "Forklift operator", ("Forklift operation", "forklift", "pallet jack"), ("Forklift certification",), 19, {}, False),
    ("warehouse", "Warehouse associate", ("Warehouse work", "picking", "packing", "shipping"), (), 17, {}, False),
    ("picker", "Order picker", ("Warehouse work", "order picker", "scanner"), (), 17, {}, False),
    ("loader", "Dock loader", ("Loading and unloading", "dock work", "material handling"), (), 17, {}, False),
    ("linecook", "Line cook", ("Food preparation", "line cook", "grill"), (), 16, {}, False),
    ("prepcook", "Prep cook", ("Food preparation", "prep cook", "knife skills"), (), 15, {}, False),
    ("dish", "Dishwasher", ("Dishwashing", "dish machine"), (), 14, {}, False),
    ("barista", "Barista", ("Customer service", "espresso", "cashier"), (), 14, {}, False),
    ("cashier", "Cashier", ("Customer service", "cash handling", "register"), (), 14, {"theft_fraud": 3}, False),
    ("janitor", "Janitor", ("Janitorial work", "floor care", "cleaning"), (), 15, {}, False),
    ("housekeeper", "Hotel housekeeper", ("Janitorial work", "housekeeping", "laundry"), (), 15, {}, False),
    ("landscaper", "Landscaping crew member", ("Landscaping", "lawn care", "mowing"), (), 16, {}, False),
    ("laborer", "Construction laborer", ("Construction labor", "demolition", "site cleanup"), (), 19, {}, False),
    ("carpenter", "Carpenter helper", ("Carpentry", "framing", "power tools"), (), 18, {}, False),
    ("painter", "Painter", ("Painting", "drywall finishing", "masking"), (), 18, {}, False),
    ("roofer", "Roofer", ("Roofing", "shingles", "ladder safety"), (), 20, {}, False),
    ("welder", "Welder", ("Welding", "mig", "tig", "fabrication"), ("Welding certification",), 23, {}, False),
    ("welderhelper", "Welder helper", ("Welding", "grinding", "fabrication"), (), 18, {}, False),
    ("machine", "Machine operator", ("Machine operation", "cnc", "press operator"), (), 19, {}, False),
    ("assembler", "Assembler", ("Assembly line work", "assembler", "hand tools"), (), 17, {}, False),
    ("cdl", "Truck driver (CDL A)", ("Commercial driving (CDL)", "truck driver", "class a"), ("CDL Class A",), 26, {"dui": None}, True),
    ("delivery", "Delivery driver", ("Delivery driving", "driver", "courier"), (), 17, {"dui": 5}, True),
    ("mechanic", "Auto mechanic helper", ("Auto repair", "mechanic", "oil change"), (), 17, {}, False),
    ("tire", "Tire technician", ("Auto repair", "tire technician", "tire changing"), (), 16, {}, False),
    ("hvac", "HVAC helper", ("HVAC", "heating", "air conditioning"), (), 19, {}, False),
    ("plumber", "Plumber's helper", ("Plumbing", "plumber", "pipefitting"), (), 19, {}, False),
    ("electrician", "Electrician's helper", ("Electrical work", "electrician", "wiring"), (), 19, {}, False),
    ("recycling", "Recycling sorter", ("Recycling and sorting", "sorter", "materials recovery"), (), 15, {}, False),
    ("data", "Data entry clerk", ("Basic computer use", "data entry", "typing"), (), 16, {"theft_fraud": 5}, False),
    ("callcenter", "Call center agent", ("Customer service", "phone calls", "computer"), (), 15, {}, False),
    ("barber", "Barber", ("Barbering", "barber", "hair cutting"), ("Barber license",), 18, {}, False),
    ("flagger", "Flagger", ("Flagging", "flagger", "traffic control"), ("Flagger certification",), 18, {}, False),
    ("stocker", "Grocery stocker", ("Stocking", "shelving", "inventory"), (), 15, {}, False),
    ("mover", "Mover", ("Moving and hauling", "mover", "furniture moving"), (), 17, {}, False),
    ("bank", "Bank teller", ("Customer service", "cash handling", "counting money"), (), 17, {"theft_fraud": 7}, False),
    ("daycare", "Child care aide", ("Child care", "early childhood"), (), 14, {"violent": None, "sex_offense": None}, False),
    ("pharmacy", "Pharmacy stock clerk", ("Stocking", "inventory", "pharmacy"), (), 15, {"drug": 5}, False),
    ("security", "Security officer", ("Security", "patrol", "guard"), (), 16, {"weapons": None, "violent": 10}, False),
    ("homehealth", "Home health aide", ("Caregiving", "patient care"), ("CNA certification",), 16, {"violent": None}, False),
    ("institutional", "Institutional cook", ("Food preparation", "large batch cooking", "kitchen"), (), 16, {}, False),
    ("baker", "Bakery helper", ("Baking", "dough", "bakery"), (), 15, {}, False),
    ("butcher", "Meat cutter", ("Meat cutting", "butcher", "knife skills"), (), 18, {}, False),
    ("server", "Restaurant server", ("Customer service", "serving tables", "waiter"), (), 13, {}, False),
    ("frontdesk", "Hotel front desk clerk", ("Customer service", "check-in", "computer"), (), 15, {"theft_fraud": 5}, False),
    ("upholstery", "Upholstery helper", ("Sewing", "upholstery"), (), 16, {}, False),
    ("printing", "Print shop helper", ("Printing press", "machine operation", "bindery"), (), 16, {}, False),
    ("parking", "Parking attendant", ("Customer service", "cash handling", "parking"), (), 14, {}, False),
    ("carwash", "Car wash attendant", ("Car wash", "vehicle cleaning"), (), 13, {}, False),
    ("detailer", "Auto detailer", ("Auto detailing", "detailing", "vehicle cleaning"), (), 15, {}, False),
    ("grounds", "Groundskeeper", ("Landscaping", "grounds keeping", "trash pickup"), (), 15, {}, False),
]  # fmt: skip

# Where and when each kind is posted: ZIP, shift days, start, end, period, bus line,
# extra wage. The night shift sits outside the city on purpose (no bus at 11 pm).
VARIANTS = [
    ("64106", ("mon", "tue", "wed", "thu", "fri"), time(7), time(15), "day", True, 0),
    ("64127", ("tue", "wed", "thu", "fri", "sat"), time(15), time(23), "evening", True, 1),
    ("64050", ("sun", "mon", "tue", "wed", "thu"), time(23), time(7), "night", False, 2),
    ("66101", ("mon", "tue", "wed", "thu", "fri"), time(6), time(14, 30), "day", True, 0.5),
]


def evaluation_jobs() -> list[JobProfile]:
    jobs = []
    for kind_number, (key, title, skills, required, wage, policy, licence) in enumerate(KINDS):
        for variant_number, variant in enumerate(VARIANTS):
            zip_code, days, start, end, period, transit, extra = variant
            latitude, longitude, county, state = PLACES[zip_code]
            jobs.append(
                JobProfile(
                    id=1000 + kind_number * 10 + variant_number,
                    title=title,
                    skills=skills,
                    certifications_required=required,
                    latitude=latitude,
                    longitude=longitude,
                    county=county,
                    state=state,
                    transit_accessible=transit,
                    remote=key in ("data", "callcenter") and variant_number == 3,
                    shift_days=days,
                    shift_start=start,
                    shift_end=end,
                    shift_period=period,
                    works_weekends=bool({"sat", "sun"} & set(days)),
                    wage_max=Decimal(str(wage + extra)),
                    requires_drivers_license=licence,
                    lookback_years=dict(policy),
                    hires_at_facility_fairs=kind_number % 3 == 0,
                    expires_on=TODAY + timedelta(days=30 + 15 * variant_number),
                )
            )
    return jobs


def kind_of(job_id: int) -> str:
    return KINDS[(job_id - 1000) // 10][0]


def _ago(years: float) -> date:
    return TODAY - timedelta(days=round(365.25 * years))


def _person(number, zip_code, expected, **values) -> tuple[ParticipantProfile, frozenset]:
    latitude, longitude, county, state = PLACES[zip_code]
    terms = tuple(values.pop("terms", ()))
    profile = ParticipantProfile(
        id=number,
        zip_code=zip_code,
        zip_known=True,
        latitude=latitude,
        longitude=longitude,
        county=county,
        state=state,
        terms=terms,
        transport=frozenset(values.pop("transport", ("bus",))),
        **values,
    )
    return profile, frozenset(expected)


C, S, D, E = "certification", "skill", "desired", "experience"
TEN_PM = {"curfew_start": time(22), "curfew_end": time(6)}
NINE_PM = {"curfew_start": time(21), "curfew_end": time(7)}

PEOPLE = [
    # Forklift certificate from prison warehouse work, parole with a 10 pm curfew, bus.
    _person(1, "64127", {"forklift", "warehouse", "picker", "loader"}, terms=[(C, "Forklift certificate"), (E, "Warehouse clerk"), (S, "pallet jack")], supervision_type="parole", travel_limit="state", convictions=(Conviction("drug", _ago(4), _ago(0.3)),), wage_floor=Decimal("16"), **TEN_PM),
    # Cooked for 800 people inside; wants a line; probation; theft record.
    _person(2, "64106", {"linecook", "prepcook", "institutional"}, terms=[(E, "Kitchen worker"), (D, "Line cook"), (C, "ServSafe Food Handler"), (S, "food prep")], supervision_type="probation", convictions=(Conviction("theft_fraud", _ago(3), _ago(1)),)),
    # Welder with a certificate from a vocational program, has a car.
    _person(3, "64050", {"welder", "welderhelper", "machine"}, terms=[(C, "Welding certification"), (S, "MIG welding"), (E, "Fabrication shop helper")], transport=("car",), has_drivers_license=True),
    # Barber licence earned inside; wants a shop; 9 pm curfew.
    _person(4, "64106", {"barber"}, terms=[(C, "Barber license"), (D, "Barber"), (S, "hair cutting")], supervision_type="parole", **NINE_PM),
    # CDL holder, DUI-free, drug conviction long ago; car.
    _person(5, "64050", {"cdl", "delivery"}, terms=[(C, "CDL Class A"), (D, "Truck driver"), (E, "Delivery driver")], transport=("car",), has_drivers_license=True, convictions=(Conviction("drug", _ago(12), _ago(8)),)),
    # Janitorial crew inside, cleaning skills, no car, bike.
    _person(6, "64127", {"janitor", "housekeeper", "grounds"}, terms=[(E, "Custodian"), (S, "floor care"), (S, "cleaning")], transport=("bike",)),
    # Landscaping on a transitional crew, strong readiness, county travel limit.
    _person(7, "64106", {"landscaper", "grounds"}, terms=[(E, "Grounds crew"), (S, "mowing"), (S, "lawn care")], readiness=Decimal("4.6"), travel_limit="county", supervision_type="parole"),
    # Construction laborer with OSHA 10; wants building trades.
    _person(8, "64111", {"laborer", "carpenter", "roofer", "painter"}, terms=[(C, "OSHA 10"), (E, "Construction laborer"), (S, "framing"), (S, "demolition")], transport=("car",), has_drivers_license=True),
    # Customer service, cashier experience, theft conviction 2 years ago (bank no).
    _person(9, "64106", {"barista", "callcenter", "parking", "server"}, terms=[(E, "Cashier"), (S, "customer service"), (D, "Barista")], convictions=(Conviction("theft_fraud", _ago(2), _ago(1)),), supervision_type="probation"),
    # Customer service with a clean 10-year record: the bank is fine.
    _person(10, "64106", {"bank", "cashier", "frontdesk", "callcenter"}, terms=[(E, "Cashier"), (S, "cash handling"), (S, "customer service"), (D, "Bank teller")], convictions=(Conviction("theft_fraud", _ago(12), _ago(10)),)),
    # Auto repair in a prison vocational shop.
    _person(11, "64127", {"mechanic", "tire", "detailer"}, terms=[(E, "Auto mechanic"), (S, "oil change"), (S, "tires")], **TEN_PM),
    # HVAC certificate course, wants trades.
    _person(12, "64111", {"hvac", "electrician", "plumber"}, terms=[(C, "HVAC certificate"), (S, "heating"), (S, "air conditioning"), (D, "HVAC technician")], transport=("car",), has_drivers_license=True),
    # Data entry and computers, a 24-hour home detention: only remote work.
    _person(13, "64106", {"data", "callcenter"}, terms=[(S, "data entry"), (S, "typing"), (S, "computer")], curfew_start=time(0), curfew_end=time(0)),
    # Sorting in a prison recycling plant.
    _person(14, "64127", {"recycling", "warehouse", "loader"}, terms=[(E, "Recycling sorter"), (S, "material handling")]),
    # Baker inside, wants bakery work; early-morning person.
    _person(15, "64106", {"baker", "prepcook", "institutional"}, terms=[(E, "Bakery worker"), (S, "baking"), (S, "dough"), (D, "Baker")], preferred_shifts=frozenset({"day"})),
    # Meat cutting, knife skills.
    _person(16, "64106", {"butcher", "prepcook"}, terms=[(E, "Meat cutter"), (S, "knife skills"), (D, "Butcher")]),
    # Mover, strong, bus; wants day work.
    _person(17, "64127", {"mover", "loader", "laborer"}, terms=[(E, "Furniture mover"), (S, "heavy lifting"), (D, "Mover")], preferred_shifts=frozenset({"day"})),
    # Assembly line in a prison industries plant.
    _person(18, "64050", {"assembler", "machine", "printing"}, terms=[(E, "Assembly line worker"), (S, "hand tools"), (S, "machine operator")], transport=("car",), has_drivers_license=True),
    # Dishwasher who wants to move up in a kitchen.
    _person(19, "64106", {"dish", "prepcook", "linecook"}, terms=[(E, "Dishwasher"), (D, "Prep cook"), (S, "kitchen")], **NINE_PM),
    # Housekeeping in a hotel before prison; Spanish speaker.
    _person(20, "64106", {"housekeeper", "janitor"}, terms=[(E, "Hotel housekeeper"), (S, "housekeeping"), (S, "laundry"), (S, "limpieza")]),
    # Painter, drywall.
    _person(21, "64111", {"painter", "carpenter"}, terms=[(E, "Painter"), (S, "drywall finishing"), (S, "masking")], transport=("car",), has_drivers_license=True),
    # Stocking shelves at a grocery; drug conviction 2 years ago (pharmacy no).
    _person(22, "64127", {"stocker", "warehouse", "picker"}, terms=[(E, "Grocery stocker"), (S, "inventory"), (S, "shelving")], convictions=(Conviction("drug", _ago(2), _ago(1)),)),
    # Flagger certificate from a reentry program, probation.
    _person(23, "64106", {"flagger", "laborer"}, terms=[(C, "Flagger certification"), (S, "traffic control"), (D, "Flagger")], supervision_type="probation", transport=("car",), has_drivers_license=True),
    # Electrician's helper experience, wiring.
    _person(24, "64106", {"electrician", "hvac"}, terms=[(E, "Electrician helper"), (S, "wiring"), (S, "conduit")]),
    # Server and front-of-house experience, evenings preferred.
    _person(25, "64127", {"server", "barista", "cashier"}, terms=[(E, "Waiter"), (S, "serving tables"), (S, "customer service")], preferred_shifts=frozenset({"evening"})),
    # Plumbing helper; car.
    _person(26, "64111", {"plumber", "hvac"}, terms=[(E, "Plumber helper"), (S, "pipefitting"), (D, "Plumber")], transport=("car",), has_drivers_license=True),
    # Detailing cars at a prison motor pool.
    _person(27, "64127", {"detailer", "carwash"}, terms=[(E, "Vehicle detailer"), (S, "detailing"), (S, "vehicle cleaning")]),
    # Pre-release, out in 60 days, kitchen work inside.
    _person(28, "64106", {"linecook", "institutional", "prepcook"}, terms=[(E, "Kitchen worker"), (D, "Cook"), (S, "large batch cooking")], release_date=TODAY + timedelta(days=60), supervision_type="parole", **TEN_PM),
    # Printing press in prison industries.
    _person(29, "64106", {"printing", "machine"}, terms=[(E, "Printing press operator"), (S, "bindery")]),
    # Upholstery and sewing from a prison shop.
    _person(30, "64127", {"upholstery"}, terms=[(E, "Upholstery worker"), (S, "sewing"), (D, "Upholsterer")]),
    # Warehouse worker, 9 pm curfew and county travel limit, no car.
    _person(31, "64106", {"warehouse", "picker", "loader", "forklift"}, terms=[(E, "Warehouse worker"), (S, "packing"), (S, "shipping")], travel_limit="county", supervision_type="parole", **NINE_PM),
    # Security: weapons conviction, so never security; wants customer-facing work.
    _person(32, "64106", {"parking", "callcenter", "frontdesk"}, terms=[(E, "Front desk"), (S, "customer service"), (S, "check-in")], convictions=(Conviction("weapons", _ago(6), _ago(2)),)),
]  # fmt: skip
