"""The employers API under /api/v1/: employers and vetting, jobs, fairs and booths."""

from functools import partial

from django_filters.utils import translate_validation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from employers import serializers as s
from employers.filters import JobSearchFilter
from employers.links import booth_checkout_return_urls, site_url
from employers.permissions import can_edit_job
from employers.rules import job_search_exact_count_limit
from employers.search_cache import job_search_cached, job_search_shareable
from employers.selectors import (
    employer_of,
    employers_public,
    employers_visible_to,
    fairs_visible_to,
    job_get_for_user,
    job_search,
    job_search_count,
    open_jobs_public,
)
from employers.services import (
    EmployerDetails,
    FairDetails,
    JobDetails,
    booth_book,
    booth_checkout_url,
    employer_sign_up,
    employer_vet,
    fair_create,
    fair_publish,
    fair_staff_working_set,
    job_approve,
    job_close,
    job_create,
    job_reject,
    job_submit,
    job_update,
)
from portal.core.drf import ApiFilterBackend, PortalPagination
from portal.core.exceptions import NotFoundError, PermissionDeniedError
from portal.core.pagination import CountedPaginator
from portal.core.permissions import IsStaffMember, is_staff_member


class EmployerListCreateView(generics.ListAPIView):
    """GET: the vetted-employer directory (staff: every employer with its state).
    POST: sign up an organization and its owner (who confirms their email before signing in)."""

    permission_classes = [AllowAny]

    def get_serializer_class(self):
        if is_staff_member(self.request.user):
            return s.EmployerStaffSerializer
        return s.EmployerPublicSerializer

    def get_queryset(self):
        if is_staff_member(self.request.user):
            return employers_visible_to(user=self.request.user).order_by("display_name", "id")
        return employers_public().order_by("display_name", "id")

    @extend_schema(request=s.EmployerSignUpSerializer, responses={201: s.EmployerStaffSerializer})
    def post(self, request):
        data = s.EmployerSignUpSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        account = {name: values.pop(name) for name in s.EmployerSignUpSerializer.ACCOUNT_FIELDS}
        employer = employer_sign_up(
            details=EmployerDetails(**values), site_url=site_url(request), **account
        )
        return Response(s.EmployerStaffSerializer(employer).data, status=status.HTTP_201_CREATED)


class EmployerVettingView(APIView):
    """Staff decide on an employer: approve, reject, request_changes (or suspend), with a note."""

    permission_classes = [IsStaffMember]

    @extend_schema(request=s.VettingSerializer, responses=s.EmployerStaffSerializer)
    def post(self, request, pk):
        employer = employers_visible_to(user=request.user).filter(pk=pk).first()
        if employer is None:
            raise NotFound()
        data = s.VettingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        employer = employer_vet(employer=employer, actor=request.user, **data.validated_data)
        return Response(s.EmployerStaffSerializer(employer).data)


def _job_details(validated: dict) -> JobDetails:
    values = dict(validated)
    values.pop("employer", None)
    rules = values.pop("policy_rules", [])
    return JobDetails(
        **values,
        tightened_rules={rule["category"]: (rule["decision"], rule["years"]) for rule in rules},
    )


class JobSearchPagination(PortalPagination):
    """The search's pages: `count` is exact up to the exact-count limit and an estimate
    past it (`count_is_estimate`), and then only the first limit's rows are paged
    through (a deeper page is a 404 like any page past the end)."""

    def paginate_queryset(self, queryset, request, view=None):
        counted = view.counted
        self.django_paginator_class = partial(
            CountedPaginator,
            count=counted.number,
            is_estimate=counted.is_estimate,
            browsable=job_search_exact_count_limit(),
        )
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.page.paginator.count,
                "count_is_estimate": self.page.paginator.count_is_estimate,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"] = {
            "count": paginated["properties"]["count"],
            "count_is_estimate": {
                "type": "boolean",
                "description": "True when `count` is an estimate (past "
                "PORTAL_JOB_SEARCH_EXACT_COUNT_LIMIT results, 1,000 by default); then "
                "only that many results can be paged through.",
            },
            **{k: v for k, v in paginated["properties"].items() if k != "count"},
        }
        paginated["required"] = [*paginated.get("required", []), "count_is_estimate"]
        return paginated


