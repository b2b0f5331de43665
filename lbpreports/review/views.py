from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lbpreports import roles
from lbpreports.audit.models import AuditEntry
from lbpreports.engine import knowledge
from lbpreports.engine.report import normalise
from lbpreports.reports.highlight import with_definitions
from lbpreports.reports.models import (
    Edit,
    NeedsInput,
    Report,
    TransitionError,
    get_report_for,
)
from lbpreports.reports.views import preview_context
from lbpreports.review.forms import ReviewForm, WithdrawForm

PREVALENCE = "prevalence"  # the section key (docs/contract.md)


def _gp_report(request, pk) -> Report:
    """The report if the user is its addressed GP (others: 404)."""
    report = get_report_for(request.user, pk)
    if not roles.is_gp(request.user) or report.gp_id != request.user.pk:
        raise Http404
    return report


def _edited(form: ReviewForm, report: Report) -> Edit:
    """The GP's edit from a valid form: sections (one textarea each), conclusion, note, line
    ends made \\n; prevalence lines the GP unticked are dropped, and a figure the engine withheld
    (beside an emergency or an urgent finding's level) that the GP ticks is added back."""
    data = form.cleaned_data
    keep = set(form.data.getlist("keep_prevalence"))
    offered = report.engine_result.get("prevalence", [])
    # figures grouped in one sentence share its text: it stays while any of them is ticked
    kept_texts = {p["text"] for j, p in enumerate(offered) if str(j) in keep}
    dropped = {p["text"] for p in offered} - kept_texts
    sections = []
    for i, section in enumerate(report.patient_sections):
        raw = data[f"section-{i}"]
        lines = (
            section["paragraphs"]
            if raw is None
            else [line.strip() for line in normalise(raw).split("\n") if line.strip()]
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

    def text(name, stored):
        return stored if data[name] is None else normalise(data[name]).strip()

    return Edit(
        sections, text("conclusion", report.patient_conclusion), text("gp_note", report.gp_note)
    )


def _typed(form: ReviewForm, report: Report) -> Edit:
    """What the GP typed, as typed, for a form that is not valid (too long): shown again, never
    checked or saved."""
    sections = [
        {**s, "paragraphs": [form.data.get(f"section-{i}", "\n".join(s["paragraphs"]))]}
        for i, s in enumerate(report.patient_sections)
    ]
    return Edit(
        sections,
        form.data.get("conclusion", report.patient_conclusion),
        form.data.get("gp_note", report.gp_note),
    )


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


# why the engine left a prevalence figure out (docs/domain.md section 3), said to the GP
WITHHELD = {
    "emergency": "left out beside an emergency finding",
    "urgent_level": "left out at the level of an urgent finding",
    "pars_defect": "left out: the report gives a pars defect as the slip's cause",
    "operated_level": "left out at a level that had an operation",
}


def _context(request, report: Report, edit: Edit | None = None, **extra) -> dict:
    edit = edit or report.current_edit()
    kept = "\n".join(p for s in edit.sections for p in s["paragraphs"])
    # one checkbox per sentence: figures grouped in one sentence ("about 8 in 10 have dry
    # discs and about 6 in 10 thinner discs") share it
    prevalence = []
    for i, p in enumerate(report.engine_result.get("prevalence", [])):
        if all(p["text"] != q["text"] for q in prevalence):
            prevalence.append(
                {
                    "index": i,
                    "text": p["text"],
                    "kept": p["text"] in kept,
                    "withheld": WITHHELD.get(p.get("withheld") or "", "")
                    if not p.get("shown", True)
                    else "",
                }
            )
    boxes = [s.get("key") for s in edit.sections]
    context = {
        "report": report,
        "prevalence_box": boxes.index(PREVALENCE) if PREVALENCE in boxes else None,
        "actions": report.actions_for(request.user),
        "editable_sections": [
            {"index": i, "heading": s["heading"], "text": "\n".join(s["paragraphs"])}
            for i, s in enumerate(edit.sections)
        ],
        "conclusion": edit.conclusion,
        "gp_note": edit.note,
        "prevalence": prevalence,
        **preview_context(report.engine_result, report.original_text),
    }
    if "check" not in extra:
        context["check"] = _checked(report, edit)
    context.update(extra)
    beside = {b["key"]: b["problems"] for b in (context["check"] or {}).get("boxes", [])}
    for box in context["editable_sections"]:
        box["key"] = edit.sections[box["index"]].get("key") or f"section-{box['index']}"
        box["problems"] = beside.get(box["key"], [])
    context["terms"] = with_definitions(report.original_text, report.engine_result)
    return context


def _checked(report: Report, edit: Edit) -> dict:
    boxes = edit.sections if report.mode == Report.Mode.SUMMARY else []
    return placed(report.check_edit(edit), boxes)


def placed(check: dict | None, sections: list[dict]) -> dict | None:
    """The checkers' problems placed where the GP types: each problem under the box of the
    section it names (by key), the rest (the GP's note, the conclusion, the whole text) at the
    top, with the counts said to screen readers."""
    if check is None:
        return None
    keys = [s.get("key") or f"section-{i}" for i, s in enumerate(sections)]
    boxes = {key: [] for key in keys}
    elsewhere = []
    for problem in check["problems"]:
        blocking = problem in check["blocking"]
        item = {**problem, "blocking": blocking}
        (boxes[problem["section"]] if problem.get("section") in boxes else elsewhere).append(item)
    return {
        **check,
        "boxes": [{"key": key, "problems": boxes[key]} for key in keys],
        "elsewhere": elsewhere,
        "count": len(check["problems"]),
        "blocking_count": len(check["blocking"]),
    }


DONE = {
    "save": "Saved.",
    "return": "Returned to the radiologist.",
    "approve": "Approved and released to the patient.",
    "amend": "The amended handout is released.",
    "reissue": "The handout is released again.",
    "withdraw": "The handout is withdrawn.",
}


def _refused(request, report: Report, refused: TransitionError, edit=None, **extra):
    """The review page again with the refusal's message; 409 when the table forbids the action
    or the report changed meanwhile, 200 when the form lacks something the action needs."""
    report.refresh_from_db()
    context = _context(request, report, edit, error=refused.message, **extra)
    return render(request, "review/review.html", context, status=refused.status)


@transaction.non_atomic_requests  # see Report.apply
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def review(request, pk):
    report = _gp_report(request, pk)
    if request.method == "GET":
        AuditEntry.record(request.user, "report.viewed", report.pk)
        return render(request, "review/review.html", _context(request, report))
    form = ReviewForm(request.POST, report)
    if not form.is_valid():
        error = " ".join(m for errors in form.errors.values() for m in errors)
        context = _context(request, report, _typed(form, report), error=error, check=None)
        return render(request, "review/review.html", context)
    data = form.cleaned_data
    action = data["action"]
    edit = _edited(form, report)
    reason = data["comment"] if action == "return" else data["reason"]
    try:
        lock = data["lock_version"]
        report.apply(action, request.user, lock_version=lock, reason=reason, edit=edit)
    except TransitionError as refused:
        return _refused(request, report, refused, edit, lock_version=data["lock_version"])
    messages.success(request, DONE[action])
    return redirect("home") if action == "return" else redirect("review:review", pk=pk)


@transaction.non_atomic_requests  # long work: outside any transaction
@never_cache
@login_required
@require_POST
def recheck(request, pk):
    """Rescore the GP's edit as they type (htmx); creates no version."""
    report = _gp_report(request, pk)
    form = ReviewForm(request.POST, report)
    if not form.is_valid():
        error = " ".join(m for errors in form.errors.values() for m in errors)
        return render(request, "review/_check.html", {"check": None, "check_error": error})
    check = _checked(report, _edited(form, report))
    return render(request, "review/_check.html", {"check": check, "oob": True})


@transaction.non_atomic_requests  # see Report.apply
@never_cache
@login_required
@require_POST
def withdraw(request, pk):
    report = _gp_report(request, pk)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for e in form.errors.values() for m in e))
        return redirect("review:review", pk=pk)
    data = form.cleaned_data
    try:
        report.apply(
            "withdraw", request.user, lock_version=data["lock_version"], reason=data["reason"]
        )
    except NeedsInput as missing:
        messages.error(request, missing.message)
        return redirect("review:review", pk=pk)
    except TransitionError as refused:
        return _refused(request, report, refused)
    messages.success(request, DONE["withdraw"])
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


@never_cache
@login_required
@require_GET
def export_hl7(request, pk):
    from lbpreports.handouts.exports import hl7_oru, result_status

    report = _sent(request, pk)
    status = result_status(report)
    AuditEntry.record(request.user, "handout.exported", report.pk, format="hl7", status=status)
    response = HttpResponse(hl7_oru(report), content_type="application/hl7-v2; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="handout-{report.pk}-{status}.hl7"'
    return response


@never_cache
@login_required
@require_GET
def export_fhir(request, pk):
    from django.http import JsonResponse

    from lbpreports.handouts.exports import fhir_bundle

    report = _released(request, pk)
    AuditEntry.record(request.user, "handout.exported", report.pk, format="fhir")
    return JsonResponse(fhir_bundle(report), content_type="application/fhir+json")


@never_cache
@login_required
@require_GET
def handout(request, pk):
    """The released handout, as stored: only the addressed GP and the report's radiologist."""
    report = _released(request, pk)
    AuditEntry.record(request.user, "handout.downloaded", report.pk, sha256=report.handout_sha256)
    response = HttpResponse(bytes(report.handout_pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="handout-{report.pk}.pdf"'
    return response
