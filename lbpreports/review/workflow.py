"""The GP's steps on a report: check an edit, save it, approve and release, return, withdraw.

Each step that touches several models lives here (docs/development.md section 3). Saving uses
optimistic locking: the form carries the report's `lock_version`, and a save against an older
one is refused, so that two people editing at once never overwrite each other silently.
"""

from __future__ import annotations

import datetime
import hashlib
from types import SimpleNamespace

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from lbpreports.engine import facts, readability, safety
from lbpreports.engine.report import summary_body
from lbpreports.reports.models import Report, ReportVersion
from lbpreports.review.models import AuditEntry

# Approval is refused while the checkers report one of these, unless the GP gives a reason. The
# fact check blocks on every kind but two: a severity or a change since an earlier scan may be put
# in the GP's own words ("quite a lot of narrowing", "about the same"), which the checker may not
# know, and neither changes what the finding is or where; they are shown, not blocking.
BLOCKING = (
    "urgent_missing",
    "negated_as_present",
    "unexplained_content",
    "finding_missing",
    "level_missing",
    "side_missing",
    "size_missing",
    "stated_twice",
    "contradiction",
    "invented",
    "not_final",
)


class Conflict(Exception):
    """Someone else saved the report since this form was opened."""


class Blocked(Exception):
    def __init__(self, problems):
        super().__init__("The safety checker found problems.")
        self.problems = problems


FINDING_DEFAULTS = {
    "hedge": None,
    "levels": (),
    "severity": None,
    "severity_text": None,
    "side": None,
    "zone": None,
    "size": (),
    "change": None,
    "cause": None,
    "effect": None,
    "emergency": False,
    "start": 0,
    "end": 0,
}


def _finding(stored: dict) -> SimpleNamespace:
    finding = {**FINDING_DEFAULTS, **stored}
    finding["levels"] = tuple(finding["levels"] or ())
    finding["size"] = tuple(SimpleNamespace(**z) for z in finding["size"] or ())
    return SimpleNamespace(**finding)


def reading_from_result(result: dict):
    """The parts of the engine's reading that the checkers need, from the stored JSON."""
    findings = [_finding(f) for f in result.get("findings", [])]
    unexplained = [SimpleNamespace(**u) for u in result.get("unexplained", [])]
    return SimpleNamespace(
        text=result.get("text", ""),
        findings=findings,
        unexplained=unexplained,
        document=result.get("document", "final"),
        normal_study=result.get("normal_study", False),
    )


def body_of(sections: list[dict]) -> str:
    """The patient text before "Words in your report", found by section key."""
    return summary_body(sections)


def check(report: Report, sections: list[dict], conclusion: str, note: str = "") -> dict:
    """Rescore an edit and run the safety checker and the fact check on it. Saves nothing.

    Each problem names the section it concerns (`section`, a key) and its `heading` as the GP
    sees it; the GP's note is read as part of the text."""
    reading = reading_from_result(report.engine_result)
    summary = report.mode == Report.Mode.SUMMARY
    text = body_of(sections) if summary else conclusion
    problems = safety.check(reading, text + ("\n" + note if note else ""))
    if summary:
        parts = [*sections, {"key": None, "heading": "", "paragraphs": [note] if note else []}]
        problems = facts.place(problems, parts)
        problems += facts.check(reading, parts)
    else:
        text_and_note = conclusion + ("\n" + note if note else "")
        problems += facts.check(reading, text_and_note, conclusion=True)
    headings = {facts.parts_of([s])[0][0]: s["heading"] for s in sections if s.get("heading")}
    shown = [{**p.as_dict(), "heading": headings.get(p.section)} for p in problems]
    return {
        "problems": shown,
        "blocking": [p for p in shown if p["kind"] in BLOCKING],
        "readability": readability.score(text),
    }