class JobListCreateView(generics.ListAPIView):
    """GET (public): open jobs of approved employers. Filters: `q` (keywords), `zip` and
    `radius` (miles), `shift` (day, evening, night, weekend), `transit`, `min_wage`,
    `type`; `sort` by newest, wage or distance. POST: a member of an approved employer
    writes a job (a draft)."""

    serializer_class = s.JobListSerializer
    # The backend puts JobSearchFilter's parameters in the schema; the selector, not the
    # FilterSet, builds the tuned query from the cleaned values (`filter_queryset`).
    filter_backends = [ApiFilterBackend]
    filterset_class = JobSearchFilter
    pagination_class = JobSearchPagination

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else super().get_permissions()

    def get_queryset(self):
        return open_jobs_public()

    def list(self, request, *args, **kwargs):
        """A search's page is the same for everyone: shared for a while by all callers
        asking at the same address (employers/search_cache.py: dropped at once when a
        job changes). The links in it are absolute, hence the address in the key."""
        if not job_search_shareable(request.query_params):
            return super().list(request, *args, **kwargs)
        data = job_search_cached(
            kind="api",
            key=request.build_absolute_uri(),
            build=lambda: _plain_page(super(JobListCreateView, self).list(request).data),
        )
        return Response(data)

    def filter_queryset(self, queryset):
        """The search of the query's parameters (a 400 naming the field for a bad one, or
        for an unknown ZIP)."""
        filters = JobSearchFilter(self.request.query_params)
        ApiFilterBackend.refuse_what_the_schema_refuses(self.request, filters)
        if not filters.is_valid():
            raise translate_validation(filters.errors)
        search = filters.search()
        jobs, _origin = job_search(search)
        self.counted = job_search_count(search, exact_up_to=job_search_exact_count_limit())
        return jobs

    @extend_schema(request=s.JobWriteSerializer, responses={201: s.JobDetailSerializer})
    def post(self, request):
        data = s.JobWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        employer = employer_of(user=request.user)
        wanted = data.validated_data.get("employer")
        if employer is None or (wanted is not None and wanted != employer.pk):
            raise PermissionDeniedError("You can only post jobs for your own organization.")
        job = job_create(
            employer=employer, details=_job_details(data.validated_data), actor=request.user
        )
        return Response(s.JobDetailSerializer(job).data, status=status.HTTP_201_CREATED)


def _plain_page(data: dict) -> dict:
    """A page of search results as plain data to store (DRF's result list keeps its
    serializer, rows and all)."""
    return {**data, "results": list(data["results"])}


def _job_or_404(request, pk, *, write: bool = False):
    """A job the user may see; for a write, one of their own organization (staff: any)."""
    job = job_get_for_user(user=request.user, pk=pk)
    if job is None:
        raise NotFoundError()
    if write and not can_edit_job(request.user, job):
        raise NotFoundError()
    return job


class JobDetailView(APIView):
    """GET (public for open jobs): one job. PATCH: change one of your organization's jobs
    (another employer's job: 404)."""

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else super().get_permissions()

    @extend_schema(responses=s.JobDetailSerializer)
    def get(self, request, pk):
        return Response(s.JobDetailSerializer(_job_or_404(request, pk)).data)

    @extend_schema(request=s.JobWriteSerializer, responses=s.JobDetailSerializer)
    def patch(self, request, pk):
        job = _job_or_404(request, pk, write=True)
        current = s.JobDetailSerializer(job).data
        base = {
            name: current[name]
            for name in s.JobWriteSerializer().fields
            if name in current and name not in ("skills", "policy_rules", "employer")
        }
        base.update(
            zip_code=job.zip_code,
            shift_days=job.shift_day_list,
            shift_start=job.shift_start,
            shift_end=job.shift_end,
            skills=[skill.slug for skill in job.skills.all()],
            policy_rules=current["policy_rules"],
        )
        data = s.JobWriteSerializer(data={**base, **request.data})
        data.is_valid(raise_exception=True)
        job = job_update(job=job, details=_job_details(data.validated_data), actor=request.user)
        return Response(s.JobDetailSerializer(job_get_for_user(user=request.user, pk=job.pk)).data)


class JobSubmitView(APIView):
    """Send a draft to be published (staff review an employer's first postings)."""

    @extend_schema(request=None, responses=s.JobDetailSerializer)
    def post(self, request, pk):
        job = job_submit(job=_job_or_404(request, pk, write=True), actor=request.user)
        return Response(s.JobDetailSerializer(job).data)


