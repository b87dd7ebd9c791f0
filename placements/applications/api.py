"""The applications area's API under /api/v1/: applications, their transitions and the
record summary; placements with retention checks, tax credit and bonding. Thin views:
parse, call one selector or service, render. Objects the user may not see are 404."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from employers.selectors import jobs_visible_to
from jobseekers.models import ResumeVersion
from jobseekers.permissions import is_self
from jobseekers.selectors import participant_for_user_account, participants_visible_to
from placements.applications import permissions, selectors, services
from placements.applications import serializers as s
from placements.applications.filters import ApplicationFilter
from placements.applications.selectors import WOTC_UNDISCLOSED_MESSAGE
from portal.core.drf import ApiFilterBackend
from portal.core.exceptions import NotFoundError, PermissionDeniedError
from portal.core.permissions import IsStaffMember, is_staff_member


def _application(request, pk):
    return selectors.application_get_for_user(user=request.user, application_id=pk)


def _placement(request, pk):
    return selectors.placement_get_for_user(user=request.user, placement_id=pk)


class ApplicationListView(generics.ListAPIView):
    """GET: the applications the user sees (the participant's own, the employer's jobs',
    staff their caseload's, admins all), newest first; `?status=` filters by stage (an
    unknown stage is a 400).
    POST: apply (a participant for themself; staff name the `participant` and confirm
    `participant_agreed`). A job that breaks the participant's supervision terms or
    travel limits is a 400 "job_does_not_fit" for the participant (field `job`: ask your
    staff); staff send `fit_confirmed` and a `fit_note`."""

    serializer_class = s.ApplicationOutSerializer
    filter_backends = [ApiFilterBackend]
    filterset_class = ApplicationFilter

    def get_queryset(self):
        return selectors.applications_visible_to(user=self.request.user).prefetch_related(
            "interviews"
        )

    @extend_schema(request=s.ApplicationInSerializer, responses={201: s.ApplicationOutSerializer})
    def post(self, request):
        data = s.ApplicationInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if is_staff_member(request.user):
            participant = (
                participants_visible_to(user=request.user)
                .filter(pk=values.get("participant") or 0)
                .first()
            )
        else:
            participant = participant_for_user_account(user=request.user)
        if participant is None:
            raise NotFoundError(
                fields={"participant": [_("Choose a participant on your caseload.")]}
            )
        job = jobs_visible_to(user=request.user).filter(pk=values["job"]).first()
        if job is None:
            raise NotFoundError(fields={"job": [_("This job does not exist.")]})
        version = (
            ResumeVersion.objects.select_related("resume")
            .filter(pk=values["resume_version"], resume__participant=participant)
            .first()
        )
        if version is None:
            raise NotFoundError(
                fields={"resume_version": [_("Choose one of the participant's résumés.")]}
            )
        application = services.application_submit(
            participant=participant,
            job=job,
            resume_version=version,
            actor=request.user,
            share_profile=values["share_profile"],
            share_record_summary=values["share_record_summary"],
            participant_agreed=values["participant_agreed"] or is_self(request.user, participant),
            cover_note=values["cover_note"],
            fit_confirmed=values["fit_confirmed"],
            fit_note=values["fit_note"],
        )
        return Response(
            s.ApplicationOutSerializer(
                _application(request, application.pk), context={"request": request}
            ).data,
            status=status.HTTP_201_CREATED,
        )


class ApplicationDetailView(APIView):
    @extend_schema(responses=s.ApplicationDetailOutSerializer)
    def get(self, request, pk):
        return Response(
            s.ApplicationDetailOutSerializer(
                _application(request, pk), context={"request": request}
            ).data
        )


class ApplicationTransitionView(APIView):
    """Move the application: `{"to": stage, ...}`. "interview_scheduled" needs
    `interview` {starts_at, mode, place, video_link}; "hired" needs `start_date` (wage and
    hours default to the job's); "declined" needs `reason`. An illegal move is 409."""

    @extend_schema(request=s.TransitionInSerializer, responses=s.ApplicationDetailOutSerializer)
    def post(self, request, pk):
        application = _application(request, pk)
        data = s.TransitionInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        interview = values.get("interview")
        hire = None
        if values["to"] == "hired":
            hire = services.HireDetails(
                start_date=values.get("start_date"),
                hourly_wage=values.get("hourly_wage"),
                hours_per_week=values.get("hours_per_week"),
                benefits=values["benefits"],
                subsidized=values["subsidized"],
            )
        services.application_transition(
            application=application,
            actor=request.user,
            to=values["to"],
            reason=values["reason"],
            note=values["note"],
            interview=services.InterviewDetails(**interview) if interview else None,
            hire=hire,
            offered_on=values.get("offered_on"),
        )
        return Response(
            s.ApplicationDetailOutSerializer(
                _application(request, pk), context={"request": request}
            ).data
        )


class ApplicationRecordView(APIView):
    """The record summary (offense categories, level and dates; never descriptions) for
    the employer once the participant consented and the application reached the stage
    the employer's policy allows; before that, 404 like any unknown page. Each view is
    written to the access log."""

    @extend_schema(responses=s.RecordOutSerializer)
    def get(self, request, pk):
        application = _application(request, pk)
        rows = selectors.record_summary_for_application(user=request.user, application=application)
        return Response(
            s.RecordOutSerializer({"application": application.pk, "convictions": rows}).data
        )


class ApplicationRecordReviewView(APIView):
    """The fair-chance steps, one `step` at a time, in order: "assessment" (employer),
    "notice" (employer), "response" (participant or staff), "decision" (employer,
    "confirmed" or "reversed", after the waiting period). A step out of order is 409."""

    @extend_schema(request=s.RecordReviewInSerializer, responses=s.ApplicationDetailOutSerializer)
    def post(self, request, pk):
        application = _application(request, pk)
        data = s.RecordReviewInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        common = {"application": application, "actor": request.user}
        if v["step"] == "assessment":
            services.record_review_assess(
                **common,
                nature_and_gravity=v["nature_and_gravity"],
                time_elapsed=v["time_elapsed"],
                nature_of_job=v["nature_of_job"],
            )
        elif v["step"] == "notice":
            services.record_review_send_notice(**common, notice_text=v["notice_text"])
        elif v["step"] == "response":
            services.record_review_respond(**common, response=v["response"])
        else:
            services.record_review_decide(**common, decision=v["decision"])
        return Response(
            s.ApplicationDetailOutSerializer(
                _application(request, pk), context={"request": request}
            ).data
        )


def placement_data(placement, *, user) -> dict:
    data = s.PlacementOutSerializer(placement, context={"user": user}).data
    # Retention checks (outcomes, staff's notes) are caseload staff's, as on the page.
    checks = (
        placement.retention_checks.all()
        if permissions.can_view_retention_checks(user, placement)
        else []
    )
    data["retention_checks"] = s.RetentionCheckOutSerializer(checks, many=True).data
    data["wotc"] = wotc_data(placement.wotc, user=user)
    data["bonding"] = s.BondingOutSerializer(placement.bonding_requests.all(), many=True).data
    return data


def wotc_data(screening, *, user) -> dict:
    """The tax-credit file as `user` may see it (see `permissions.wotc_disclosed_to`)."""
    disclosed = permissions.wotc_disclosed_to(user=user, screening=screening)
    summary = selectors.wotc_summary(screening, disclosed=disclosed)
    if not disclosed:
        summary["message"] = str(WOTC_UNDISCLOSED_MESSAGE)
    elif permissions.wotc_shown_to_employer(user=user, placement=screening.placement):
        summary["eligibility_note"] = ""
        selectors.wotc_disclosure_log(viewer=user, placements=[screening.placement])
    return s.WotcOutSerializer(
        {
            **summary,
            "status_label": str(summary["status_label"]),
            **{
                name: getattr(screening, name)
                for name in (
                    "applicant_signed_on",
                    "employer_signed_on",
                    "submitted_on",
                    "first_year_hours",
                    "first_year_wages",
                )
            },
        }
    ).data


class PlacementListView(generics.ListAPIView):
    """GET: the placements the user sees (staff: caseload; employer: its hires; a
    participant: their own). POST (staff): a job found outside the portal."""

    serializer_class = s.PlacementOutSerializer

    def get_queryset(self):
        return selectors.placements_visible_to(user=self.request.user)

    def get_permissions(self):
        if self.request.method == "POST":
            return [IsStaffMember()]
        return super().get_permissions()

    @extend_schema(request=s.PlacementInSerializer, responses={201: s.PlacementOutSerializer})
    def post(self, request):
        data = s.PlacementInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        participant = (
            participants_visible_to(user=request.user).filter(pk=values.pop("participant")).first()
        )
        if participant is None:
            raise NotFoundError(
                fields={"participant": [_("Choose a participant on your caseload.")]}
            )
        placement = services.placement_record_outside(
            participant=participant, actor=request.user, details=services.OutsidePlacement(**values)
        )
        return Response(
            placement_data(_placement(request, placement.pk), user=request.user),
            status=status.HTTP_201_CREATED,
        )


def _placement_for_staff(request, pk):
    """The placement for its participant's caseload staff or an admin; 404 for anyone
    else (the employer and the participant included), as the page shows it."""
    placement = _placement(request, pk)
    if not permissions.is_placement_staff(request.user, placement):
        raise Http404
    return placement


class PlacementRetentionView(APIView):
    """Caseload staff and admins only (anyone else: 404). GET: the retention checks.
    PATCH: record one check (`id`, `outcome`, `verified_by`, `note`, and for a person
    working optionally `hours_per_week` and `hourly_wage`) or the end of the
    job (`separated_on`, `separation_reason`)."""

    @extend_schema(responses=s.RetentionCheckOutSerializer(many=True))
    def get(self, request, pk):
        placement = _placement_for_staff(request, pk)
        return Response(
            s.RetentionCheckOutSerializer(placement.retention_checks.all(), many=True).data
        )

    @extend_schema(
        request=s.RetentionCheckInSerializer, responses=s.RetentionCheckOutSerializer(many=True)
    )
    def patch(self, request, pk):
        placement = _placement_for_staff(request, pk)
        data = s.RetentionCheckInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        if "id" in v:
            check = placement.retention_checks.filter(pk=v["id"]).first()
            if check is None:
                raise Http404
            services.retention_check_record(
                check=check,
                actor=request.user,
                outcome=v["outcome"],
                verified_by=v["verified_by"],
                note=v["note"],
                hours_per_week=v["hours_per_week"],
                hourly_wage=v["hourly_wage"],
            )
        else:
            services.placement_separate(
                placement=placement,
                actor=request.user,
                separated_on=v["separated_on"],
                reason=v["separation_reason"],
            )
        return self.get(request, pk)


class PlacementWotcView(APIView):
    """GET: eligibility, status (active / pending reauthorization), Form 8850 dates and
    deadline, credit estimate. PATCH (caseload staff or the employer): the 8850 dates and
    the first-year hours and wages; `applicant_signed_on` (the participant's signature,
    which discloses the eligibility to the employer) is staff's only: 403 for the
    employer. The employer never gets `eligibility_note`; each response that shows the
    employer the eligibility is written to the participant's access log."""

    @extend_schema(responses=s.WotcOutSerializer)
    def get(self, request, pk):
        return Response(wotc_data(_placement(request, pk).wotc, user=request.user))

    @extend_schema(request=s.WotcInSerializer, responses=s.WotcOutSerializer)
    def patch(self, request, pk):
        placement = _placement(request, pk)
        data = s.WotcInSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        if not permissions.can_edit_wotc(request.user, placement):
            raise PermissionDeniedError()
        screening = services.wotc_update(
            screening=placement.wotc, actor=request.user, **data.validated_data
        )
        return Response(wotc_data(screening, user=request.user))


class PlacementBondingView(APIView):
    """POST (caseload staff or the employer): a Federal Bonding request, `amount` in
    $5,000 steps up to $25,000 (default $5,000)."""

    @extend_schema(request=s.BondingInSerializer, responses={201: s.BondingOutSerializer})
    def post(self, request, pk):
        placement = _placement(request, pk)
        data = s.BondingInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if not permissions.can_request_bond(request.user, placement):
            raise PermissionDeniedError()
        bond = services.bonding_request_create(
            placement=placement, actor=request.user, amount=data.validated_data["amount"]
        )
        return Response(s.BondingOutSerializer(bond).data, status=status.HTTP_201_CREATED)


class PlacementBondingDecisionView(APIView):
    """POST (the participant's caseload staff or an admin): the bonding agency's answer to
    a request still `requested`: `{"status": "issued", "bond_number": "..."}` (coverage
    from the first day of work for six months) or `{"status": "denied", "denial_reason":
    "..."}`. A request already decided is a 409; another's placement or bond is a 404."""

    @extend_schema(request=s.BondingDecisionInSerializer, responses=s.BondingOutSerializer)
    def post(self, request, pk, bond_id):
        placement = _placement(request, pk)
        bond = placement.bonding_requests.filter(pk=bond_id).first()
        if bond is None or not permissions.is_placement_staff(request.user, placement):
            raise Http404
        data = s.BondingDecisionInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        bond = services.bonding_request_decide(bond=bond, actor=request.user, **data.validated_data)
        return Response(s.BondingOutSerializer(bond).data)
