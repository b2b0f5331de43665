from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from lbpreports import roles
from lbpreports.engine import knowledge
from lbpreports.reports.models import Report, get_report_for
from lbpreports.reports.views import preview_context
from lbpreports.review import workflow
from lbpreports.review.models import AuditEntry

PREVALENCE = "prevalence"  # the section key (docs/contract.md)


def _gp_report(request, pk) -> Report:
    """The report if the user is its addressed GP (others: 404)."""
    report = get_report_for(request.user, pk)
    if not roles.is_gp(request.user) or report.gp_id != request.user.pk:
        raise Http404
    return report


def _edited(request, report: Report) -> tuple[list[dict], str, str]:
    """The GP's edit from the form: sections (one textarea each), conclusion, note; prevalence
    lines the GP unticked are dropped, and a figure the engine withheld (beside an emergency or
    an urgent finding's level) that the GP ticks is added back."""
    keep = set(request.POST.getlist("keep_prevalence"))
    offered = report.engine_result.get("prevalence", [])
    # figures grouped in one sentence share its text: it stays while any of them is ticked
    kept_texts = {p["text"] for j, p in enumerate(offered) if str(j) in keep}
    dropped = {p["text"] for p in offered} - kept_texts
    sections = []
    for i, section in enumerate(report.patient_sections):
        raw = request.POST.get(f"section-{i}")
        lines = (
            section["paragraphs"]
            if raw is None
            else [line.strip() for line in raw.replace("\r\n", "\n").split("\n") if line.strip()]
        )
        if section.get("key") == PREVALENCE:
            lines = [line for line in lines if line not in dropped]
        sections.append({**section, "paragraphs": lines})
    said = {line for s in sections for line in s["paragraphs"]}
    added = [
        p["text"]
        for j, p in enumerate(offered)
        if str(j) in keep and not p.get("shown", True) and p["text"] not in said
    ]
    if added:
        _add_back(sections, added)
    conclusion = request.POST.get("conclusion", report.patient_conclusion).strip()
    note = request.POST.get("gp_note", report.gp_note).strip()
    return sections, conclusion, note


def _add_back(sections: list[dict], lines: list[str]) -> None:
    """Put withheld prevalence lines in the prevalence section, made after "What it found" (or
    the follow-up section) when the engine left it out."""
    for section in sections:
        if section.get("key") == PREVALENCE:
            section["paragraphs"].extend(lines)
            return
    keys = [s.get("key") for s in sections]
    after = max(
        (i for i, k in enumerate(keys) if k in ("looked_at", "follow_up", "found")), default=-1
    )
    heading = knowledge.load().lay["headings"]["prevalence"]
    sections.insert(after + 1, {"key": PREVALENCE, "heading": heading, "paragraphs": lines})


def _context(report: Report, sections=None, conclusion=None, note=None, **extra) -> dict:
    sections = report.patient_sections if sections is None else sections
    conclusion = report.patient_conclusion if conclusion is None else conclusion
    note = report.gp_note if note is None else note
    kept = "\n".join(p for s in sections for p in s["paragraphs"])
    # one checkbox per sentence: figures grouped in one sentence ("about 8 in 10 have dry
    # discs and about 6 in 10 thinner discs") share it
    prevalence = []
    for i, p in enumerate(report.engine_result.get("prevalence", [])):
        if all(p["text"] != q["text"] for q in prevalence):
            prevalence.append({"index": i, "text": p["text"], "kept": p["text"] in kept})
    context = {
        "report": report,
        "editable_sections": [
            {"index": i, "heading": s["heading"], "text": "\n".join(s["paragraphs"])}
            for i, s in enumerate(sections)
        ],
        "conclusion": conclusion,
        "gp_note": note,
        "prevalence": prevalence,
        "check": workflow.check(report, sections, conclusion, note),
        **preview_context(report.engine_result, report.original_text),
    }
    context.update(extra)
    return context