def save_edit(report: Report, by, sections, conclusion: str, note: str, lock_version: int) -> None:
    """Save the GP's edit as a version; refused if the report changed since `lock_version`."""
    with transaction.atomic():
        updated = Report.objects.filter(pk=report.pk, lock_version=lock_version).update(
            patient_sections=sections,
            patient_conclusion=conclusion,
            gp_note=note,
            lock_version=F("lock_version") + 1,
            updated=timezone.now(),
        )
        if not updated:
            raise Conflict
        report.refresh_from_db()
        ReportVersion.record(report, by, ReportVersion.Kind.GP_EDIT)
        AuditEntry.record(by, "report.edited", report.pk, version=report.lock_version)


def approve(report: Report, by, sections, conclusion, note, lock_version, reason="") -> None:
    """Approve and release in one step: the handout is made once and stored with its hash."""
    from lbpreports.handouts.pdf import render_handout

    result = check(report, sections, conclusion, note)
    if result["blocking"] and not reason.strip():
        raise Blocked(result["blocking"])
    amending = report.status == Report.Status.RELEASED
    with transaction.atomic():
        save_edit(report, by, sections, conclusion, note, lock_version)
        report.refresh_from_db()
        stored = {
            **report.engine_result,
            "summary": {"sections": sections, "text": ""},
            "conclusion": conclusion,
        }
        pdf = render_handout(report, stored, draft=False)
        report.handout_pdf = pdf
        report.handout_sha256 = hashlib.sha256(pdf).hexdigest()
        report.status = Report.Status.RELEASED
        report.released_at = timezone.now()
        report.override_reason = reason.strip()
        report.save(
            update_fields=[
                "handout_pdf",
                "handout_sha256",
                "status",
                "released_at",
                "override_reason",
                "updated",
            ]
        )
        ReportVersion.record(report, by, ReportVersion.Kind.RELEASE)
        AuditEntry.record(
            by,
            "report.amended" if amending else "report.released",
            report.pk,
            sha256=report.handout_sha256,
            override=bool(reason.strip()),
            problems=[p["kind"] for p in result["blocking"]],
        )


def return_to_radiologist(report: Report, by, comment: str) -> None:
    if not comment.strip():
        raise ValueError("Say what the radiologist should change.")
    report.status = Report.Status.RETURNED
    report.return_comment = comment.strip()
    report.lock_version += 1
    report.save(update_fields=["status", "return_comment", "lock_version", "updated"])
    AuditEntry.record(by, "report.returned", report.pk)


def withdraw(report: Report, by, reason: str) -> None:
    if not reason.strip():
        raise ValueError("Give a reason for withdrawing the handout.")
    report.status = Report.Status.WITHDRAWN
    report.lock_version += 1
    report.save(update_fields=["status", "lock_version", "updated"])
    AuditEntry.record(by, "report.withdrawn", report.pk, reason=reason.strip())


def add_working_day(moment):
    """The same local time on the next working day (Monday to Friday) in TIME_ZONE."""
    local = timezone.localtime(moment)
    step = local + datetime.timedelta(days=1)
    while step.weekday() >= 5:
        step += datetime.timedelta(days=1)
    return step


NAMES = ("first_name", "last_name", "username")


def overdue_urgent(now=None) -> list[Report]:
    """Reports with an urgent finding awaiting review for more than one working day."""
    now = now or timezone.now()
    waiting = (
        Report.objects.filter(
            status=Report.Status.AWAITING_REVIEW,
            submitted_at__isnull=False,
            urgency__gte=Report.Urgency.URGENT,
            submitted_at__lt=now - datetime.timedelta(days=1),
        )
        .select_related("gp", "radiologist")
        .only(
            "id",
            "submitted_at",
            "gp",
            "radiologist",
            *(f"{p}__{f}" for p in ("gp", "radiologist") for f in NAMES),
        )
        .order_by("submitted_at")
    )
    return [r for r in waiting if add_working_day(r.submitted_at) < now]
