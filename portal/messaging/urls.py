from django.urls import path

from portal.messaging import views

app_name = "messaging"

urlpatterns = [
    path("twilio/inbound/", views.twilio_inbound, name="twilio-inbound"),
    path("twilio/status/", views.twilio_status, name="twilio-status"),
]
