"""The GP's checks read the engine's stored result back: its findings must behave as the
engine's own, so that merging them (a finding over several discs, each graded on its own) works
on the review page as it does when the engine writes (the session-19 walk: a corpus CT's review
page crashed with "replace() should be called on dataclass instances")."""

from lbpreports.engine.findings import Finding
from lbpreports.reports.models import reading_from_result
from tests.personas import PersonaTestCase

# facet arthrosis named over several discs, then graded differently at two of them: the merge
# splits the bare mention by disc (merge._split_ranges)
RANGE = (
    "CT LUMBAR SPINE\nFindings: Facet arthrosis L3/4 to L4/5. L3/4: mild facet arthrosis. "
    "L4/5: moderate facet arthrosis.\n"
)


class StoredReadingTests(PersonaTestCase):
    def test_stored_findings_are_the_engines_findings(self):
        report = self.make_report(original_text=RANGE)
        report.run_engine()
        reading = reading_from_result(report.engine_result)
        assert reading.findings and all(isinstance(f, Finding) for f in reading.findings)
        assert {f.concept for f in reading.findings} == {"facet_arthropathy"}

    def test_the_gp_check_of_the_engines_own_text_runs_and_finds_nothing(self):
        report = self.make_report(original_text=RANGE)
        report.run_engine()
        checked = report.check_edit(report.current_edit())
        assert checked["blocking"] == []
        assert checked["readability"]
