"""Stored patient texts carry the section keys of docs/contract.md; texts stored before keys
existed gain them by heading (migration 0006), and the review and handout code go by key."""

import importlib

from django.apps import apps

from lbpreports.engine.report import summary_body
from lbpreports.reports.models import Report, ReportVersion
from tests.personas import PersonaTestCase

migration = importlib.import_module("lbpreports.reports.migrations.0006_section_keys")

OLD = [
    {"heading": "What the scan looked at", "paragraphs": ["This was an MRI scan."]},
    {"heading": "What needs follow-up", "paragraphs": ["The scan shows a broken bone."]},
    {"heading": "Words in your report", "paragraphs": ["fracture: A broken bone."]},
    {"heading": "A heading of the GP's own", "paragraphs": ["Kept as it is."]},
]


class SectionKeyTests(PersonaTestCase):
    def test_the_engine_stores_keys_with_its_sections(self):
        report = self.make_report(original_text="MRI lumbar spine.\nFindings: L1 fracture.")
        report.run_engine()
        keys = [s["key"] for s in report.patient_sections]
        assert keys[:2] == ["looked_at", "follow_up"]
        assert set(keys) <= {
            "looked_at",
            "follow_up",
            "found",
            "prevalence",
            "next",
            "words",
            "sources",
        }

    def test_the_migration_adds_keys_by_heading_to_reports_and_versions(self):
        report = self.make_report(
            original_text="Findings: L1 fracture.",
            patient_sections=OLD,
            engine_result={"summary": {"sections": OLD, "text": ""}},
        )
        ReportVersion.record(report, self.owner, ReportVersion.Kind.SUBMISSION)
        migration.add_keys(apps, None)
        report.refresh_from_db()
        version = report.versions.get()
        for sections in (
            report.patient_sections,
            version.patient_sections,
            report.engine_result["summary"]["sections"],
        ):
            assert [s.get("key") for s in sections] == [
                "looked_at",
                "follow_up",
                "words",
                None,
            ]
            assert [s["paragraphs"] for s in sections] == [s["paragraphs"] for s in OLD]
        # run twice: nothing changes
        migration.add_keys(apps, None)
        report.refresh_from_db()
        assert report.patient_sections[0] == {"key": "looked_at", **OLD[0]}

    def test_the_body_ends_at_the_words_section_by_key_or_old_heading(self):
        keyed = [
            {"key": "found", "heading": "Reworded heading", "paragraphs": ["Body."]},
            {"key": "words", "heading": "Reworded words", "paragraphs": ["term: meaning"]},
        ]
        assert summary_body(keyed) == "Body."
        assert summary_body(OLD) == "This was an MRI scan.\nThe scan shows a broken bone."
        assert Report.objects.count() == 0