class JobApproveView(APIView):
    """Staff publish a job waiting for review."""

    permission_classes = [IsStaffMember]

    @extend_schema(request=None, responses=s.JobDetailSerializer)
    def post(self, request, pk):
        job = job_approve(job=_job_or_404(request, pk), actor=request.user)
        return Response(s.JobDetailSerializer(job).data)


class JobRejectView(APIView):
    """Staff send a job back to its employer with a note."""

    permission_classes = [IsStaffMember]

    @extend_schema(request=s.NoteSerializer, responses=s.JobDetailSerializer)
    def post(self, request, pk):
        data = s.NoteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = job_reject(job=_job_or_404(request, pk), actor=request.user, **data.validated_data)
        return Response(s.JobDetailSerializer(job).data)


class JobCloseView(APIView):
    """Close one of your organization's jobs (`filled`: true when someone was hired)."""

    @extend_schema(request=s.JobCloseSerializer, responses=s.JobDetailSerializer)
    def post(self, request, pk):
        data = s.JobCloseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = job_close(
            job=_job_or_404(request, pk, write=True), actor=request.user, **data.validated_data
        )
        return Response(s.JobDetailSerializer(job).data)


class FairListCreateView(generics.ListAPIView):
    """GET (public): published fairs (staff: every fair). POST (staff): create a fair."""

    serializer_class = s.FairSerializer

    def get_permissions(self):
        if self.request.method == "GET":
            return [AllowAny()]
        return [IsStaffMember()]

    def get_queryset(self):
        return fairs_visible_to(user=self.request.user)

    @extend_schema(request=s.FairWriteSerializer, responses={201: s.FairSerializer})
    def post(self, request):
        data = s.FairWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        publish = values.pop("publish")
        staff = values.pop("staff_working", None)
        fair = fair_create(details=FairDetails(**values), actor=request.user, staff_working=staff)
        if publish:
            fair = fair_publish(fair=fair, actor=request.user)
        fair = fairs_visible_to(user=request.user).get(pk=fair.pk)
        return Response(s.FairSerializer(fair).data, status=status.HTTP_201_CREATED)


class FairStaffWorkingView(APIView):
    """GET (staff): who works the fair. PUT (a program admin or the fair's organiser):
    replace the list with `staff_working` (user ids of active staff); 403 for other
    staff, 400 naming `staff_working` for an id that is not active staff."""

    permission_classes = [IsStaffMember]

    def _fair(self, request, pk):
        fair = fairs_visible_to(user=request.user).filter(pk=pk).first()
        if fair is None:
            raise NotFoundError()
        return fair

    def _answer(self, fair):
        staff = fair.staff_working.order_by("first_name", "last_name", "username")
        return Response(s.FairStaffWorkingSerializer({"staff_working": staff}).data)

    @extend_schema(
        responses=s.FairStaffWorkingSerializer,
        parameters=[OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)],
    )
    def get(self, request, pk):
        return self._answer(self._fair(request, pk))

    @extend_schema(
        request=s.FairStaffWorkingWriteSerializer,
        responses=s.FairStaffWorkingSerializer,
        parameters=[OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)],
    )
    def put(self, request, pk):
        fair = self._fair(request, pk)
        data = s.FairStaffWorkingWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fair = fair_staff_working_set(
            fair=fair, staff_working=data.validated_data["staff_working"], actor=request.user
        )
        return self._answer(fair)


class FairBoothView(APIView):
    """An employer books a booth at a fair. The answer carries the booth's `status`
    ("confirmed" for a free booth, else "pending_payment") and, when the fee is paid by
    card, the Stripe Checkout `checkout_url`. 409 `fair_full` when every booth is taken."""

    @extend_schema(
        request=None,
        responses={201: s.BoothSerializer},
        parameters=[OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)],
    )
    def post(self, request, pk):
        fair = fairs_visible_to(user=request.user).filter(pk=pk).first()
        employer = employer_of(user=request.user)
        if fair is None or employer is None:
            raise NotFoundError()
        booth = booth_book(fair=fair, employer=employer, actor=request.user)
        success_url, cancel_url = booth_checkout_return_urls(request, booth)
        url = booth_checkout_url(
            booth=booth, actor=request.user, success_url=success_url, cancel_url=cancel_url
        )
        serializer = s.BoothSerializer(booth, context={"checkout_url": url})
        return Response(serializer.data, status=status.HTTP_201_CREATED)
