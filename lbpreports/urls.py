from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from lbpreports import views

admin.site.site_header = "lbpreports administration"
admin.site.site_title = "lbpreports administration"

# The admin site's own login and password pages are replaced by the app's: one throttled login
# page, and one page where any user changes their own password.
to_login = RedirectView.as_view(pattern_name="login", query_string=True)
to_password_change = RedirectView.as_view(pattern_name="password_change")

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # browsers ask for /favicon.ico on pages without an icon link (files, the admin's errors)
    path("favicon.ico", views.favicon, name="favicon"),
    path("accounts/", include("lbpreports.accounts.urls")),
    path("reports/", include("lbpreports.reports.urls")),
    path("review/", include("lbpreports.review.urls")),
    path("admin/login/", to_login),
    path("admin/password_change/", to_password_change),
    path("admin/password_change/done/", to_password_change),
    path("admin/", admin.site.urls),
]
