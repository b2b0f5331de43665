import dataclasses
import datetime

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from lbpreports import engine, readers, roles

from .models import Report

# what a file read may fill in when the form leaves it empty
PREFILLED = (
    "patient_identifier",
    "patient_family_name",
    "patient_given_names",
    "patient_sex",
    "patient_medicare",
    "patient_ihi",
    "exam_type",
)


class GPChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class ReportForm(forms.ModelForm):
    """Paste or upload a report, with the patient and exam details."""

    upload = forms.FileField(
        required=False,
        label="Or upload a file",
        help_text="Text, PDF, Word (.docx), HL7 v2 ORU^R01 or FHIR DiagnosticReport (JSON), "
        f"up to {readers.MAX_FILE_BYTES // (1024 * 1024)} MB.",
    )
    gp = GPChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        label="Referring GP",
        empty_label="Choose the GP",
    )

    class Meta:
        model = Report
        fields = [
            "original_text",
            "patient_family_name",
            "patient_given_names",
            "patient_sex",
            "date_of_birth",
            "patient_identifier",
            "patient_medicare",
            "patient_ihi",
            "patient_age",
            "exam_type",
            "exam_date",
            "modality",
            "gp",
            "mode",
            "large_print",
        ]
        labels = {
            "original_text": "Report text",
            "patient_identifier": "Medical record number (MRN)",
            "patient_family_name": "Family name",
            "patient_given_names": "Given names",
            "patient_sex": "Sex",
            "patient_medicare": "Medicare number (with reference number)",
            "patient_ihi": "Individual Healthcare Identifier (IHI)",
            "patient_age": "Age (if no date of birth)",
            "mode": "Patient text",
        }
        widgets = {
            "original_text": forms.Textarea(attrs={"rows": 16, "spellcheck": "false"}),
            # <input type=date> takes only ISO dates: any other format shows an empty box, and
            # saving the form then erases the date
            "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "exam_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "mode": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gp"].queryset = (
            get_user_model()
            .objects.filter(groups__name=roles.GP, is_active=True)
            .order_by("last_name", "first_name")
        )
        self.fields["original_text"].required = False
        # the browser refuses a larger file before sending it (static/js/app.js)
        limit = min(readers.MAX_FILE_BYTES, settings.MAX_REQUEST_BYTES)
        self.fields["upload"].widget.attrs["data-max-bytes"] = str(limit)
        self.fields["modality"].required = False
        self.read_file = None
        report = self.instance
        if report.patient_name and not (report.patient_family_name or report.patient_given_names):
            # a name kept whole before names were split: shown whole, for the user to split
            self.initial["patient_family_name"] = report.patient_name

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if not upload:
            return None
        if upload.size > readers.MAX_FILE_BYTES:
            raise forms.ValidationError(
                f"The file is too large ({upload.size:,} bytes; the limit is "
                f"{readers.MAX_FILE_BYTES:,})."
            )
        try:
            self.read_file = readers.read_bytes(
                upload.read(readers.MAX_FILE_BYTES + 1),
                upload.name,
                readers.Limits.from_settings(settings),
            )
        except readers.ReaderError as error:
            raise forms.ValidationError(str(error)) from None
        return upload

    def clean(self):
        data = super().clean()
        if self.read_file is not None:
            data["original_text"] = self.read_file.text
            read = self.read_file
            if read.patient_name and not (read.patient_family_name or read.patient_given_names):
                # a name sent whole (a FHIR display) is not split at a guessed word
                read = dataclasses.replace(read, patient_family_name=read.patient_name)
            for field in PREFILLED:
                value = getattr(read, field, "")
                if value and not data.get(field):
                    data[field] = value
            for field in ("date_of_birth", "exam_date"):
                value = getattr(self.read_file, field, None)
                if value and not data.get(field):
                    data[field] = value
        for field in ("patient_medicare", "patient_ihi"):
            data[field] = (data.get(field) or "").replace(" ", "")
        self._check_dates(data)
        # a browser sends a textarea with CRLF line ends: keep the text the engine's offsets
        # index, so that highlights on the original report do not drift a character a line
        text = engine.report.normalise(data.get("original_text") or "")
        data["original_text"] = text
        if self.has_error("upload"):
            return data  # one error for a refused file, not "the report is empty" as well
        try:
            engine.report.check_text(text)
        except engine.EngineInputError as error:
            message = str(error)
            if "empty" in message:
                message = "The report is empty: paste the report text or upload a file."
            self.add_error("original_text" if self.read_file is None else "upload", message)
        return data

    def _check_dates(self, data) -> None:
        """A date of birth or an exam date in the future, or an exam before the birth, is a typo
        that would change the age-specific text: refused, whether typed or read from a file."""
        today = timezone.localdate()
        born, exam = data.get("date_of_birth"), data.get("exam_date")
        where = "upload" if self.read_file is not None else None
        if born and born > today:
            self.add_error(where or "date_of_birth", "The date of birth is in the future.")
        if exam and exam > today:
            self.add_error(where or "exam_date", "The exam date is in the future.")
        if born and exam and exam < born:
            self.add_error(where or "exam_date", "The exam date is before the date of birth.")

    def _post_clean(self):
        super()._post_clean()
        self.instance.name_from_parts()

    def source(self) -> tuple[str, str]:
        if self.read_file is not None:
            return self.cleaned_data["upload"].name[:255], self.read_file.kind
        return "", "paste"


class SubmitForm(forms.Form):
    """Send to the GP, with the direct call to the GP that an emergency needs."""

    # a clock a few minutes fast on the radiologist's computer is not a call in the future
    CLOCK_SKEW = datetime.timedelta(minutes=5)

    lock_version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    called_gp_who = forms.CharField(label="GP you spoke to", required=False, max_length=200)
    called_gp_at = forms.DateTimeField(
        label="When",
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": "Enter the time of the call as a date and time."},
    )

    def clean_called_gp_at(self):
        when = self.cleaned_data.get("called_gp_at")
        if when and when > timezone.now() + self.CLOCK_SKEW:
            raise forms.ValidationError("The time of the call cannot be in the future.")
        return when
