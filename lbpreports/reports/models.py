"""The report, its versions, and its lifecycle: the transition table as data on `Report` and
the one guarded method, `Report.apply`, that moves a report from state to state.

| action   | from            | to              | by          | needs                            |
|----------|-----------------|-----------------|-------------|----------------------------------|
| submit   | draft, returned | awaiting review | radiologist | a GP; the call for an emergency  |
| save     | awaiting review | awaiting review | GP          | the current lock version         |
| return   | awaiting review | returned        | GP          | a comment                        |
| approve  | awaiting review | released        | GP          | lock version; reason if problems |
| amend    | released        | released        | GP          | lock version; a reason           |
| withdraw | released        | withdrawn       | GP          | a reason                         |
| reissue  | withdrawn       | released        | GP          | a reason                         |

"radiologist" is the report's own radiologist, "GP" its addressed GP. "Problems" are every
safety and fact problem in the text but a hard sentence (`NOT_GATED`).
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import json
import re
from dataclasses import dataclass, field
from functools import partial
from types import SimpleNamespace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from lbpreports import engine, roles
from lbpreports.audit.models import AuditEntry
from lbpreports.engine import facts, readability, safety
from lbpreports.engine.findings import Finding, Size
from lbpreports.engine.report import summary_body

# Longest texts a form may carry; longer ones are a form error, never a server error.
MAX_SECTION_CHARS = 20_000
MAX_NOTE_CHARS = 5_000
MAX_REASON_CHARS = 2_000

# Approval needs a reason for every problem the checkers report except a hard sentence (a
# readability matter, shown with the grade meter).
NOT_GATED = frozenset({"hard_sentence"})

RADIOLOGIST_ROW, GP_ROW = "radiologist", "gp"

# said with a refusal: what can be done from this state instead
NEXT_STEP = {
    "released": " To change the handout, issue an amended one.",
    "withdrawn": " To release the handout again, reissue it.",
}


class TransitionError(Exception):
    """A refused transition: nothing was changed. `status` is the HTTP status a view answers."""

    status = 409
    default = "This cannot be done now."

    def __init__(self, message: str = "", problems=()):
        super().__init__(message or self.default)
        self.message = message or self.default
        self.problems = list(problems)


class NotAllowed(TransitionError):
    """The transition table forbids this action in this state or for this user."""


class Conflict(TransitionError):
    """Someone else changed the report since this form was opened."""

    default = (
        "Someone else saved this report while you were editing it. Your text is still below; "
        "reload the page to see their version before saving again."
    )


class NeedsInput(TransitionError):
    """The action is allowed but something it needs is missing: a form error."""

    status = 200


@dataclass(frozen=True)
class Rule:
    """One row of the transition table."""

    sources: tuple[str, ...]
    target: str
    by: str  # RADIOLOGIST_ROW: the report's own radiologist; GP_ROW: its addressed GP
    kind: str  # the ReportVersion kind it writes
    audit: str  # the audit action it writes
    done: str  # "submitted", for messages
    needs_lock: bool = False  # the form must carry the current lock version
    needs_reason: str = ""  # the message when the reason (or comment) is missing
    edits: bool = False  # writes the GP's edit
    gated: bool = False  # serious problems in the text need a reason
    releases: bool = False  # makes and stores the handout


@dataclass(frozen=True)
class Edit:
    """The patient text as a GP leaves it: sections, conclusion, personal note."""

    sections: list = field(default_factory=list)
    conclusion: str = ""
    note: str = ""

    def check_lengths(self) -> None:
        longest = max((len("\n".join(s["paragraphs"])) for s in self.sections), default=0)
        if max(longest, len(self.conclusion)) > MAX_SECTION_CHARS:
            raise NeedsInput(f"Keep each part of the text under {MAX_SECTION_CHARS:,} characters.")
        if len(self.note) > MAX_NOTE_CHARS:
            raise NeedsInput(f"Keep the note under {MAX_NOTE_CHARS:,} characters.")


@dataclass(frozen=True)
class Transition:
    """What `Report.apply` did: the version and audit entry it wrote (`entry` is None and
    `repeated` True when the request repeated one already applied)."""

    action: str
    source: str
    target: str
    version: ReportVersion
    entry: AuditEntry | None
    repeated: bool = False


ENGINE_FIELDS = (
    "engine_result",
    "urgency",
    "engine_version",
    "engine_data_sha256",
    "patient_sections",
    "patient_conclusion",
)

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
    "causes": (),
    "text": "",
    "section": "findings",
}
_FINDING_FIELDS = {f.name for f in dataclasses.fields(Finding)}


def _finding(stored: dict) -> Finding:
    """A stored finding as the engine's own `Finding`: the checkers merge and replace findings
    (a bare namespace crashed the GP's review of a report whose finding spans several discs)."""
    finding = {k: v for k, v in {**FINDING_DEFAULTS, **stored}.items() if k in _FINDING_FIELDS}
    finding["levels"] = tuple(finding["levels"] or ())
    finding["causes"] = tuple(finding["causes"] or ())
    finding["size"] = tuple(
        Size(z.get("value"), z.get("unit"), z.get("text")) for z in finding["size"] or ()
    )
    return Finding(**finding)


def reading_from_result(result: dict) -> SimpleNamespace:
    """The parts of the engine's reading that the checkers need, from the stored JSON."""
    return SimpleNamespace(
        text=result.get("text", ""),
        findings=[_finding(f) for f in result.get("findings", [])],
        unexplained=[SimpleNamespace(**u) for u in result.get("unexplained", [])],
        document=result.get("document", "final"),
        normal_study=result.get("normal_study", False),
    )


def add_working_day(moment):
    """The same local time on the next working day (Monday to Friday) in TIME_ZONE."""
    step = timezone.localtime(moment) + datetime.timedelta(days=1)
    while step.weekday() >= 5:
        step += datetime.timedelta(days=1)
    return step


def validate_medicare(value: str) -> None:
    """A Medicare card number: 10 digits (the ninth a check digit over the first eight, weights
    1 3 7 9 1 3 7 9), optionally followed by the patient's reference number (IRN, 1-9)."""
    digits = value.replace(" ", "")
    if not re.fullmatch(r"[2-6]\d{9}[1-9]?", digits):
        raise ValidationError("A Medicare number is 10 digits (11 with the reference number).")
    check = sum(int(d) * w for d, w in zip(digits[:8], (1, 3, 7, 9, 1, 3, 7, 9), strict=True))
    if check % 10 != int(digits[8]):
        raise ValidationError("This Medicare number's check digit is wrong; check for a typo.")


def validate_ihi(value: str) -> None:
    """An Individual Healthcare Identifier: 16 digits from 800360, the last a Luhn check digit."""
    digits = value.replace(" ", "")
    if not re.fullmatch(r"800360\d{10}", digits):
        raise ValidationError("An IHI is 16 digits starting 800360.")
    total = 0
    for position, digit in enumerate(reversed(digits)):
        number = int(digit) * (2 if position % 2 else 1)
        total += number - 9 if number > 9 else number
    if total % 10:
        raise ValidationError("This IHI's check digit is wrong; check for a typo.")


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user) -> ReportQuerySet:
        """The one access rule every view uses.

        A radiologist sees the reports they created; a GP sees the reports addressed to them once
        submitted (never drafts); nobody else sees any report, admins included.
        """
        names = roles.role_names(user)
        rule = Q(pk__in=[])
        if roles.RADIOLOGIST in names:
            rule |= Q(radiologist=user)
        if roles.GP in names:
            rule |= Q(gp=user) & ~Q(status=Report.Status.DRAFT)
        return self.filter(rule)

    def overdue_urgent(self, now=None) -> list[Report]:
        """Reports with an urgent finding awaiting review for more than one working day."""
        now = now or timezone.now()
        names = ("first_name", "last_name", "username")
        waiting = (
            self.filter(
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
                *(f"{p}__{f}" for p in ("gp", "radiologist") for f in names),
            )
            .order_by("submitted_at")
        )
        return [r for r in waiting if add_working_day(r.submitted_at) < now]


