from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from lbpreports import views

admin.site.site_header = "lbpreports administration"
admin.site.site_title = "lbpreports administration"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # browsers ask for /favicon.ico on pages without an icon link (files, the admin's errors)
    path("favicon.ico", views.favicon, name="favicon"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("reports/", include("lbpreports.reports.urls")),
    path("review/", include("lbpreports.review.urls")),
    path("admin/", admin.site.urls),
]
