from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lbpreports import roles
from lbpreports.audit.models import AuditEntry

from .forms import ReportForm, SubmitForm
from .highlight import highlight
from .models import NeedsInput, Notification, Report, TransitionError, get_report_for

UPLOAD_KINDS = ("text", "pdf", "docx", "hl7", "fhir")


def radiologist_required(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        if not roles.is_radiologist(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def preview_context(result: dict, text: str) -> dict:
    """What the preview shows: patient text, meters, findings, urgent banner, unexplained first,
    and the original with the engine's highlights."""
    return {
        "result": result,
        "segments": highlight(text, result),
        "meters": meters(result),
    }


def meters(result: dict) -> list[dict]:
    def band(fkgl: float) -> str:
        return "good" if fkgl <= 6 else ("fair" if fkgl <= 8 else "hard")

    out = []
    for key, label in (
        ("report", "Report"),
        ("summary", "Lay summary"),
        ("conclusion", "Conclusion"),
    ):
        score = result["readability"][key]
        out.append(
            {
                "label": label,
                "fkgl": score["fkgl"],
                "fre": score["fre"],
                "band": band(score["fkgl"]),
            }
        )
    return out


def _run(form: ReportForm) -> dict:
    # a valid ModelForm has already copied its cleaned data (uploaded text included) onto the
    # instance; the engine reads it from there
    return form.instance.run_engine()


@transaction.non_atomic_requests  # long work: outside any transaction
@never_cache
@radiologist_required
@require_http_methods(["GET", "POST"])
def report_new(request):
    return _form_page(request, Report(radiologist=request.user))


@transaction.non_atomic_requests  # long work: outside any transaction
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request, pk):
    """Only the report's own radiologist, while it is a draft or returned; everyone else gets
    404 whatever their role, so that the report's existence does not leak."""
    report = get_report_for(request.user, pk)
    if not (report.may("submit", request.user) and report.is_editable_by_radiologist):
        raise Http404
    return _form_page(request, report)


def _form_page(request, report: Report):
    context = {"report": report}
    if request.method == "GET" and report.engine_result:
        # a saved report opens with its preview
        context.update(preview_context(report.engine_result, report.original_text))
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES, instance=report)
        if form.is_valid():
            result = _run(form)
            if request.POST.get("action") == "save":
                report.source_name, report.source_type = form.source()
                if form.read_file is None and request.POST.get("source_type") in UPLOAD_KINDS:
                    # saved after previewing an upload: the file's text is in the box now
                    report.source_name = request.POST.get("source_name", "")[:255]
                    report.source_type = request.POST["source_type"]
                with transaction.atomic():
                    report.save()
                    AuditEntry.record(request.user, "report.saved", report.pk)
                messages.success(request, "Draft saved.")
                return redirect("reports:detail", pk=report.pk)
            context.update(preview_context(result, report.original_text))
            # A browser never sends a file twice: show the text read from it (and what it
            # filled in) in the form, so that "Save draft" keeps it.
            context["source"] = form.source()
            form = ReportForm(instance=report)
    else:
        form = ReportForm(instance=report)
    context["form"] = form
    return render(request, "reports/form.html", context)


@transaction.non_atomic_requests  # long work: outside any transaction
@never_cache
@radiologist_required
@require_POST
def preview(request):
    """The live preview (htmx): the same form, read by the engine, nothing saved."""
    form = ReportForm(request.POST, request.FILES, instance=Report(radiologist=request.user))
    context = {"form": form}
    if form.is_valid():
        result = _run(form)
        context.update(preview_context(result, form.instance.original_text))
    return render(request, "reports/_preview.html", context)


@never_cache
@login_required
@require_GET
def report_detail(request, pk):
    report = get_report_for(request.user, pk)
    AuditEntry.record(request.user, "report.viewed", report.pk)
    return _detail(request, report)


def _detail(request, report: Report, status: int = 200):
    context = {
        "report": report,
        "is_owner": report.radiologist_id == request.user.pk,
        "actions": report.actions_for(request.user),
    }
    if context["is_owner"]:
        # emails to the GP that failed after their last try: the radiologist phones instead
        context["failed_notices"] = report.notifications.filter(
            state=Notification.State.FAILED, recipient_id=report.gp_id
        ).select_related("recipient")
    if report.engine_result:
        context.update(preview_context(report.engine_result, report.original_text))
    context["versions"] = report.versions.select_related("author")
    return render(request, "reports/detail.html", context, status=status)


@transaction.non_atomic_requests  # see Report.apply
@never_cache
@login_required
@require_POST
def report_submit(request, pk):
    """Send to the GP (the `submit` transition); 404 for anyone but the report's radiologist."""
    report = get_report_for(request.user, pk)
    if report.radiologist_id != request.user.pk or not roles.is_radiologist(request.user):
        raise Http404
    form = SubmitForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for e in form.errors.values() for m in e))
        return redirect("reports:detail", pk=report.pk)
    data = form.cleaned_data
    if data["called_gp_who"] and data["called_gp_at"] and report.is_editable_by_radiologist:
        report.called_gp_who, report.called_gp_at = data["called_gp_who"], data["called_gp_at"]
    try:
        report.submit(by=request.user, lock_version=data["lock_version"])
    except NeedsInput as missing:
        messages.error(request, missing.message)
        return redirect("reports:detail", pk=report.pk)
    except TransitionError as refused:
        messages.error(request, refused.message)
        report.refresh_from_db()
        return _detail(request, report, status=refused.status)
    messages.success(request, "Sent to the GP for review. The report is now locked.")
    return redirect("reports:detail", pk=report.pk)


@login_required
@require_POST
def print_size(request, pk):
    """Standard or large print for the patient's handout, chosen by the report's radiologist or
    its GP (the model says when)."""
    report = get_report_for(request.user, pk)
    large = request.POST.get("large_print") == "on"
    try:
        report.choose_print(large=large, by=request.user)
    except ValueError as error:
        messages.error(request, str(error))
    else:
        AuditEntry.record(request.user, "report.print_size", report.pk, large=large)
        said = f"The handout will be in {'large' if large else 'standard'} print."
        if report.status == Report.Status.RELEASED:
            said += " Issue an amended handout to print it so."
        messages.success(request, said)
    if report.gp_id == request.user.pk and roles.is_gp(request.user):
        return redirect("review:review", pk=report.pk)
    return redirect("reports:detail", pk=report.pk)


@transaction.non_atomic_requests  # long work: outside any transaction
@never_cache
@login_required
@require_GET
def draft_pdf(request, pk):
    """The draft handout of a saved report, made on demand and never stored."""
    from lbpreports.handouts.pdf import render_handout

    report = get_report_for(request.user, pk)
    if not report.engine_result:
        raise Http404
    pdf = render_handout(report, report.engine_result, draft=True)
    AuditEntry.record(request.user, "report.draft_pdf", report.pk)
    return _pdf_response(pdf, f"draft-report-{report.pk}.pdf")


@transaction.non_atomic_requests  # long work: outside any transaction
@never_cache
@radiologist_required
@require_POST
def preview_pdf(request):
    """The draft handout of what is on the form now, not saved."""
    from lbpreports.handouts.pdf import render_handout

    form = ReportForm(request.POST, request.FILES, instance=Report(radiologist=request.user))
    if not form.is_valid():
        # this answer opens in a tab of its own: a short page, not a second workspace
        return render(request, "reports/no_draft.html", {"form": form}, status=400)
    result = _run(form)
    return _pdf_response(render_handout(form.instance, result, draft=True), "draft-handout.pdf")


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
