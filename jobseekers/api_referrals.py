"""The referrals API under /api/v1/: a participant's referrals and one referral's
follow-up. Same visibility as the participant's profile (the participant reads their
own, without staff's notes; caseload staff and admins read and write); employers and
anyone else get 404. Thin views: parse, call one selector or service, render."""

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.core.exceptions import PermissionDeniedError

from . import selectors, services
from . import serializers as s
from .permissions import (
    can_follow_up_referral,
    can_make_referral,
    can_view_referral_notes,
    can_view_referrals,
)


def _render(request, referral_or_list, *, participant, many=False):
    serializer = (
        s.ReferralSerializer
        if can_view_referral_notes(request.user, participant)
        else s.OwnReferralSerializer
    )
    return serializer(referral_or_list, many=many).data


class ParticipantReferralsView(APIView):
    """GET: the participant's referrals, newest first, each with its partner's address
    and hours (every read by staff is in the access log). POST: caseload staff and
    admins refer the participant; the participant gets 403."""

    @extend_schema(responses=s.ReferralSerializer(many=True))
    def get(self, request, participant_id):
        participant = selectors.participant_get_for_user(
            user=request.user, participant_id=participant_id
        )
        if not can_view_referrals(request.user, participant):  # pragma: no cover
            raise Http404
        referrals = selectors.referrals_for(participant=participant, viewer=request.user)
        return Response(_render(request, referrals, participant=participant, many=True))

    @extend_schema(
        request=s.ReferralInputSerializer,
        responses={
            201: s.ReferralSerializer,
            400: OpenApiResponse(description="An organisation that does not exist."),
        },
    )
    def post(self, request, participant_id):
        participant = selectors.participant_get_for_user(
            user=request.user, participant_id=participant_id
        )
        if not can_make_referral(request.user, participant):
            raise PermissionDeniedError()
        data = s.ReferralInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        referral = services.referral_make(
            participant=participant,
            actor=request.user,
            organisation_id=values.pop("organisation"),
            **values,
        )
        return Response(s.ReferralSerializer(referral).data, status=status.HTTP_201_CREATED)


class ReferralDetailView(APIView):
    """GET: one referral (the participant their own, caseload staff, admins). PATCH:
    caseload staff record a follow-up: `status` (the same to note a check with no change),
    `reason` (required for not_connected) and `note`. 409 for a move the referral's
    state does not allow; the participant gets 403."""

    @extend_schema(responses=s.ReferralSerializer)
    def get(self, request, referral_id):
        referral = selectors.referral_get_for_user(user=request.user, referral_id=referral_id)
        return Response(_render(request, referral, participant=referral.participant))

    @extend_schema(
        request=s.ReferralFollowUpInputSerializer,
        responses={
            200: s.ReferralSerializer,
            400: OpenApiResponse(description="Not connected without a reason."),
            409: OpenApiResponse(description="A move the referral's status does not allow."),
        },
    )
    def patch(self, request, referral_id):
        referral = selectors.referral_get_for_user(user=request.user, referral_id=referral_id)
        if not can_follow_up_referral(request.user, referral.participant):
            raise PermissionDeniedError()
        data = s.ReferralFollowUpInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        referral = services.referral_follow_up(
            referral=referral, actor=request.user, **data.validated_data
        )
        return Response(s.ReferralSerializer(referral).data)
