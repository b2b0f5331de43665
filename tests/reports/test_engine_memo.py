"""The preview, the saved draft and the submission of the same text read it once per process."""

from unittest import mock

from django.test import SimpleTestCase

from lbpreports import engine
from lbpreports.reports.models import Report, engine_json


class EngineMemoTests(SimpleTestCase):
    def setUp(self):
        engine_json.cache_clear()
        self.addCleanup(engine_json.cache_clear)

    def test_the_same_inputs_are_read_once_and_each_caller_gets_its_own_copy(self):
        text = "Findings: Acute L1 compression fracture. L4-5 disc bulge."
        with mock.patch.object(engine, "read", wraps=engine.read) as read:
            first = Report(original_text=text, patient_age=60)
            a = first.run_engine()
            b = Report(original_text=text, patient_age=60).run_engine()
            self.assertEqual(read.call_count, 1)
            self.assertEqual(a, b)
            a["urgent"].append("changed")  # a caller changing its result changes no other
            again = Report(original_text=text, patient_age=60).run_engine()
            self.assertNotIn("changed", again["urgent"])
            self.assertEqual(first.urgency, Report.Urgency.URGENT)
            # another age, modality or text is read afresh
            Report(original_text=text, patient_age=61).run_engine()
            Report(original_text=text, patient_age=60, modality="ct").run_engine()
            Report(original_text=text + " ", patient_age=60).run_engine()
            self.assertEqual(read.call_count, 4)
