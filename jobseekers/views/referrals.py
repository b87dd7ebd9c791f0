"""Referral pages: staff make a referral and record its follow-up; the participant reads
their own referrals with each partner's address and hours."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.exceptions import ApplicationError
from portal.core.forms import show_error_on_form
from portal.core.models import Role
from portal.core.permissions import role_required

from .. import rules, selectors, services
from ..forms_referrals import ReferralFollowUpForm, ReferralForm
from ..models import ReferralNeed
from ..permissions import can_follow_up_referral
from .self_service import own_participant
from .staff import staff_participant


@role_required(Role.STAFF)
def referral_add(request, participant_id):
    """Refer a participant to a partner organisation. `?need=housing` preselects the
    need (the employment plan links here from a need marked "need")."""
    participant = staff_participant(request, participant_id)
    if request.method == "POST":
        form = ReferralForm(request.POST)
        if form.is_valid():
            values = dict(form.cleaned_data)
            try:
                services.referral_make(
                    participant=participant,
                    actor=request.user,
                    organisation_id=values.pop("organisation").pk,
                    **values,
                )
            except ApplicationError as error:
                show_error_on_form(form, error)
            else:
                messages.success(request, _("The referral is made."))
                return redirect(
                    reverse("jobseekers:participant", args=[participant.pk]) + "#referrals"
                )
    else:
        need = request.GET.get("need", "")
        form = ReferralForm(initial={"need": need} if need in ReferralNeed.values else None)
    return render(
        request,
        "jobseekers/staff/referral_add.html",
        {
            "participant": participant,
            "form": form,
            "follow_up_days": rules.referral_follow_up_days(),
        },
    )


@role_required(Role.STAFF)
def referral_detail(request, referral_id):
    """One referral and its follow-up form (caseload staff and admins; others 404)."""
    referral = selectors.referral_get_for_user(user=request.user, referral_id=referral_id)
    if not can_follow_up_referral(request.user, referral.participant):
        raise Http404
    form = None
    if referral.is_open:
        form = ReferralFollowUpForm(request.POST or None, referral=referral)
        if request.method == "POST" and form.is_valid():
            try:
                services.referral_follow_up(
                    referral=referral, actor=request.user, **form.cleaned_data
                )
            except ApplicationError as error:
                show_error_on_form(form, error)
            else:
                messages.success(request, _("The follow-up is recorded."))
                return redirect("jobseekers:referral", referral_id=referral.pk)
    return render(
        request,
        "jobseekers/staff/referral.html",
        {"referral": referral, "form": form, "today": timezone.localdate()},
    )


@role_required(Role.PARTICIPANT)
def my_referrals(request):
    """The participant's referrals, in plain words, with where to go and when."""
    participant = own_participant(request)
    referrals = selectors.referrals_for(participant=participant, viewer=request.user)
    return render(request, "jobseekers/self/referrals.html", {"referrals": referrals})
