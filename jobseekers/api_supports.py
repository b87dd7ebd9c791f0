"""The direct-supports and employment-plan API under /api/v1/participants/{id}/: same
visibility as the participant's profile (the participant reads their own, caseload staff
and admins read and write, employers and anyone else get a 404). Kept apart from
`api.py`, which is at its size limit; serializers live beside the two views they serve.
"""

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.core.exceptions import PermissionDeniedError

from . import selectors, services
from .models import GoalOwner, GoalStatus, PlanGoal, Support, SupportKind
from .permissions import can_edit_plan, can_record_support, can_view_plan, can_view_supports

# ---------------------------------------------------------------------------- supports


class SupportSerializer(serializers.ModelSerializer):
    """A support as staff see it."""

    funding_source = serializers.PrimaryKeyRelatedField(read_only=True)
    funding_source_name = serializers.CharField(source="funding_source.name", read_only=True)
    recorded_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    approved_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Support
        fields = [
            "id",
            "kind",
            "amount",
            "given_on",
            "funding_source",
            "funding_source_name",
            "status",
            "note",
            "recorded_by",
            "approved_by",
        ]
        read_only_fields = fields


class OwnSupportSerializer(serializers.ModelSerializer):
    """What the participant received, without staff's note."""

    funding_source_name = serializers.CharField(source="funding_source.name", read_only=True)

    class Meta:
        model = Support
        fields = ["id", "kind", "amount", "given_on", "funding_source_name", "status"]
        read_only_fields = fields


class SupportInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SupportKind.choices)
    # Sign, budget and period are the service's rules: one clear message for each.
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    given_on = serializers.DateField()
    funding_source = serializers.IntegerField(help_text="The id of an active funding source.")
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


def _participant(request, participant_id):
    return selectors.participant_get_for_user(user=request.user, participant_id=participant_id)


class SupportsView(APIView):
    """GET: the participant's supports (staff: all, with notes; the participant: what
    they received, without staff's notes). POST: caseload staff and admins record one;
    over the approval threshold it waits for an admin (`status: pending_approval`). The
    participant gets 403; employers and anyone else 404."""

    @extend_schema(responses=SupportSerializer(many=True))
    def get(self, request, participant_id):
        participant = _participant(request, participant_id)
        if not can_view_supports(request.user, participant):  # pragma: no cover - scoped
            raise Http404
        if can_record_support(request.user, participant):
            supports = selectors.supports_of(participant=participant)
            return Response(SupportSerializer(supports, many=True).data)
        supports = selectors.supports_received(participant=participant)
        return Response(OwnSupportSerializer(supports, many=True).data)

    @extend_schema(
        request=SupportInputSerializer,
        responses={
            201: SupportSerializer,
            400: OpenApiResponse(
                description="An amount not above zero or above the budget left, an unknown "
                "or inactive funding source, a date outside its period or in the future."
            ),
        },
    )
    def post(self, request, participant_id):
        participant = _participant(request, participant_id)
        if not can_record_support(request.user, participant):
            raise PermissionDeniedError()
        data = SupportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        support = services.support_record(
            participant=participant, actor=request.user, **data.validated_data
        )
        return Response(SupportSerializer(support).data, status=status.HTTP_201_CREATED)


# -------------------------------------------------------------------------------- plan


class GoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanGoal
        fields = ["id", "text", "due_on", "owner", "status", "completed_on"]
        read_only_fields = fields


class PlanSerializer(serializers.Serializer):
    """The plan; before one is begun: no dates, no needs, no goals."""

    started_on = serializers.DateField(allow_null=True)
    reviewed_on = serializers.DateField(allow_null=True)
    needs = serializers.DictField(
        child=serializers.CharField(),
        help_text="Need key (id_documents, drivers_licence, transport, housing, childcare, "
        "treatment, education, work_clothes, phone) to have, need or not_needed; needs not "
        "assessed are absent.",
    )
    goals = GoalSerializer(many=True)


class GoalInputSerializer(serializers.Serializer):
    id = serializers.IntegerField(
        required=False, help_text="Keep and update this goal; leave out for a new one."
    )
    text = serializers.CharField(max_length=300)
    due_on = serializers.DateField()
    owner = serializers.ChoiceField(choices=GoalOwner.choices)
    status = serializers.ChoiceField(choices=GoalStatus.choices, default=GoalStatus.OPEN)


class PlanInputSerializer(serializers.Serializer):
    started_on = serializers.DateField(required=False)
    reviewed_on = serializers.DateField(required=False)
    # Keys and states are checked by the service (an unknown key: 400 `unknown_need`).
    needs = serializers.DictField(child=serializers.CharField())
    goals = GoalInputSerializer(many=True, max_length=30)


def _plan_data(participant):
    plan = selectors.plan_of(participant=participant)
    if plan is None:
        return {"started_on": None, "reviewed_on": None, "needs": {}, "goals": []}
    return {
        "started_on": plan.started_on,
        "reviewed_on": plan.reviewed_on,
        "needs": {row.need: row.state for row in plan.needs.all()},
        "goals": plan.goals.all(),
    }


class PlanView(APIView):
    """GET: the employment plan (the participant and their staff). PUT: caseload staff
    and admins replace the needs and goals (a goal with an `id` is kept and updated;
    goals left out are deleted); nothing is saved on a 400. The participant gets 403 on
    PUT (they mark their own goals done on their plan page); employers and anyone else
    404."""

    @extend_schema(responses=PlanSerializer)
    def get(self, request, participant_id):
        participant = _participant(request, participant_id)
        if not can_view_plan(request.user, participant):  # pragma: no cover - scoped
            raise Http404
        return Response(PlanSerializer(_plan_data(participant)).data)

    @extend_schema(
        request=PlanInputSerializer,
        responses={
            200: PlanSerializer,
            400: OpenApiResponse(
                description="An unknown need key or state, a goal due before the plan "
                "began, a goal id not in this plan, a date in the future."
            ),
        },
    )
    def put(self, request, participant_id):
        participant = _participant(request, participant_id)
        if not can_edit_plan(request.user, participant):
            raise PermissionDeniedError()
        data = PlanInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.plan_replace(participant=participant, actor=request.user, **data.validated_data)
        return Response(PlanSerializer(_plan_data(participant)).data)
