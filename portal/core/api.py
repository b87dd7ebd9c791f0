"""The core API: tokens, the signed-in user, the audit trail."""

from django.contrib.auth import logout
from django.core.exceptions import ObjectDoesNotExist
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.core.drf import StrictCharField
from portal.core.models import ApiToken, AuditEvent, User
from portal.core.permissions import IsProgramAdmin
from portal.core.selectors import api_tokens_live_for, audit_events_visible_to
from portal.core.services import api_token_revoke, auth_token_issue, user_profile_update

# The error shape every API error has (portal.core.drf.error_body), for the schema.
ErrorSerializer = inline_serializer(
    "Error",
    {
        "detail": serializers.CharField(),
        "code": serializers.CharField(),
        "fields": serializers.DictField(child=serializers.ListField(child=serializers.CharField())),
    },
)


NOT_SIGNED_IN = OpenApiResponse(
    ErrorSerializer, description="No token or session, or an expired or revoked token."
)


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, trim_whitespace=False)
    otp = serializers.CharField(
        max_length=16,
        required=False,
        allow_blank=True,
        help_text="The current 6-digit code of the authenticator app (accounts with two-step "
        "sign-in only; refused with 400 naming `otp` when missing or wrong).",
    )
    name = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        help_text="A label to recognise the token by in the list (default: the User-Agent).",
    )


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Shown once: only its hash is stored.")
    expires_at = serializers.DateTimeField()


class TokenObtainView(APIView):
    """Exchange a username, password and (with two-step sign-in) the current code for a
    new API token (`Authorization: Token <token>`), valid 8 hours for staff and admins,
    30 days for others.

    Failures, wrong codes included, count towards the login lockout like the sign-in page.
    """

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            200: TokenResponseSerializer,
            400: OpenApiResponse(ErrorSerializer, description="Wrong credentials or code."),
            429: OpenApiResponse(ErrorSerializer, description="Locked out or throttled."),
        },
    )
    def post(self, request):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        name = data.validated_data.pop("name", "") or request.headers.get("User-Agent", "")
        # django-axes reads the client address from the underlying Django request.
        issued = auth_token_issue(request=request._request, name=name, **data.validated_data)
        body = {"token": issued.raw, "expires_at": issued.token.expires_at}
        return Response(TokenResponseSerializer(body).data, status=status.HTTP_200_OK)


class ApiTokenSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApiToken
        fields = ["id", "name", "created", "expires_at", "last_used_at"]
        read_only_fields = fields


class ApiTokenListView(generics.ListAPIView):
    """The signed-in user's own live API tokens, newest first (never the token itself)."""

    serializer_class = ApiTokenSerializer

    @extend_schema(responses={200: ApiTokenSerializer(many=True), 401: NOT_SIGNED_IN})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return api_tokens_live_for(user=self.request.user)


class ApiTokenDetailView(APIView):
    """Revoke one of the signed-in user's own tokens (someone else's is a 404)."""

    @extend_schema(
        request=None,
        responses={
            204: OpenApiResponse(description="Revoked."),
            401: NOT_SIGNED_IN,
            404: OpenApiResponse(ErrorSerializer, description="No such live token of yours."),
        },
    )
    def delete(self, request, token_id: int):
        api_token_revoke(user=request.user, token_id=token_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LogoutView(APIView):
    """Sign out: revokes the token this request is made with (or ends the browser
    session it is made with)."""

    @extend_schema(
        request=None,
        responses={204: OpenApiResponse(description="Signed out."), 401: NOT_SIGNED_IN},
    )
    def post(self, request):
        if isinstance(request.auth, ApiToken):
            api_token_revoke(user=request.user, token_id=request.auth.pk, reason="logout")
        else:
            logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


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
    first_name = StrictCharField(max_length=150, required=False, allow_blank=True)
    last_name = StrictCharField(max_length=150, required=False, allow_blank=True)
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
    # Empty for what the system did on its own (a task, a webhook).
    actor = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
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
