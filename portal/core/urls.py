from django.urls import include, path

from portal.core import views
from portal.core.access_review import views as access_review

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("account/", views.account, name="account"),
    path("account/two-factor/", include("portal.core.mfa.urls")),
    path("staff/access-review/", access_review.access_review, name="access-review"),
    path(
        "staff/access-review.csv",
        access_review.access_review,
        {"as_csv": True},
        name="access-review-csv",
    ),
]
