from django.http import Http404

from employers.selectors import employer_of


def site_url(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def own_employer_or_404(request):
    employer = employer_of(user=request.user)
    if employer is None:
        raise Http404
    return employer
