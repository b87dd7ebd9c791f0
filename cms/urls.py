from django.urls import path

from cms import views

urlpatterns = [
    path("search/", views.search, name="cms_search"),
    path("help-list/", views.help_list, name="cms_help_list"),
]
