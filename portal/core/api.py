"""The core API: tokens, the signed-in user, the audit trail."""

from django.core.exceptions import ObjectDoesNotExist
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.core.models import AuditEvent, User
from portal.core.permissions import IsProgramAdmin
from portal.core.selectors import audit_events_visible_to
from portal.core.services import auth_token_issue, user_profile_update


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, trim_whitespace=False)


class TokenObtainView(APIView):
    """Exchange a username and password for an API token (`Authorization: Token <token>`).

    Failures count towards the login lockout like the sign-in page.
    """

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        request=TokenRequestSerializer,
        responses={200: inline_serializer("TokenResponse", {"token": serializers.CharField()})},
    )
    def post(self, request):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        # django-axes reads the client address from the underlying Django request.
        token = auth_token_issue(request=request._request, **data.validated_data)
        return Response({"token": token.key}, status=status.HTTP_200_OK)


def _one_to_one(user: User, related_name: str):
    """The object an app hangs on the user by a one-to-one `related_name`, or None.

    The core does not import the apps built on it; they promise these names:
    `employers.EmployerMembership.user` (related_name "employer_membership") and
    `jobseekers.Participant.user` (related_name "participant").
    """
    try:
        return getattr(user, related_name, None)
    except ObjectDoesNotExist:
        return None


class MeSerializer(serializers.ModelSerializer):
    employer_id = serializers.SerializerMethodField()
    participant_id = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "role",
            "first_name",
            "last_name",
            "email",
            "preferred_language",
            "employer_id",
            "participant_id",
        ]
        read_only_fields = fields

    def get_employer_id(self, user) -> int | None:
        membership = _one_to_one(user, "employer_membership")
        return membership.employer_id if membership is not None else None

    def get_participant_id(self, user) -> int | None:
        participant = _one_to_one(user, "participant")
        return participant.pk if participant is not None else None


class ProfileUpdateSerializer(serializers.Serializer):
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    preferred_language = serializers.ChoiceField(
        choices=User._meta.get_field("preferred_language").choices, required=False
    )


class MeView(APIView):
    """The signed-in user. PATCH changes their own name, email and language."""

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        return Response(MeSerializer(request.user).data)

    @extend_schema(request=ProfileUpdateSerializer, responses=MeSerializer)
    def patch(self, request):
        data = ProfileUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = user_profile_update(user=request.user, actor=request.user, **data.validated_data)
        return Response(MeSerializer(user).data)


class AuditEventSerializer(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField(slug_field="username", read_only=True)
    target_type = serializers.SerializerMethodField()

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "created_at",
            "actor",
            "action",
            "target_type",
            "target_id",
            "target_label",
            "ip_address",
            "details",
        ]
        read_only_fields = fields

    def get_target_type(self, event) -> str | None:
        return (
            event.target_type.natural_key()[0] + "." + event.target_type.model
            if event.target_type
            else None
        )


class AuditEventListView(generics.ListAPIView):
    """The audit trail, newest first (program admins only)."""

    permission_classes = [IsProgramAdmin]
    serializer_class = AuditEventSerializer

    def get_queryset(self):
        return audit_events_visible_to(user=self.request.user)
