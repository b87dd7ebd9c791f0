"""The outcomes API: GET /api/v1/reports/outcomes/ for staff and admins (anyone else
signed in: 404): every figure of the period, and under `previous_period` the same
figures for the period of the same length just before."""

from django.http import QueryDict
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from jobseekers.models import Gender, RiskLevel
from placements.outcomes.forms import ReportFilterForm
from placements.outcomes.permissions import ProgramReportReader
from placements.outcomes.report import outcomes_report
from placements.outcomes.serializers import OutcomesSerializer, outcomes_data


class OutcomesReportView(APIView):
    permission_classes = [ProgramReportReader]

    @extend_schema(
        parameters=[
            OpenApiParameter("start", str, description="First day, YYYY-MM-DD (or `from`)."),
            OpenApiParameter("end", str, description="Last day, YYYY-MM-DD (or `to`)."),
            OpenApiParameter("facilitator", int, description="Only this facilitator's caseload."),
            OpenApiParameter(
                "release_cohort", str, description="People released in this quarter: 2026-Q3."
            ),
            OpenApiParameter(
                "enrolment_cohort", str, description="People enrolled in this quarter: 2026-Q3."
            ),
            OpenApiParameter(
                "risk_level",
                str,
                enum=RiskLevel.values,
                description="People of this risk level.",
            ),
            OpenApiParameter(
                "gender",
                str,
                enum=Gender.values,
                description="People of this gender.",
            ),
            OpenApiParameter(
                "zip_area",
                str,
                pattern=r"^(\d{3})?$",
                description="Home ZIP codes starting with these three digits (empty: all).",
            ),
        ],
        responses=OutcomesSerializer,
    )
    def get(self, request):
        form = ReportFilterForm(request.query_params or QueryDict())
        if not form.is_valid():
            raise ValidationError(
                {
                    field: [str(message) for message in messages]
                    for field, messages in form.errors.items()
                }
            )
        outcomes = outcomes_report(period=form.report_period, scope=form.scope)
        previous = outcomes_report(period=outcomes.period.previous(), scope=form.scope)
        return Response(OutcomesSerializer(outcomes_data(outcomes, previous=previous)).data)
