from django.shortcuts import render

from cms.forms import SiteSearchForm
from cms.selectors import site_search


def search(request):
    """Site search across pages and resources; any text is safe to search for."""
    form = SiteSearchForm(request.GET or None)
    results = (
        site_search(query=form.cleaned_data["q"]) if form.is_bound and form.is_valid() else None
    )
    return render(request, "cms/search.html", {"form": form, "results": results})
