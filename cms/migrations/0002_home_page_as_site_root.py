from django.db import migrations


def make_home_page_the_root(apps, schema_editor):
    """Replace Wagtail's placeholder welcome page with the portal's HomePage and make it
    the default site's root, so a fresh database serves the portal's home at "/"."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("cms.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    plain_page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    # Deleting the welcome page also deletes the site Wagtail made for it.
    Page.objects.filter(content_type=plain_page_type, depth=2, slug="home").delete()

    locale = Locale.objects.order_by("pk").first() or Locale.objects.create(language_code="en")
    home_type, _ = ContentType.objects.get_or_create(app_label="cms", model="homepage")
    home = HomePage.objects.create(
        title="Second Chance Jobs Portal",
        draft_title="Second Chance Jobs Portal",
        slug="home",
        content_type=home_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        intro=(
            "<p>Fair-chance employers, people coming home from prison, and the job club "
            "staff who help them, in one place.</p>"
        ),
    )
    Site.objects.create(
        hostname="localhost",
        port=80,
        root_page=home,
        is_default_site=True,
        site_name="Second Chance Jobs Portal",
    )


def remove_home_page(apps, schema_editor):
    apps.get_model("cms.HomePage").objects.filter(depth=2, slug="home").delete()


class Migration(migrations.Migration):
    dependencies = [("cms", "0001_initial")]

    operations = [migrations.RunPython(make_home_page_the_root, remove_home_page)]
