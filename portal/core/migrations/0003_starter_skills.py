from django.db import migrations
from django.utils.text import slugify

# Skills of the jobs that fair-chance employers in the Kansas City metro most often post,
# with the other words people use for them. Staff add more in the admin.
STARTER_SKILLS = {
    "Forklift operation": ["forklift", "lift truck", "reach truck", "pallet jack"],
    "Warehouse work": ["warehouse", "picking", "packing", "order picker", "shipping"],
    "Loading and unloading": ["loader", "unloading", "dock work", "material handling"],
    "Food preparation": ["prep cook", "line cook", "kitchen", "cook"],
    "Dishwashing": ["dishwasher", "dish machine"],
    "Food handler certification": ["servsafe", "food handler card", "food safety"],
    "Customer service": ["cashier", "front counter", "customer care"],
    "Janitorial work": ["custodian", "janitor", "cleaning", "housekeeping"],
    "Landscaping": ["lawn care", "grounds keeping", "mowing"],
    "Construction labor": ["laborer", "construction", "demolition", "site cleanup"],
    "Carpentry": ["framing", "carpenter", "woodworking"],
    "Painting": ["painter", "drywall finishing"],
    "Roofing": ["roofer", "shingles"],
    "Welding": ["welder", "mig", "tig", "fabrication"],
    "Machine operation": ["machine operator", "cnc", "press operator"],
    "Assembly line work": ["assembler", "production line", "manufacturing"],
    "Commercial driving (CDL)": ["cdl", "truck driver", "class a", "class b"],
    "Delivery driving": ["delivery", "driver", "courier"],
    "Auto repair": ["mechanic", "automotive", "oil change", "tire technician"],
    "HVAC": ["heating", "air conditioning", "hvac technician"],
    "Plumbing": ["plumber", "pipefitting"],
    "Electrical work": ["electrician", "wiring"],
    "Recycling and sorting": ["sorter", "recycling", "materials recovery"],
    "Basic computer use": ["computer", "email", "data entry", "microsoft office"],
    "Barbering": ["barber", "cosmetology", "hair cutting"],
    "OSHA 10 safety": ["osha", "osha 10", "safety training"],
    "Flagging": ["flagger", "traffic control"],
    "Spanish language": ["spanish", "bilingual", "español"],
    "Stocking": ["stocker", "shelving", "inventory"],
    "Moving and hauling": ["mover", "hauling", "furniture moving"],
}


def add_starter_skills(apps, schema_editor):
    Skill = apps.get_model("core", "Skill")
    for name, synonyms in STARTER_SKILLS.items():
        Skill.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "synonyms": synonyms}
        )


def remove_starter_skills(apps, schema_editor):
    apps.get_model("core", "Skill").objects.filter(
        slug__in=[slugify(name) for name in STARTER_SKILLS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0002_taxonomy")]

    operations = [migrations.RunPython(add_starter_skills, remove_starter_skills)]