def get_report_for(user, pk) -> Report:
    """The report if this user may see it, otherwise 404 so that its existence does not leak."""
    return get_object_or_404(Report.objects.visible_to(user), pk=pk)


@functools.lru_cache(maxsize=128)
def engine_json(text: str, age: int | None, modality: str | None) -> str:
    """The engine's reading and patient texts for these inputs, as JSON, remembered per process.

    The live preview, the saved draft and the submission read the same text one after another;
    the engine's rules are loaded once per process, so the same inputs give the same result.
    Kept as a JSON string so that every caller gets its own copy to change."""
    reading = engine.read(text, age=age, modality=modality)
    return json.dumps({**engine.to_contract(reading), **engine.patient_texts(reading)})


def urgency_of(result: dict) -> int:
    """The report's urgency from the engine's stored JSON: an emergency finding, any other urgent
    finding, or neither (docs/domain.md section 4.1, docs/contract.md `urgent`). Kept in its own
    indexed column so that the queues sort and filter on it without reading the JSON."""
    if any(f.get("emergency") for f in result.get("findings", [])):
        return Report.Urgency.EMERGENCY
    if result.get("urgent"):
        return Report.Urgency.URGENT
    return Report.Urgency.ROUTINE


# What the dashboards read of a report: no original text, engine JSON, patient text or handout.
LIST_FIELDS = (
    "id",
    "status",
    "urgency",
    "patient_identifier",
    "patient_name",
    "date_of_birth",
    "patient_age",
    "exam_type",
    "exam_date",
    "submitted_at",
    "created",
    "updated",
    "radiologist",
    "gp",
)