@login_required
def review(request, pk):
    report = _gp_report(request, pk)
    if request.method == "GET":
        AuditEntry.record(request.user, "report.viewed", report.pk)
        return render(request, "review/review.html", _context(report))
    if report.status not in (Report.Status.AWAITING_REVIEW, Report.Status.RELEASED):
        messages.error(request, "This report cannot be changed in its present state.")
        return redirect("review:review", pk=pk)
    sections, conclusion, note = _edited(request, report)
    action = request.POST.get("action", "save")
    try:
        lock = int(request.POST.get("lock_version", "-1"))
    except ValueError:
        lock = -1
    try:
        if action == "return":
            workflow.return_to_radiologist(report, request.user, request.POST.get("comment", ""))
            messages.success(request, "Returned to the radiologist.")
            return redirect("home")
        if action in ("approve", "amend"):
            reason = request.POST.get("reason", "")
            if action == "amend" and not reason.strip():
                raise ValueError("Give a reason for the amended handout.")
            workflow.approve(report, request.user, sections, conclusion, note, lock, reason)
            messages.success(request, "Approved and released to the patient.")
            return redirect("review:review", pk=pk)
        if report.status == Report.Status.RELEASED:
            raise ValueError(
                "This handout is already released: issue an amended handout to change it."
            )
        workflow.save_edit(report, request.user, sections, conclusion, note, lock)
        messages.success(request, "Saved.")
        return redirect("review:review", pk=pk)
    except workflow.Conflict:
        error = (
            "Someone else saved this report while you were editing it. Your text is still "
            "below; reload the page to see their version before saving again."
        )
    except workflow.Blocked as blocked:
        error = (
            "Not approved: "
            + "; ".join(p["detail"] for p in blocked.problems)
            + (" Correct the text, or give a reason to approve anyway.")
        )
    except ValueError as problem:
        error = str(problem)
    return render(
        request,
        "review/review.html",
        _context(report, sections, conclusion, note, error=error, lock_version=lock),
        status=409 if "Someone else" in error else 200,
    )


@login_required
@require_POST
def recheck(request, pk):
    """Rescore the GP's edit as they type (htmx); creates no version."""
    report = _gp_report(request, pk)
    sections, conclusion, note = _edited(request, report)
    return render(
        request,
        "review/_check.html",
        {"check": workflow.check(report, sections, conclusion, note)},
    )


@login_required
@require_POST
def withdraw(request, pk):
    report = _gp_report(request, pk)
    try:
        workflow.withdraw(report, request.user, request.POST.get("reason", ""))
        messages.success(request, "The handout is withdrawn.")
    except ValueError as problem:
        messages.error(request, str(problem))
    return redirect("review:review", pk=pk)


def _released(request, pk) -> Report:
    """A released report with its handout, for its addressed GP or its radiologist only."""
    report = get_report_for(request.user, pk)
    if request.user.pk not in (report.gp_id, report.radiologist_id) or not report.handout_pdf:
        raise Http404
    if report.status != Report.Status.RELEASED:
        raise Http404
    return report


def _sent(request, pk) -> Report:
    """A report whose handout was released (and may since have been withdrawn), for its
    addressed GP or its radiologist only: its HL7 message says F, C or X."""
    report = get_report_for(request.user, pk)
    if request.user.pk not in (report.gp_id, report.radiologist_id) or not report.handout_pdf:
        raise Http404
    if report.status not in (Report.Status.RELEASED, Report.Status.WITHDRAWN):
        raise Http404
    return report


@login_required
def export_hl7(request, pk):
    from lbpreports.handouts.exports import hl7_oru, result_status

    report = _sent(request, pk)
    status = result_status(report)
    AuditEntry.record(request.user, "handout.exported", report.pk, format="hl7", status=status)
    response = HttpResponse(hl7_oru(report), content_type="application/hl7-v2; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="handout-{report.pk}-{status}.hl7"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def export_fhir(request, pk):
    from django.http import JsonResponse

    from lbpreports.handouts.exports import fhir_bundle

    report = _released(request, pk)
    AuditEntry.record(request.user, "handout.exported", report.pk, format="fhir")
    response = JsonResponse(fhir_bundle(report), content_type="application/fhir+json")
    response["Cache-Control"] = "no-store"
    return response


@login_required
def handout(request, pk):
    """The released handout, as stored: only the addressed GP and the report's radiologist."""
    report = _released(request, pk)
    AuditEntry.record(request.user, "handout.downloaded", report.pk, sha256=report.handout_sha256)
    response = HttpResponse(bytes(report.handout_pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="handout-{report.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
