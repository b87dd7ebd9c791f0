"""The fairs area's API under /api/v1/: RSVPs (`/fairs/{id}/registrations/`), check-in,
the attendees an employer with a confirmed booth sees, interview slots and bookings.

Errors have the portal's one shape ({"detail", "code", "fields"}); someone else's
participant, RSVP, slot or booking is a 404.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from employers.selectors import employer_of
from jobseekers.selectors import participant_for_user_account, participant_get_for_user
from placements.fairs import selectors
from placements.fairs.permissions import can_manage_slot
from placements.fairs.serializers import (
    AttendeeSerializer,
    BookingCreateSerializer,
    BookingSerializer,
    RegistrationCreateSerializer,
    RegistrationSerializer,
    SharingSerializer,
    SlotCreateSerializer,
    SlotSerializer,
)
from placements.fairs.services import (
    SlotDetails,
    fair_register,
    fair_registration_cancel,
    fair_registration_check_in,
    fair_registration_sharing_set,
    interview_book,
    interview_booking_cancel,
    interview_slot_cancel,
    interview_slot_offer,
)
from portal.core.exceptions import ApplicationError, NotFoundError
from portal.core.permissions import is_staff_member

FAIR_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Fair id")
ROW_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)


# --- helpers --------------------------------------------------------------------------


def _fair(request, pk):
    return selectors.fair_get_for_user(user=request.user, pk=pk)


def _participant(request, participant_id):
    """The participant a request acts for: the one named by `participant_id` if the
    caller may see them (404 otherwise: a participant sees only themself, staff their
    caseload), else the signed-in participant themself."""
    if participant_id is not None:
        return participant_get_for_user(user=request.user, participant_id=participant_id)
    if is_staff_member(request.user):
        message = _("Choose the participant.")
        raise ApplicationError(message, fields={"participant_id": [message]})
    participant = participant_for_user_account(user=request.user)
    if participant is None:
        raise NotFoundError()
    return participant


# --- views ----------------------------------------------------------------------------


class FairRegistrationListCreateView(generics.ListAPIView):
    """GET: the RSVPs of a fair (admins and the staff working the fair: all of them,
    for check-in; other staff: their caseload's; a participant: their own).
    POST: RSVP, a participant for themself, staff with `participant_id` for someone on
    their caseload (admins: anyone); `share_profile` opts in to share the profile with
    the fair's employers. 409 `fair_full`, `registration_closed`, `already_registered`,
    `not_pre_release`; 404 for a participant the caller may not act for."""

    serializer_class = RegistrationSerializer

    def get_queryset(self):
        return selectors.registrations_of_fair(
            user=self.request.user, fair=_fair(self.request, self.kwargs["pk"])
        )

    @extend_schema(parameters=[FAIR_ID])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        parameters=[FAIR_ID],
        request=RegistrationCreateSerializer,
        responses={201: RegistrationSerializer},
    )
    def post(self, request, pk):
        fair = _fair(request, pk)
        data = RegistrationCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        registration = fair_register(
            fair=fair,
            participant=_participant(request, values.get("participant_id")),
            actor=request.user,
            share_profile=values["share_profile"],
            walk_in=values["walk_in"],
        )
        return Response(RegistrationSerializer(registration).data, status=status.HTTP_201_CREATED)


class RegistrationCancelView(APIView):
    """Cancel an RSVP (the participant or their staff), before the fair starts."""

    @extend_schema(parameters=[ROW_ID], request=None, responses=RegistrationSerializer)
    def post(self, request, pk):
        registration = selectors.registration_get_for_user(user=request.user, pk=pk)
        registration = fair_registration_cancel(registration=registration, actor=request.user)
        return Response(RegistrationSerializer(registration).data)


class RegistrationSharingView(APIView):
    """Turn the profile opt-in for this fair on or off."""

    @extend_schema(parameters=[ROW_ID], request=SharingSerializer, responses=RegistrationSerializer)
    def post(self, request, pk):
        registration = selectors.registration_get_for_user(user=request.user, pk=pk)
        data = SharingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        registration = fair_registration_sharing_set(
            registration=registration, actor=request.user, share=data.validated_data["share"]
        )
        return Response(RegistrationSerializer(registration).data)


class RegistrationCheckInView(APIView):
    """The staff working the fair (and admins) check a person in at the door, on the day
    of the fair. 403 for the person's own staff or the person when not working the
    fair; 404 for anyone else."""

    @extend_schema(parameters=[ROW_ID], request=None, responses=RegistrationSerializer)
    def post(self, request, pk):
        registration = selectors.registration_get_for_check_in(user=request.user, pk=pk)
        registration = fair_registration_check_in(registration=registration, actor=request.user)
        return Response(RegistrationSerializer(registration).data)


class FairAttendeeListView(generics.ListAPIView):
    """An employer with a confirmed booth: the people who RSVP'd and share their profile
    with the fair's employers (consent in force now). Anyone else: 404."""

    serializer_class = AttendeeSerializer

    def get_queryset(self):
        fair = selectors.fair_get_for_booth_employer(user=self.request.user, pk=self.kwargs["pk"])
        return selectors.attendees_for_employer(user=self.request.user, fair=fair)

    @extend_schema(parameters=[FAIR_ID])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class FairSlotListCreateView(generics.ListAPIView):
    """GET: interview slots of a fair (staff: all; an employer: its own, with `booked`; a
    participant with an RSVP: the free ones). POST: an employer with a confirmed booth
    offers a slot (409 `no_confirmed_booth` without one)."""

    serializer_class = SlotSerializer

    def get_queryset(self):
        fair = _fair(self.request, self.kwargs["pk"])
        return selectors.slots_visible_to(user=self.request.user, fair=fair)

    @extend_schema(parameters=[FAIR_ID])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        parameters=[FAIR_ID], request=SlotCreateSerializer, responses={201: SlotSerializer}
    )
    def post(self, request, pk):
        fair = _fair(request, pk)
        employer = employer_of(user=request.user)
        if employer is None:
            raise NotFoundError()
        data = SlotCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        slot = interview_slot_offer(
            fair=fair,
            employer=employer,
            details=SlotDetails(**data.validated_data),
            actor=request.user,
        )
        return Response(SlotSerializer(slot).data, status=status.HTTP_201_CREATED)


