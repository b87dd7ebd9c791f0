"""Pages of an employer member: organization and members, hiring policy, jobs, booths."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from employers.forms import (
    EmployerDetailsForm,
    HiringPolicyForm,
    InviteForm,
    JobForm,
    PolicyChecksForm,
    PolicyOffensesForm,
    PolicyPledgeForm,
    PolicySupervisionForm,
)
from employers.links import booth_checkout_return_urls, site_url
from employers.models import HiringPolicy, JobStatus, PolicyPart
from employers.permissions import (
    can_cancel_booth,
    can_change_job,
    can_close_job,
    can_invite_members,
    can_pay_booth,
    can_post_jobs,
    can_resubmit_employer,
    can_submit_job,
)
from employers.selectors import (
    booth_get_for_user,
    booths_of_employer,
    employer_members,
    employer_of,
    fairs_visible_to,
    jobs_of_employer,
)
from employers.services import (
    EmployerDetails,
    JobDetails,
    RuleInput,
    booth_book,
    booth_cancel,
    booth_checkout_url,
    employer_resubmit,
    employer_update,
    hiring_policy_update,
    job_close,
    job_create,
    job_submit,
    job_update,
    member_invite,
)
from portal.core.exceptions import ApplicationError
from portal.core.forms import show_error_on_form
from portal.core.models import OffenseCategory, Role
from portal.core.permissions import role_required

DETAIL_FIELDS = list(EmployerDetailsForm.base_fields)


def own_employer_or_404(request):
    """The signed-in member's organization; a user without one gets a 404."""
    employer = employer_of(user=request.user)
    if employer is None:
        raise Http404
    return employer


@role_required(Role.EMPLOYER)
def organization(request):
    """The organization's details, its vetting state and note, its members."""
    employer = own_employer_or_404(request)
    if request.method == "POST":
        form = EmployerDetailsForm(request.POST)
        if form.is_valid():
            try:
                employer_update(
                    employer=employer,
                    details=EmployerDetails(**form.cleaned_data),
                    actor=request.user,
                )
            except ApplicationError as error:
                show_error_on_form(form, error)
            else:
                messages.success(request, _("Your organization's details are saved."))
                return redirect("employers:organization")
    else:
        form = EmployerDetailsForm(
            initial={name: getattr(employer, name) for name in DETAIL_FIELDS}
        )
    return render(
        request,
        "employers/organization.html",
        {
            "employer": employer,
            "form": form,
            "members": employer_members(employer=employer),
            "invite_form": InviteForm() if can_invite_members(request.user, employer) else None,
            "can_resubmit": can_resubmit_employer(request.user, employer),
        },
    )


