from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import redirect, render
from wagtail.models import Locale

from cms.forms import SiteSearchForm
from cms.models.resources import ResourceDirectoryPage
from cms.selectors import site_search

# The filters a printed help list may carry (the directory's own form checks them).
HELP_LIST_FILTERS = ("zip_code", "category", "miles")


def search(request):
    """Site search across pages and resources; any text is safe to search for."""
    form = SiteSearchForm(request.GET or None)
    results = (
        site_search(query=form.cleaned_data["q"]) if form.is_bound and form.is_valid() else None
    )
    return render(request, "cms/search.html", {"form": form, "results": results})


def help_list(request):
    """A stable address for the printable list of help near a ZIP code, for other pages
    (a participant's page) to link to whatever slug editors give the directory: it
    redirects to the directory's print view in the visitor's language."""
    directories = ResourceDirectoryPage.objects.live().public()
    directory = directories.filter(locale=Locale.get_active()).first() or directories.first()
    if directory is None:
        raise Http404
    filters = {name: request.GET[name] for name in HELP_LIST_FILTERS if request.GET.get(name)}
    query = f"?{urlencode(filters)}" if filters else ""
    return redirect(f"{directory.url}print/{query}")