class Report(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        AWAITING_REVIEW = "awaiting_review", "Awaiting GP review"
        RETURNED = "returned", "Returned to radiologist"
        RELEASED = "released", "Released to patient"
        WITHDRAWN = "withdrawn", "Withdrawn"

    radiologist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reports_created"
    )
    gp = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="reports_addressed",
        null=True,
        blank=True,
        verbose_name="referring GP",
    )

    class Urgency(models.IntegerChoices):
        ROUTINE = 0, "Routine"
        URGENT = 1, "Urgent"
        EMERGENCY = 2, "Emergency"

    class Mode(models.TextChoices):
        SUMMARY = "summary", "Separate lay summary"
        CONCLUSION = "conclusion", "Plain-language conclusion after the report"

    class Modality(models.TextChoices):
        MRI = "mri", "MRI"
        CT = "ct", "CT"
        XRAY = "xray", "X-ray"

    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    original_text = models.TextField(blank=True)
    source_name = models.CharField(max_length=255, blank=True)
    source_type = models.CharField(max_length=20, blank=True)  # text, pdf, docx, hl7, fhir, paste

    class Sex(models.TextChoices):  # HL7 table 0001, as Australian practice systems send it
        FEMALE = "F", "Female"
        MALE = "M", "Male"
        OTHER = "O", "Other"
        UNKNOWN = "U", "Unknown"

    patient_identifier = models.CharField("MRN", max_length=64, blank=True)
    # given names then family name, for pages and the handout; from the two fields below
    patient_name = models.CharField(max_length=200, blank=True)
    patient_family_name = models.CharField("family name", max_length=100, blank=True)
    patient_given_names = models.CharField("given names", max_length=100, blank=True)
    patient_sex = models.CharField("sex", max_length=1, choices=Sex.choices, blank=True)
    patient_medicare = models.CharField(
        "Medicare number", max_length=14, blank=True, validators=[validate_medicare]
    )
    patient_ihi = models.CharField("IHI", max_length=19, blank=True, validators=[validate_ihi])
    date_of_birth = models.DateField(null=True, blank=True)
    patient_age = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Only when the date of birth is not known."
    )
    exam_type = models.CharField(max_length=120, blank=True)
    exam_date = models.DateField(null=True, blank=True)
    modality = models.CharField(max_length=10, choices=Modality.choices, blank=True)
    mode = models.CharField(max_length=20, choices=Mode.choices, default=Mode.SUMMARY)
    large_print = models.BooleanField(
        "large print handout",
        default=False,
        help_text="The patient asked for large print: the handout's text in 16 pt, not 14 pt.",
    )
    # The engine's output (docs/contract.md) and the rules that wrote it, so that any patient text
    # can be traced; the patient text itself as structured sections, never as HTML.
    engine_result = models.JSONField(default=dict, blank=True)
    urgency = models.PositiveSmallIntegerField(
        choices=Urgency.choices, default=Urgency.ROUTINE, db_index=True, editable=False
    )
    engine_version = models.CharField(max_length=20, blank=True)
    engine_data_sha256 = models.CharField(max_length=64, blank=True)
    patient_sections = models.JSONField(default=list, blank=True)
    patient_conclusion = models.TextField(blank=True)
    called_gp_who = models.CharField("GP spoken to", max_length=200, blank=True)
    called_gp_at = models.DateTimeField("time of the call", null=True, blank=True)
    gp_note = models.TextField(blank=True)
    return_comment = models.TextField(blank=True)
    override_reason = models.TextField(blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    handout_pdf = models.BinaryField(null=True, blank=True, editable=False)
    handout_sha256 = models.CharField(max_length=64, blank=True)
    lock_version = models.PositiveIntegerField(default=0)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ReportQuerySet.as_manager()

    TRANSITIONS = {
        "submit": Rule(
            (Status.DRAFT, Status.RETURNED),
            Status.AWAITING_REVIEW,
            RADIOLOGIST_ROW,
            kind="submission",
            audit="report.submitted",
            done="sent to the GP",
        ),
        "save": Rule(
            (Status.AWAITING_REVIEW,),
            Status.AWAITING_REVIEW,
            GP_ROW,
            kind="gp_edit",
            audit="report.edited",
            done="edited",
            needs_lock=True,
            edits=True,
        ),
        "return": Rule(
            (Status.AWAITING_REVIEW,),
            Status.RETURNED,
            GP_ROW,
            kind="return",
            audit="report.returned",
            done="returned",
            needs_reason="Say what the radiologist should change.",
        ),
        "approve": Rule(
            (Status.AWAITING_REVIEW,),
            Status.RELEASED,
            GP_ROW,
            kind="release",
            audit="report.released",
            done="approved",
            needs_lock=True,
            edits=True,
            gated=True,
            releases=True,
        ),
        "amend": Rule(
            (Status.RELEASED,),
            Status.RELEASED,
            GP_ROW,
            kind="amend",
            audit="report.amended",
            done="amended",
            needs_lock=True,
            needs_reason="Give a reason for the amended handout.",
            edits=True,
            gated=True,
            releases=True,
        ),
        "withdraw": Rule(
            (Status.RELEASED,),
            Status.WITHDRAWN,
            GP_ROW,
            kind="withdraw",
            audit="report.withdrawn",
            done="withdrawn",
            needs_reason="Give a reason for withdrawing the handout.",
        ),
        "reissue": Rule(
            (Status.WITHDRAWN,),
            Status.RELEASED,
            GP_ROW,
            kind="reissue",
            audit="report.reissued",
            done="reissued",
            needs_reason="Give a reason for reissuing the handout.",
            gated=True,
            releases=True,
        ),
    }

    class Meta:
        ordering = ["-created"]
        indexes = [
            # the GP's queue: their reports in a state, urgent first, then newest
            models.Index(fields=["gp", "status", "-urgency", "-updated"], name="gp_queue"),
            models.Index(fields=["radiologist", "-updated"], name="radiologist_queue"),
        ]
        permissions = [
            ("submit_report", "Can submit a report to a GP"),
            ("review_report", "Can review, edit, approve and release a report"),
        ]

    def __str__(self) -> str:
        return f"Report {self.pk}"

    @property
    def is_editable_by_radiologist(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    def name_from_parts(self) -> None:
        """The displayed name: the given names, then the family name."""
        parts = (self.patient_given_names.strip(), self.patient_family_name.strip())
        self.patient_name = " ".join(filter(None, parts))

    def age_at_exam(self) -> int | None:
        """Age in whole years at the exam date (or today), else the age given, else None."""
        if self.date_of_birth:
            on = self.exam_date or timezone.localdate()
            years = on.year - self.date_of_birth.year
            if (on.month, on.day) < (self.date_of_birth.month, self.date_of_birth.day):
                years -= 1
            return max(years, 0)
        return self.patient_age

    def run_engine(self) -> dict:
        """Read the original text and keep the result with the engine's version and data hash."""
        result = json.loads(
            engine_json(self.original_text, self.age_at_exam(), self.modality or None)
        )
        self.engine_result = result
        self.urgency = urgency_of(result)
        self.engine_version = result["engine"]["version"]
        self.engine_data_sha256 = result["engine"]["data_sha256"]
        self.patient_sections = result["summary"]["sections"]
        self.patient_conclusion = result["conclusion"]
        return result

    def waiting_since(self):
        """Since when the report has waited for someone: the GP from its submission, the
        radiologist from its return; None in other states."""
        if self.status == self.Status.AWAITING_REVIEW:
            return self.submitted_at
        if self.status == self.Status.RETURNED:
            return self.updated
        return None

    @property
    def urgent(self) -> list[str]:
        return list(self.engine_result.get("urgent", []))

    @property
    def has_emergency(self) -> bool:
        return any(f.get("emergency") for f in self.engine_result.get("findings", []))

    def choose_print(self, *, large: bool, by) -> None:
        """Record the patient's choice of print size, as the radiologist (while the report is
        theirs to edit) or the addressed GP (while it awaits review or is released: the next
        handout they release follows it)."""
        radiologist = by.pk == self.radiologist_id and self.is_editable_by_radiologist
        gp = by.pk == self.gp_id and self.status in (
            self.Status.AWAITING_REVIEW,
            self.Status.RELEASED,
        )
        if not (radiologist or gp):
            raise ValueError("The print size of this report cannot be changed now.")
        self.large_print = large
        self.save(update_fields=["large_print", "updated"])

    def may(self, action: str, user) -> bool:
        """Whether this user is the one the transition table names for `action` on this report:
        the report's own radiologist for a submission, its addressed GP for everything else."""
        rule = self.TRANSITIONS.get(action)
        if rule is None or user is None or not user.is_authenticated:
            return False
        if rule.by == RADIOLOGIST_ROW:
            return user.pk == self.radiologist_id and roles.is_radiologist(user)
        return user.pk == self.gp_id and roles.is_gp(user)

    def actions_for(self, user) -> list[str]:
        """The actions this user may take on the report now (which buttons a page shows; the
        guard itself is `apply`)."""
        return [
            action
            for action, rule in self.TRANSITIONS.items()
            if self.status in rule.sources and self.may(action, user)
        ]

    def check_edit(self, edit: Edit) -> dict:
        """Rescore a patient text and run the safety checker and the fact check on it, from the
        stored engine result. Saves nothing.

        Each problem names the section it concerns (`section`, a key) and its `heading` as the GP
        sees it; the GP's note is read as part of the text. `blocking` are the problems approval
        needs a reason for: every safety and fact problem but a hard sentence."""
        reading = reading_from_result(self.engine_result)
        note = edit.note
        if self.mode == self.Mode.SUMMARY:
            text = summary_body(edit.sections)
            problems = safety.check(reading, text + ("\n" + note if note else ""))
            noted = {"key": None, "heading": "", "paragraphs": [note] if note else []}
            parts = [*edit.sections, noted]
            problems = facts.place(problems, parts)
            problems += facts.check(reading, parts)
        else:
            text = edit.conclusion
            text_and_note = text + ("\n" + note if note else "")
            problems = safety.check(reading, text_and_note)
            problems += facts.check(reading, text_and_note, conclusion=True)
        headings = {
            facts.parts_of([s])[0][0]: s["heading"] for s in edit.sections if s.get("heading")
        }
        shown = [{**p.as_dict(), "heading": headings.get(p.section)} for p in problems]
        blocking = [p for p in shown if p["kind"] not in NOT_GATED]
        return {"problems": shown, "blocking": blocking, "readability": readability.score(text)}

    def current_edit(self) -> Edit:
        return Edit(self.patient_sections, self.patient_conclusion, self.gp_note)

    def apply(self, action: str, by, *, lock_version=None, reason: str = "", edit=None):
        """Apply one row of `TRANSITIONS`: the only way a report changes state.

        Refusals raise: `NotAllowed` when the table forbids the action in this state or for this
        user, `Conflict` when `lock_version` is not the report's current one (someone saved
        since the form was opened), `NeedsInput` when something the row needs is missing (a
        reason, a comment, a GP, the direct call for an emergency) or the checkers find serious
        problems and no reason is given. Nothing changes on a refusal.

        The change itself is one conditional UPDATE (on the status and lock version read here)
        inside a transaction that also writes the version (with any reason or comment) and an
        audit entry (problem kinds and section keys, never free text). A request that arrives
        after its own transition (a double click: same user, action, lock version and text)
        returns the first one's result, with `repeated` set, and writes nothing.

        The views that call this run outside the request's transaction (`non_atomic_requests`):
        the engine and the handout are made before the transaction, which then starts with its
        write, so on the embedded SQLite database it waits its turn behind the task worker
        instead of failing with "database is locked" (tests/reports/test_sqlite_writer.py).

        Work that must wait until the change is committed (email, messages to other systems)
        belongs in `after_commit`, which every transition schedules with
        `transaction.on_commit`; the returned `Transition` says what happened."""
        rule = self.TRANSITIONS.get(action)
        if rule is None:
            raise NotAllowed("There is no such action.")
        if not self.may(action, by):
            raise NotAllowed("Only the report's own radiologist or its addressed GP can do this.")
        reason = (reason or "").strip()
        if edit is None and rule.edits:
            edit = self.current_edit()
        current = lock_version is None or lock_version == self.lock_version
        if self.status not in rule.sources or not current:
            return self._repeat_or_refuse(action, by, lock_version, reason, edit)
        if rule.needs_lock and lock_version is None:
            raise Conflict
        values, detail = self._fields_for(action, by, reason, edit)
        source, lock = self.status, self.lock_version
        with transaction.atomic():
            updated = Report.objects.filter(pk=self.pk, status=source, lock_version=lock).update(
                **values,
                status=rule.target,
                lock_version=F("lock_version") + 1,
                updated=timezone.now(),
            )
            if not updated:  # another request changed it since we read it
                self.refresh_from_db()
                return self._repeat_or_refuse(action, by, lock_version, reason, edit)
            self.refresh_from_db()
            version = ReportVersion.record(self, by, rule.kind, reason=reason)
            entry = AuditEntry.record(
                by,
                rule.audit,
                self.pk,
                **{"from": source, "to": rule.target, "version": version.number, **detail},
            )
            done = Transition(action, source, rule.target, version, entry)
            self._notify(done)
            self._send_result(done)
            transaction.on_commit(partial(self.after_commit, done))
        return done

    def after_commit(self, done: Transition) -> None:
        """Runs once a transition is committed (never for a refusal or a repeat, never inside
        the request's transaction): the place for notifications and messages to other systems,
        which may fail or hang and must never undo or block the change itself."""

    def _notify(self, done: Transition) -> None:
        """File the emails a transition sends, in its transaction; the task queue sends them
        once it commits (`reports/tasks.py`): an urgent submission and a resubmission to the
        GP, a return to the radiologist."""
        from .tasks import notify

        kind = None
        if done.action == "submit" and self.urgency:
            kind = Notification.Kind.URGENT
        elif done.action == "submit" and done.source == self.Status.RETURNED:
            kind = Notification.Kind.RESUBMITTED
        elif done.action == "return":
            kind = Notification.Kind.RETURNED
        if kind:
            notify(self, kind)

    def _send_result(self, done: Transition) -> None:
        """File the HL7 message a release, amendment, reissue or withdrawal sends to the GP's
        system (F, C or X), in its transaction, when one is configured (HL7_OUTBOUND_HOST); the
        task queue sends it once it commits (`reports/tasks.py`)."""
        if done.action in ("approve", "amend", "withdraw", "reissue") and (
            settings.HL7_OUTBOUND_HOST
        ):
            from .tasks import send_result_later

            send_result_later(self)

    def submit(self, by, lock_version=None) -> Transition:
        return self.apply("submit", by, lock_version=lock_version)

    def _repeat_or_refuse(self, action, by, lock_version, reason, edit) -> Transition:
        rule = self.TRANSITIONS[action]
        if lock_version is not None:
            version = self.versions.filter(lock_version=lock_version + 1).first()
        elif self.status == rule.target:
            version = self.versions.order_by("-number").first()
        else:
            version = None
        same = (
            version is not None
            and version.kind == rule.kind
            and version.author_id == by.pk
            and version.reason == reason
            and (
                not rule.edits
                or (version.patient_sections, version.patient_conclusion, version.gp_note)
                == (edit.sections, edit.conclusion, edit.note)
            )
        )
        if same:
            return Transition(action, "", rule.target, version, None, repeated=True)
        if self.status not in rule.sources:
            raise NotAllowed(
                f"This report is {self.get_status_display().lower()}: it cannot be {rule.done} "
                f"now. Nothing was changed.{NEXT_STEP.get(self.status, '')}"
            )
        raise Conflict

    def _fields_for(self, action: str, by, reason: str, edit: Edit | None) -> tuple[dict, dict]:
        """Check what the row needs and return the fields to write and the audit detail."""
        rule = self.TRANSITIONS[action]
        if len(reason) > MAX_REASON_CHARS:
            raise NeedsInput(f"Keep the reason under {MAX_REASON_CHARS:,} characters.")
        if rule.needs_reason and not reason:
            raise NeedsInput(rule.needs_reason)
        values, detail = {}, {}
        if edit is not None:
            edit.check_lengths()
        if action == "submit":
            if self.gp_id is None:
                raise NeedsInput("Choose the referring GP before submitting.")
            self.run_engine()
            if self.has_emergency and not (self.called_gp_who and self.called_gp_at):
                raise NeedsInput(
                    "This report has an emergency finding: record your direct call to the GP "
                    "(who you spoke to and when) before sending it."
                )
            fields = ENGINE_FIELDS + ("called_gp_who", "called_gp_at")
            values = {f: getattr(self, f) for f in fields}
            values["submitted_at"] = timezone.now()
            detail["gp"] = self.gp_id
        if rule.edits:
            values.update(
                patient_sections=edit.sections,
                patient_conclusion=edit.conclusion,
                gp_note=edit.note,
            )
        if rule.gated:
            problems = self.check_edit(edit or self.current_edit())["blocking"]
            if problems and not reason:
                raise NeedsInput(
                    "Not approved: "
                    + "; ".join(p["detail"] for p in problems)
                    + " Correct the text, or give a reason to approve anyway.",
                    problems,
                )
            detail.update(
                override=bool(problems),
                problems=[p["kind"] for p in problems],
                sections=sorted({p["section"] for p in problems if p["section"]}),
            )
        if action == "return":
            values["return_comment"] = reason
        if rule.releases:
            values.update(self._release(action, edit or self.current_edit(), reason))
            detail["sha256"] = values["handout_sha256"]
        return values, detail

    def _release(self, action: str, edit: Edit, reason: str) -> dict:
        """The released handout, made once and stored with its hash; an amended or reissued one
        says so, with the date, on its first page."""
        import hashlib

        from lbpreports.handouts.pdf import render_handout

        self.patient_sections = edit.sections
        self.patient_conclusion = edit.conclusion
        self.gp_note = edit.note
        stored = {
            **self.engine_result,
            "summary": {"sections": edit.sections, "text": ""},
            "conclusion": edit.conclusion,
        }
        notice = {"amend": "Amended", "reissue": "Reissued"}.get(action)
        pdf = render_handout(self, stored, draft=False, notice=notice)
        return {
            "handout_pdf": pdf,
            "handout_sha256": hashlib.sha256(pdf).hexdigest(),
            "released_at": timezone.now(),
            "override_reason": reason,
        }


class ReportVersion(models.Model):
    """One a transition: the report's text as it left it, who made it, and the reason or comment
    given (free text lives here and on the report, never in the audit trail, so that it is purged
    with the report)."""

    class Kind(models.TextChoices):
        SUBMISSION = "submission", "Submitted by the radiologist"
        GP_EDIT = "gp_edit", "Edited by the GP"
        RETURN = "return", "Returned to the radiologist"
        RELEASE = "release", "Released to the patient"
        AMEND = "amend", "Amended handout released"
        WITHDRAW = "withdraw", "Handout withdrawn"
        REISSUE = "reissue", "Handout reissued"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    original_text = models.TextField()
    patient_sections = models.JSONField(default=list)
    patient_conclusion = models.TextField(blank=True)
    gp_note = models.TextField(blank=True)
    reason = models.TextField(blank=True)
    # the report's lock version this transition left it at (none on versions from before)
    lock_version = models.PositiveIntegerField(null=True, blank=True)
    mode = models.CharField(max_length=20)
    engine_version = models.CharField(max_length=20, blank=True)
    engine_data_sha256 = models.CharField(max_length=64, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="unique_version_number"),
            # one transition a lock version: a second one from the same state cannot be written
            models.UniqueConstraint(fields=["report", "lock_version"], name="unique_version_lock"),
        ]

    def __str__(self) -> str:
        return f"Report {self.report_id} version {self.number}"

    @classmethod
    def record(cls, report: Report, author, kind: str, reason: str = "") -> ReportVersion:
        last = cls.objects.filter(report=report).aggregate(models.Max("number"))["number__max"]
        return cls.objects.create(
            report=report,
            number=(last or 0) + 1,
            kind=kind,
            author=author,
            original_text=report.original_text,
            patient_sections=report.patient_sections,
            patient_conclusion=report.patient_conclusion,
            gp_note=report.gp_note,
            reason=reason,
            lock_version=report.lock_version,
            mode=report.mode,
            engine_version=report.engine_version,
            engine_data_sha256=report.engine_data_sha256,
        )


class Delivery(models.Model):
    """Something the task queue sends to another system after a transition commits, tried
    again with backoff (`reports/tasks.py`, `one_try`) and marked failed after the last try."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Could not be sent"

    state = models.CharField(
        max_length=10, choices=State.choices, default=State.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=100, blank=True)  # why, never the content
    created = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created", "-id"]


class Notification(Delivery):
    """An email about a report to its GP or radiologist, sent by the task queue after the
    transaction that caused it commits (lbpreports/reports/tasks.py), retried with backoff, and
    marked failed after the last try so that people can phone instead. It holds no report text
    and no patient name."""

    class Kind(models.TextChoices):
        URGENT = "urgent", "Urgent finding, to the GP"
        RETURNED = "returned", "Returned, to the radiologist"
        RESUBMITTED = "resubmitted", "Resubmitted, to the GP"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    link = models.CharField(max_length=500)

    def __str__(self) -> str:
        return f"Notification {self.pk} ({self.kind}) for report {self.report_id}"


class OutboundMessage(Delivery):
    """An HL7 ORU^R01 about a handout (F on release, C on amendment or reissue, X on
    withdrawal) for the GP's system, sent over MLLP by the task queue after the transition
    commits, retried with backoff and marked failed after the last try. It holds the message as
    made at the transition (patient details included) and goes with its report."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="outbound")
    control_id = models.CharField(max_length=20)  # MSH-10
    result_status = models.CharField(max_length=1)  # F, C or X
    message = models.TextField()

    def __str__(self) -> str:
        return f"HL7 message {self.control_id} ({self.result_status}) for report {self.report_id}"
