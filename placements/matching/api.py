"""The matching API: a participant's matches (self, caseload staff, admins; anyone else
404) and a job's candidates (staff only; employers and everyone else 404)."""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from jobseekers.selectors import participant_get_for_user
from placements.matching import selectors, services
from placements.matching.filters import CandidateFilter
from placements.matching.models import MatchResult
from placements.matching.permissions import can_see_candidates, can_see_exclusions
from placements.matching.reasons import texts_of
from portal.core.drf import ApiFilterBackend

MAX_LIMIT = 50


class MatchJobSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    employer = serializers.CharField(source="employer.display_name")
    city = serializers.CharField()
    state = serializers.CharField()
    zip_code = serializers.CharField()
    wage_min = serializers.DecimalField(max_digits=12, decimal_places=2)
    wage_max = serializers.DecimalField(max_digits=12, decimal_places=2)
    shift_days = serializers.ListField(source="shift_day_list", child=serializers.CharField())
    shift_start = serializers.TimeField()
    shift_end = serializers.TimeField()
    transit_accessible = serializers.BooleanField()
    remote = serializers.BooleanField()


class MatchSerializer(serializers.Serializer):
    job = MatchJobSerializer()
    score = serializers.IntegerField()
    reasons = serializers.SerializerMethodField()
    cautions = serializers.SerializerMethodField()
    available_from = serializers.DateField()

    def get_reasons(self, result) -> list[str]:
        return texts_of(result.reasons)

    def get_cautions(self, result) -> list[str]:
        return texts_of(result.cautions)


class CandidateParticipantSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    display_name = serializers.CharField()
    release_date = serializers.DateField()


class CandidateSerializer(MatchSerializer):
    job = None
    participant = CandidateParticipantSerializer()


def _limit(params) -> int:
    try:
        return max(1, min(int(params.get("limit", 20)), MAX_LIMIT))
    except (TypeError, ValueError):
        return 20


class ParticipantMatchesView(APIView):
    """GET /api/v1/participants/{id}/matches/?limit=N: the best open jobs for the
    participant, with score, reasons and cautions in the request's language. Staff also
    get `excluded_by_rule` (how many open jobs each hard rule excluded)."""

    @extend_schema(
        parameters=[OpenApiParameter("limit", int, description="1-50, default 20")],
        responses=MatchSerializer(many=True),
    )
    def get(self, request, participant_id):
        participant = participant_get_for_user(user=request.user, participant_id=participant_id)
        run, results = services.matches_for_page(participant=participant)
        body = {
            "count": len(results[: _limit(request.query_params)]),
            "results": MatchSerializer(results[: _limit(request.query_params)], many=True).data,
            "notices": texts_of(run.notices if run else []),
            "computed_at": run.computed_at if run else None,
        }
        if can_see_exclusions(request.user) and run is not None:
            body["excluded_by_rule"] = run.excluded_by_rule
        return Response(body)


class JobCandidatesView(GenericAPIView):
    """GET /api/v1/jobs/{id}/candidates/: staff only (employers and everyone else 404).
    The caseload's participants (admins: all) ranked for the job by the last run;
    filters `availability` (now | pre_release) and `readiness` (1-5), a bad value is a
    400 naming the filter."""

    filter_backends = [ApiFilterBackend]
    filterset_class = CandidateFilter
    serializer_class = CandidateSerializer
    pagination_class = None  # `?limit=` and {"count", "results"}, as always

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular reading the filters
            return MatchResult.objects.none()
        job = selectors.job_get_for_staff(user=self.request.user, job_id=self.kwargs["job_id"])
        return selectors.candidates_for_job(user=self.request.user, job=job)

    @extend_schema(
        parameters=[OpenApiParameter("limit", int, description="1-50, default 20")],
        responses=CandidateSerializer(many=True),
    )
    def get(self, request, job_id):
        if not can_see_candidates(request.user):
            raise Http404
        results = self.filter_queryset(self.get_queryset())[: _limit(request.query_params)]
        data = CandidateSerializer(results, many=True).data
        return Response({"count": len(data), "results": data})
