"""URLs of the web application."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import include, path

from bolvaerk.web.views import assessments, facilities

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="bolvaerk/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", facilities.facility_list, name="facilities"),
    path("facilities/<int:facility_id>/", facilities.facility_page, name="facility"),
    path("facilities/<int:facility_id>/new/", assessments.create, name="assessment-create"),
    path("assessments/<int:record_id>/", assessments.overview, name="assessment"),
    path("assessments/<int:record_id>/export.yaml", assessments.export, name="assessment-export"),
    path("", include("bolvaerk.web.urls_review")),
    path("", include("bolvaerk.web.urls_editor")),
    path("", include("bolvaerk.web.urls_risk")),
    path("", include("bolvaerk.web.urls_annexes")),
    path("", include("bolvaerk.web.urls_portfolio")),
    path("", include("bolvaerk.web.urls_revisions")),
    path("", include("bolvaerk.web.urls_api")),
    path("", include("bolvaerk.web.urls_ops")),
    path("", include("bolvaerk.web.urls_edi")),
]