class SlotDetailView(APIView):
    """DELETE: the employer (or staff) withdraws a slot; its booking is cancelled."""

    @extend_schema(parameters=[ROW_ID], responses={204: None})
    def delete(self, request, pk):
        slot = selectors.slot_get_for_user(user=request.user, pk=pk)
        if not can_manage_slot(request.user, slot):
            raise Http404
        interview_slot_cancel(slot=slot, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class SlotBookingView(APIView):
    """POST: book the slot, a participant for themself (they need an RSVP to the fair
    that shares their profile), staff with `participant_id` for someone on their
    caseload. 409 `slot_taken`, `interview_overlap`, `not_sharing_profile`, `slot_closed`.
    DELETE: cancel the slot's booking (the participant, their staff, the employer)."""

    @extend_schema(
        parameters=[ROW_ID], request=BookingCreateSerializer, responses={201: BookingSerializer}
    )
    def post(self, request, pk):
        slot = selectors.slot_get_for_user(user=request.user, pk=pk)
        data = BookingCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        participant = _participant(request, data.validated_data.get("participant_id"))
        registration = selectors.registration_active_of(fair=slot.fair, participant=participant)
        if registration is None:
            raise NotFoundError(_("This person has no RSVP for this fair."))
        booking = interview_book(slot=slot, registration=registration, actor=request.user)
        return Response(BookingSerializer(booking).data, status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[ROW_ID], responses={204: None})
    def delete(self, request, pk):
        slot = selectors.slot_get_for_user(user=request.user, pk=pk)
        booking = selectors.booking_live_of_slot(slot=slot)
        if booking is None:
            raise NotFoundError()
        booking = selectors.booking_get_for_user(user=request.user, pk=booking.pk)
        interview_booking_cancel(booking=booking, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
