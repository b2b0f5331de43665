from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_POST

from lbpreports import roles
from lbpreports.review.models import AuditEntry

from .forms import ReportForm
from .highlight import highlight
from .models import Notification, Report, get_report_for
from .tasks import notify

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


@radiologist_required
def report_new(request):
    return _form_page(request, Report(radiologist=request.user))


@radiologist_required
def report_edit(request, pk):
    report = get_report_for(request.user, pk)
    if report.radiologist_id != request.user.pk or not report.is_editable_by_radiologist:
        raise Http404
    return _form_page(request, report)


def _form_page(request, report: Report):
    context = {"report": report}
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


@login_required
def report_detail(request, pk):
    report = get_report_for(request.user, pk)
    AuditEntry.record(request.user, "report.viewed", report.pk)
    context = {"report": report, "is_owner": report.radiologist_id == request.user.pk}
    if context["is_owner"]:
        # emails to the GP that failed after their last try: the radiologist phones instead
        context["failed_notices"] = report.notifications.filter(
            state=Notification.State.FAILED, recipient_id=report.gp_id
        ).select_related("recipient")
    if report.engine_result:
        context.update(preview_context(report.engine_result, report.original_text))
    context["versions"] = report.versions.select_related("author")
    return render(request, "reports/detail.html", context)


@radiologist_required
@require_POST
def report_submit(request, pk):
    report = get_report_for(request.user, pk)
    if report.radiologist_id != request.user.pk:
        raise Http404
    who = request.POST.get("called_gp_who", "").strip()[:200]
    when = parse_datetime(request.POST.get("called_gp_at", "").strip() or "")
    if who and when:
        if timezone.is_naive(when):
            when = timezone.make_aware(when)
        report.called_gp_who, report.called_gp_at = who, when
    resubmitted = report.status == Report.Status.RETURNED
    try:
        report.submit(by=request.user)
    except ValueError as error:
        messages.error(request, str(error))
        return redirect("reports:detail", pk=report.pk)
    AuditEntry.record(request.user, "report.submitted", report.pk, gp=report.gp_id)
    # every urgent submission emails the GP, and so does a resubmission; sent after commit
    if report.urgency:
        notify(report, Notification.Kind.URGENT)
    elif resubmitted:
        notify(report, Notification.Kind.RESUBMITTED)
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


@login_required
def draft_pdf(request, pk):
    """The draft handout of a saved report, made on demand and never stored."""
    from lbpreports.handouts.pdf import render_handout

    report = get_report_for(request.user, pk)
    if not report.engine_result:
        raise Http404
    pdf = render_handout(report, report.engine_result, draft=True)
    AuditEntry.record(request.user, "report.draft_pdf", report.pk)
    return _pdf_response(pdf, f"draft-report-{report.pk}.pdf")


@radiologist_required
@require_POST
def preview_pdf(request):
    """The draft handout of what is on the form now, not saved."""
    from lbpreports.handouts.pdf import render_handout

    form = ReportForm(request.POST, request.FILES, instance=Report(radiologist=request.user))
    if not form.is_valid():
        return render(request, "reports/form.html", {"form": form, "report": form.instance})
    result = _run(form)
    return _pdf_response(render_handout(form.instance, result, draft=True), "draft-handout.pdf")


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