@role_required(Role.EMPLOYER)
@require_POST
def resubmit(request):
    employer = own_employer_or_404(request)
    try:
        employer_resubmit(employer=employer, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Sent to program staff for review."))
    return redirect("employers:organization")


@role_required(Role.EMPLOYER)
def invite(request):
    employer = own_employer_or_404(request)
    if not can_invite_members(request.user, employer):
        raise Http404
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member_invite(
                employer=employer,
                email=form.cleaned_data["email"],
                actor=request.user,
                site_url=site_url(request),
            )
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            messages.success(request, _("The invitation is on its way."))
            return redirect("employers:organization")
    return render(request, "employers/invite.html", {"form": form})


def _policy_of(employer) -> HiringPolicy:
    # An employer made outside sign-up (the technical admin) may have none yet: the form
    # then starts from the defaults and saving creates it.
    return getattr(employer, "hiring_policy", None) or HiringPolicy(employer=employer)


def _policy_initial(employer) -> dict:
    policy = _policy_of(employer)
    if policy.pk is None:
        return {
            "accepts_parole": policy.accepts_parole,
            "accepts_probation": policy.accepts_probation,
            "background_check_timing": policy.background_check_timing,
            "record_visible_from": policy.record_visible_from,
        }
    initial = {
        "accepts_parole": policy.accepts_parole,
        "accepts_probation": policy.accepts_probation,
        "background_check_timing": policy.background_check_timing,
        "record_visible_from": policy.record_visible_from,
        "pledge_signer": policy.pledge_signer,
    }
    for rule in policy.rules.all():
        initial[f"{rule.category}_decision"] = rule.decision
        initial[f"{rule.category}_years"] = rule.years
        initial[f"{rule.category}_reason"] = rule.reason
    return initial


# The policy page's parts, in order, each with its own form and its own save.
POLICY_PART_FORMS = {
    PolicyPart.OFFENSES: PolicyOffensesForm,
    PolicyPart.SUPERVISION: PolicySupervisionForm,
    PolicyPart.CHECKS: PolicyChecksForm,
    PolicyPart.PLEDGE: PolicyPledgeForm,
}


def _policy_values(data: dict) -> dict:
    """The service's arguments for the parts the cleaned `data` holds, and only those:
    a part not on the form stays as it is."""
    values = {}
    if f"{OffenseCategory.values[0]}_decision" in data:
        values["rules_by_category"] = {
            code: RuleInput(data[f"{code}_decision"], data[f"{code}_years"], data[f"{code}_reason"])
            for code in OffenseCategory.values
        }
    for name in (
        "accepts_parole",
        "accepts_probation",
        "background_check_timing",
        "record_visible_from",
        "pledge_signer",
    ):
        if name in data:
            values[name] = data[name]
    return values


def _policy_save(request, employer, form) -> bool:
    """Save what the form holds through the one service; an error goes next to its
    field (nothing is saved then)."""
    if not form.is_valid():
        return False
    try:
        hiring_policy_update(
            employer=employer, actor=request.user, **_policy_values(form.cleaned_data)
        )
    except ApplicationError as error:
        show_error_on_form(form, error)
        return False
    return True


def _policy_render(request, employer, form, *, part=None):
    policy = _policy_of(employer)
    done = policy.parts_done()
    parts = list(POLICY_PART_FORMS)
    progress = [
        {
            "key": name,
            "label": PolicyPart(name).label,
            "url": reverse("employers:policy-section", args=[name]),
            "done": done[name],
            "current": name == part,
        }
        for name in parts
    ]
    following = parts[parts.index(part) + 1] if part and part != parts[-1] else None
    return render(
        request,
        "employers/policy.html",
        {
            "form": form,
            "employer": employer,
            "policy": policy,
            "part": part,
            "part_label": PolicyPart(part).label if part else "",
            "part_number": parts.index(part) + 1 if part else 0,
            "progress": progress,
            "done_count": sum(done.values()),
            "next_part": (
                {
                    "label": PolicyPart(following).label,
                    "url": reverse("employers:policy-section", args=[following]),
                }
                if following
                else None
            ),
        },
    )


@role_required(Role.EMPLOYER)
def policy(request):
    """The fair-chance hiring policy's old one-page address: it opens the first part. A
    post of the whole form (every part at once) still saves them all."""
    employer = own_employer_or_404(request)
    if request.method != "POST":
        return redirect("employers:policy-section", PolicyPart.OFFENSES)
    form = HiringPolicyForm(request.POST)
    if _policy_save(request, employer, form):
        messages.success(request, _("Your hiring policy is saved."))
        return redirect("employers:policy-section", PolicyPart.OFFENSES)
    return _policy_render(request, employer, form)


@role_required(Role.EMPLOYER)
def policy_section(request, section):
    """One part of the hiring policy, saved on its own: only its values reach the
    service, so the other parts stay as they are; then on to the next part."""
    employer = own_employer_or_404(request)
    if section not in POLICY_PART_FORMS:
        raise Http404
    form_class = POLICY_PART_FORMS[section]
    if request.method != "POST":
        initial = _policy_initial(employer)
        return _policy_render(request, employer, form_class(initial=initial), part=section)
    form = form_class(request.POST)
    if not _policy_save(request, employer, form):
        return _policy_render(request, employer, form, part=section)
    messages.success(
        request, _("%(part)s: saved in your hiring policy.") % {"part": PolicyPart(section).label}
    )
    parts = list(POLICY_PART_FORMS)
    following = parts[parts.index(section) + 1] if section != parts[-1] else section
    return redirect("employers:policy-section", following)


@role_required(Role.EMPLOYER)
def job_list(request):
    employer = own_employer_or_404(request)
    return render(
        request,
        "employers/job_list.html",
        {
            "employer": employer,
            "can_post_jobs": can_post_jobs(request.user, employer),
            "job_rows": [
                {
                    "job": job,
                    "can_change": can_change_job(request.user, job),
                    "can_submit": can_submit_job(request.user, job),
                    "can_close": can_close_job(request.user, job),
                }
                for job in jobs_of_employer(user=request.user)
            ],
        },
    )


def _job_details(form: JobForm) -> JobDetails:
    data = {
        name: value for name, value in form.cleaned_data.items() if not name.startswith("rule_")
    }
    return JobDetails(**data, tightened_rules=form.tightened_rules())


def _job_initial(job) -> dict:
    initial = {name: getattr(job, name) for name in JobForm.base_fields if name != "skills"}
    initial["skills"] = list(job.skills.all())
    initial["shift_days"] = job.shift_day_list
    for rule in job.policy_rules.all():
        initial[f"rule_{rule.category}"] = rule.decision
        initial[f"rule_{rule.category}_years"] = rule.years
    return initial


@role_required(Role.EMPLOYER)
def job_form(request, pk=None):
    """Write a new job (a draft) or change one."""
    employer = own_employer_or_404(request)
    job = get_object_or_404(jobs_of_employer(user=request.user), pk=pk) if pk else None
    form = JobForm(request.POST or None, initial=_job_initial(job) if job else None)
    if request.method == "POST" and form.is_valid():
        try:
            if job is None:
                job = job_create(employer=employer, details=_job_details(form), actor=request.user)
            else:
                job = job_update(job=job, details=_job_details(form), actor=request.user)
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            messages.success(request, _("The job is saved."))
            return redirect("employers:job-list")
    return render(
        request, "employers/job_form.html", {"form": form, "job": job, "employer": employer}
    )


@role_required(Role.EMPLOYER)
@require_POST
def job_action(request, pk, action):
    job = get_object_or_404(jobs_of_employer(user=request.user), pk=pk)
    if action not in ("submit", "close", "filled"):
        raise Http404
    try:
        if action == "submit":
            job = job_submit(job=job, actor=request.user)
            if job.status == JobStatus.OPEN:
                messages.success(request, _("The job is published."))
            else:
                messages.success(
                    request, _("Sent to program staff. We email you when it is published.")
                )
        else:
            job_close(job=job, actor=request.user, filled=action == "filled")
            messages.success(request, _("The job is closed."))
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect("employers:job-list")


@role_required(Role.EMPLOYER)
@require_POST
def booth_book_view(request, fair_pk):
    employer = own_employer_or_404(request)
    fair = get_object_or_404(fairs_visible_to(user=request.user), pk=fair_pk)
    try:
        booth = booth_book(fair=fair, employer=employer, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("employers:fair-detail", pk=fair.pk)
    messages.success(request, _("Your booth is booked."))
    return redirect("employers:booth-detail", pk=booth.pk)


@role_required(Role.EMPLOYER)
def booth_list(request):
    return render(
        request, "employers/booth_list.html", {"booths": booths_of_employer(user=request.user)}
    )


@role_required(Role.EMPLOYER)
def booth_detail(request, pk):
    booth = booth_get_for_user(user=request.user, pk=pk)
    if booth is None:
        raise Http404
    return render(
        request,
        "employers/booth_detail.html",
        {
            "booth": booth,
            "stripe_enabled": booth.payment is not None and booth.payment.provider == "stripe",
            "can_pay": can_pay_booth(request.user, booth),
            "can_cancel": can_cancel_booth(request.user, booth),
        },
    )


@role_required(Role.EMPLOYER)
@require_POST
def booth_pay(request, pk):
    """Send the employer to Stripe Checkout for the booth fee."""
    booth = booth_get_for_user(user=request.user, pk=pk)
    if booth is None:
        raise Http404
    back = reverse("employers:booth-detail", args=[booth.pk])
    success_url, cancel_url = booth_checkout_return_urls(request, booth)
    try:
        url = booth_checkout_url(
            booth=booth, actor=request.user, success_url=success_url, cancel_url=cancel_url
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(back)
    if not url:
        return redirect(back)
    return redirect(url)


@role_required(Role.EMPLOYER)
@require_POST
def booth_cancel_view(request, pk):
    booth = booth_get_for_user(user=request.user, pk=pk)
    if booth is None:
        raise Http404
    try:
        booth_cancel(booth=booth, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The booth is cancelled."))
    return redirect("employers:booth-detail", pk=booth.pk)
