from django import forms

from lbpreports.reports.models import (
    MAX_NOTE_CHARS,
    MAX_REASON_CHARS,
    MAX_SECTION_CHARS,
    Report,
)

ACTIONS = ("save", "return", "approve", "amend", "reissue")


def too_long(what: str) -> dict:
    return {"max_length": f"Keep {what} under %(limit_value)s characters (it has %(show_value)s)."}


class ReviewForm(forms.Form):
    """The GP's review form: the action, the lock version it was opened at, the edited text
    (one field a section), a reason or comment; every text bounded."""

    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS], required=False)
    lock_version = forms.IntegerField(required=False, min_value=0)
    conclusion = forms.CharField(
        required=False, max_length=MAX_SECTION_CHARS, error_messages=too_long("the conclusion")
    )
    gp_note = forms.CharField(
        required=False, max_length=MAX_NOTE_CHARS, error_messages=too_long("the note")
    )
    reason = forms.CharField(
        required=False, max_length=MAX_REASON_CHARS, error_messages=too_long("the reason")
    )
    comment = forms.CharField(
        required=False, max_length=MAX_REASON_CHARS, error_messages=too_long("the comment")
    )

    def __init__(self, data, report: Report):
        super().__init__(data)
        self.sections = [f"section-{i}" for i in range(len(report.patient_sections))]
        for name in self.sections:
            self.fields[name] = forms.CharField(
                required=False,
                strip=False,
                max_length=MAX_SECTION_CHARS,
                error_messages=too_long("each part of the patient text"),
            )

    def clean(self):
        data = super().clean()
        data["action"] = data.get("action") or "save"
        # a field the browser did not send keeps the stored text (None), unlike an emptied one
        for name in [*self.sections, "conclusion", "gp_note"]:
            if name not in self.data:
                data[name] = None
        return data


class WithdrawForm(forms.Form):
    lock_version = forms.IntegerField(required=False, min_value=0)
    reason = forms.CharField(
        required=False, max_length=MAX_REASON_CHARS, error_messages=too_long("the reason")
    )
