from django.urls import path

from portal.payments import views

app_name = "payments"

urlpatterns = [
    path("stripe/webhook/", views.stripe_webhook, name="stripe-webhook"),
    path("stripe/return/", views.stripe_return, name="stripe-return"),
    path("", views.payment_list, name="list"),
    path("<int:pk>/confirm/", views.payment_confirm, name="confirm"),
]
