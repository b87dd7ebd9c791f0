"""Models of the placements app's fairs area (see placements/models/__init__.py): a
participant's RSVP to a hiring fair (with check-in on the day and the profile opt-in),
and the interview slots employers with a confirmed booth offer there, with their
bookings.

Status fields are state machines (`ALLOWED_TRANSITIONS`); only `placements.fairs.services`
changes them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = [
    "BOOKING_TRANSITIONS",
    "REGISTRATION_ACTIVE",
    "REGISTRATION_TRANSITIONS",
    "SLOT_TRANSITIONS",
    "BookingStatus",
    "FairInterviewMode",
    "FairRegistration",
    "InterviewBooking",
    "InterviewSlot",
    "RegistrationStatus",
    "SlotStatus",
]


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    CHECKED_IN = "checked_in", _("Checked in")
    CANCELLED = "cancelled", _("Cancelled")


REGISTRATION_TRANSITIONS: dict[str, frozenset[str]] = {
    RegistrationStatus.REGISTERED: frozenset(
        {RegistrationStatus.CHECKED_IN, RegistrationStatus.CANCELLED}
    ),
    RegistrationStatus.CHECKED_IN: frozenset(),
    RegistrationStatus.CANCELLED: frozenset(),
}
# Registrations that hold a place at the fair (and count towards its participant capacity).
REGISTRATION_ACTIVE = (RegistrationStatus.REGISTERED, RegistrationStatus.CHECKED_IN)


class FairRegistration(models.Model):
    """A participant's RSVP to a hiring fair. Lifecycle (REGISTRATION_TRANSITIONS):
    registered -> checked in on the day, or cancelled. A walk-in is registered and
    checked in at once. After a cancellation the person may RSVP again (a new row).

    `shares_profile` is the choice for this fair; employers see the person only while
    it is on AND the participant's "share my profile with employers at hiring fairs I
    attend" consent is in force (read at every view, so a withdrawal counts at once)."""

    ALLOWED_TRANSITIONS = REGISTRATION_TRANSITIONS

    fair = models.ForeignKey(
        "employers.HiringFair", on_delete=models.CASCADE, related_name="registrations"
    )
    participant = models.ForeignKey(
        "jobseekers.Participant", on_delete=models.CASCADE, related_name="fair_registrations"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.REGISTERED,
    )
    shares_profile = models.BooleanField(_("shares profile with the fair's employers"))
    walk_in = models.BooleanField(_("walk-in"), default=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        ordering = ["fair__starts_at", "id"]
        verbose_name = _("fair registration")
        verbose_name_plural = _("fair registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["fair", "participant"],
                condition=~models.Q(status=RegistrationStatus.CANCELLED),
                name="fair_registration_one_per_participant",
            ),
        ]
        indexes = [models.Index(fields=["fair", "status"])]

    def __str__(self):
        return f"{self.participant} at {self.fair}"

    @property
    def is_active(self) -> bool:
        return self.status in REGISTRATION_ACTIVE


class FairInterviewMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VIDEO = "video", _("Video call")


class SlotStatus(models.TextChoices):
    OPEN = "open", _("Offered")
    CANCELLED = "cancelled", _("Cancelled")


SLOT_TRANSITIONS: dict[str, frozenset[str]] = {
    SlotStatus.OPEN: frozenset({SlotStatus.CANCELLED}),
    SlotStatus.CANCELLED: frozenset(),
}


class InterviewSlot(models.Model):
    """An interview time an employer with a confirmed booth offers at a fair: in person
    (`place` is the table or room) or by video (`place` is the link). Lifecycle
    (SLOT_TRANSITIONS): offered -> cancelled (its booking is cancelled with it)."""

    ALLOWED_TRANSITIONS = SLOT_TRANSITIONS

    fair = models.ForeignKey(
        "employers.HiringFair", on_delete=models.CASCADE, related_name="interview_slots"
    )
    employer = models.ForeignKey(
        "employers.Employer", on_delete=models.CASCADE, related_name="interview_slots"
    )
    starts_at = models.DateTimeField(_("starts"))
    length_minutes = models.PositiveSmallIntegerField(_("length in minutes"))
    ends_at = models.DateTimeField(_("ends"))
    mode = models.CharField(_("how"), max_length=20, choices=FairInterviewMode.choices)
    place = models.CharField(_("place or video link"), max_length=300)
    status = models.CharField(
        _("status"), max_length=20, choices=SlotStatus.choices, default=SlotStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("interview slot")
        verbose_name_plural = _("interview slots")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="interview_slot_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["fair", "employer", "status"])]

    def __str__(self):
        return f"{self.employer} {self.starts_at:%Y-%m-%d %H:%M}"


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CANCELLED = "cancelled", _("Cancelled")


BOOKING_TRANSITIONS: dict[str, frozenset[str]] = {
    BookingStatus.BOOKED: frozenset({BookingStatus.CANCELLED}),
    BookingStatus.CANCELLED: frozenset(),
}


class InterviewBooking(models.Model):
    """A participant's booking of an interview slot (by themself or by staff).
    Lifecycle (BOOKING_TRANSITIONS): booked -> cancelled. One live booking per slot
    (the unique constraint backs the row lock the service takes)."""

    ALLOWED_TRANSITIONS = BOOKING_TRANSITIONS

    slot = models.ForeignKey(InterviewSlot, on_delete=models.CASCADE, related_name="bookings")
    registration = models.ForeignKey(
        FairRegistration, on_delete=models.CASCADE, related_name="bookings"
    )
    # Copied from the registration so that overlaps are one indexed query per person.
    participant = models.ForeignKey(
        "jobseekers.Participant", on_delete=models.CASCADE, related_name="interview_bookings"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["slot__starts_at", "id"]
        verbose_name = _("interview booking")
        verbose_name_plural = _("interview bookings")
        constraints = [
            models.UniqueConstraint(
                fields=["slot"],
                condition=models.Q(status=BookingStatus.BOOKED),
                name="interview_booking_one_per_slot",
            ),
        ]
        indexes = [models.Index(fields=["participant", "status"])]

    def __str__(self):
        return f"{self.participant} at {self.slot}"
