from django.urls import path

from employers.views import employer, public, staff

app_name = "employers"

urlpatterns = [
    # Public
    path("jobs/", public.job_search_page, name="job-search"),
    path("jobs/<int:pk>/", public.job_detail, name="job-detail"),
    path("employers/", public.employer_directory, name="directory"),
    path("employers/sign-up/", public.sign_up, name="sign-up"),
    path("employers/sign-up/done/", public.sign_up_done, name="sign-up-done"),
    path("employers/verify/<str:token>/", public.verify_email, name="verify-email"),
    path("employers/invitations/<str:token>/", public.accept_invitation, name="invitation-accept"),
    path("fairs/", public.fair_list, name="fair-list"),
    path("fairs/<int:pk>/", public.fair_detail, name="fair-detail"),
    # Employer members
    path("employer/organization/", employer.organization, name="organization"),
    path("employer/organization/resubmit/", employer.resubmit, name="resubmit"),
    path("employer/organization/invite/", employer.invite, name="invite"),
    path("employer/policy/", employer.policy, name="policy"),
    path("employer/policy/<slug:section>/", employer.policy_section, name="policy-section"),
    path("employer/jobs/", employer.job_list, name="job-list"),
    path("employer/jobs/new/", employer.job_form, name="job-new"),
    path("employer/jobs/<int:pk>/edit/", employer.job_form, name="job-edit"),
    path(
        "employer/jobs/<int:pk>/<str:action>/",
        employer.job_action,
        name="job-action",
    ),
    path("fairs/<int:fair_pk>/book/", employer.booth_book_view, name="booth-book"),
    path("employer/booths/", employer.booth_list, name="booth-list"),
    path("employer/booths/<int:pk>/", employer.booth_detail, name="booth-detail"),
    path("employer/booths/<int:pk>/pay/", employer.booth_pay, name="booth-pay"),
    path("employer/booths/<int:pk>/cancel/", employer.booth_cancel_view, name="booth-cancel"),
    # Staff
    path("staff/employers/", staff.vetting_queue_page, name="staff-vetting"),
    path("staff/employers/<int:pk>/", staff.employer_review, name="staff-employer"),
    path("staff/jobs/", staff.job_moderation_queue, name="staff-jobs"),
    path("staff/jobs/<int:pk>/", staff.job_review, name="staff-job"),
    path("staff/fairs/", staff.fair_manage_list, name="staff-fairs"),
    path("staff/fairs/new/", staff.fair_form, name="staff-fair-new"),
    path("staff/fairs/<int:pk>/", staff.fair_manage, name="staff-fair"),
    path("staff/fairs/<int:pk>/edit/", staff.fair_form, name="staff-fair-edit"),
    path("staff/fairs/<int:pk>/<str:action>/", staff.fair_action, name="staff-fair-action"),
    path("staff/booths/<int:pk>/cancel/", staff.booth_cancel_staff, name="staff-booth-cancel"),
]
