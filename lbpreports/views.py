from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from lbpreports import roles
from lbpreports.reports.models import LIST_FIELDS, Notification, OutboundMessage, Report

PAGE_SIZE = 25
PERSON_FIELDS = ("first_name", "last_name", "username")


def queue(request, reports, *, person: str, states, default_state: str, order) -> dict:
    """One page of a dashboard's reports: searched by patient name or identifier (MRN, Medicare
    or IHI), filtered by state, counted per state, loading only the list's fields (never the
    report text, the engine's JSON or the handout), in a fixed number of queries however many
    reports there are."""
    search = request.GET.get("q", "").strip()[:100]
    state = request.GET.get("state", default_state)
    if state != "all" and state not in states:
        state = default_state
    if search:
        reports = reports.filter(
            Q(patient_name__icontains=search)
            | Q(patient_identifier__icontains=search)
            | Q(patient_medicare__icontains=search)
            | Q(patient_ihi__icontains=search)
        )
    counts = dict(reports.order_by().values_list("status").annotate(n=Count("id")))
    if state != "all":
        reports = reports.filter(status=state)
    listed = (
        reports.select_related(person)
        .only(*LIST_FIELDS, *(f"{person}__{field}" for field in PERSON_FIELDS))
        .order_by(*order, "-id")
    )
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    labels = dict(Report.Status.choices)
    tabs = [{"value": s, "label": labels[s], "count": counts.get(s, 0)} for s in states]
    tabs.append({"value": "all", "label": "All", "count": sum(counts.get(s, 0) for s in states)})
    return {"page": page, "search": search, "state": state, "tabs": tabs, "person": person}


@never_cache
@login_required
@require_GET
def home(request):
    """Each role's own dashboard."""
    user = request.user
    role = roles.role_of(user)
    if role == roles.RADIOLOGIST:
        context = queue(
            request,
            Report.objects.visible_to(user).filter(radiologist=user),
            person="gp",
            states=list(Report.Status.values),
            default_state="all",
            order=("-updated",),
        )
        # reports whose email to the GP failed after its last try: phone them through
        context["failed_reports"] = sorted(
            set(
                Notification.objects.filter(
                    state=Notification.State.FAILED,
                    report__radiologist=user,
                    recipient=F("report__gp"),
                ).values_list("report_id", flat=True)
            )
        )
        return render(request, "dashboard/radiologist.html", context)
    if role == roles.GP:
        context = queue(
            request,
            Report.objects.visible_to(user).filter(gp=user),
            person="radiologist",
            states=[s for s in Report.Status.values if s != Report.Status.DRAFT],
            default_state=Report.Status.AWAITING_REVIEW,
            order=("-urgency", "-updated"),  # urgent reports first, then newest first
        )
        return render(request, "dashboard/gp.html", context)
    if role == roles.ADMIN:
        from lbpreports.accounts.models import AccountEmail
        from lbpreports.practice.models import InboundMessage

        # failed emails by report number and state only: no patient details for admins
        failed = (
            Notification.objects.filter(state=Notification.State.FAILED)
            .select_related("report")
            .only("id", "kind", "attempts", "finished_at", "report__id", "report__status")[:100]
        )
        # emails about accounts (set-password links, address changes): the account, no address
        account_failed = (
            AccountEmail.objects.filter(state=AccountEmail.State.FAILED)
            .select_related("account")
            .only("id", "kind", "attempts", "finished_at", "account__id", "account__username")[:100]
        )
        intake = InboundMessage.objects.filter(outcome=InboundMessage.Outcome.INTAKE)[:100]
        # HL7 messages to GP systems that were given up: never the message itself
        undelivered = (
            OutboundMessage.objects.filter(state=OutboundMessage.State.FAILED)
            .select_related("report")
            .only(
                "id",
                "control_id",
                "result_status",
                "attempts",
                "last_error",
                "finished_at",
                "report__id",
                "report__status",
            )[:100]
        )
        context = {
            "overdue": Report.objects.overdue_urgent(),
            "failed": failed,
            "account_failed": account_failed,
            "intake": intake,
            "undelivered": undelivered,
        }
        return render(request, "dashboard/admin.html", context)
    return render(request, "dashboard/no_role.html", status=403)


@transaction.non_atomic_requests  # long work: outside any transaction
@never_cache
@require_GET
def healthz(request):
    """For load balancers: the app answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok\n", content_type="text/plain")


@require_GET
def favicon(request):
    """The icon, for browsers that ask for /favicon.ico (pages without an icon link)."""
    return redirect(static("favicon.svg"))
