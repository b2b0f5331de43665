from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from lbpreports import roles
from lbpreports.reports.models import Report


@never_cache
@login_required
@require_GET
def home(request):
    """Each role's own dashboard."""
    user = request.user
    role = roles.role_of(user)
    if role == roles.RADIOLOGIST:
        reports = Report.objects.visible_to(user).filter(radiologist=user).select_related("gp")
        return render(request, "dashboard/radiologist.html", {"reports": reports})
    if role == roles.GP:
        reports = sorted(
            Report.objects.visible_to(user).filter(gp=user).select_related("radiologist"),
            key=lambda r: (not r.urgent, -r.updated.timestamp()),
        )  # urgent reports first, then newest first
        sections = [
            ("Awaiting your review", Report.Status.AWAITING_REVIEW),
            ("Returned to the radiologist", Report.Status.RETURNED),
            ("Released", Report.Status.RELEASED),
            ("Withdrawn", Report.Status.WITHDRAWN),
        ]
        groups = [(title, [r for r in reports if r.status == s]) for title, s in sections]
        return render(request, "dashboard/gp.html", {"groups": groups})
    if role == roles.ADMIN:
        overdue = Report.objects.overdue_urgent()
        return render(request, "dashboard/admin.html", {"overdue": overdue})
    return render(request, "dashboard/no_role.html", status=403)


@never_cache
@require_GET
def healthz(request):
    """For load balancers: the app answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok\n", content_type="text/plain")
