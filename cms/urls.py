from django.urls import path

from cms import views

urlpatterns = [path("search/", views.search, name="cms_search")]
