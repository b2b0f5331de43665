"""The one object-access rule: who sees which report."""

from django.http import Http404

from lbpreports.reports.models import Report, get_report_for
from tests.personas import PersonaTestCase

S = Report.Status

# persona -> the states in which they may see the owner's report addressed to the GP
VISIBLE = {
    "anonymous": set(),
    "owner": set(S.values),
    "other_radiologist": set(),
    "gp": set(S.values) - {S.DRAFT},
    "other_gp": set(),
    "outsider": set(),
    "admin": set(),
}


class AccessRuleTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.reports = {status: cls.make_report(status) for status in S.values}

    def test_it_applies_the_rule_to_every_persona_and_state(self):
        from django.contrib.auth.models import AnonymousUser

        for name, persona in self.personas().items():
            user = persona or AnonymousUser()
            for status, report in self.reports.items():
                with self.subTest(persona=name, status=status):
                    expected = status in VISIBLE[name]
                    seen = Report.objects.visible_to(user).filter(pk=report.pk).exists()
                    self.assertEqual(seen, expected)
                    if expected:
                        self.assertEqual(get_report_for(user, report.pk), report)
                    else:
                        with self.assertRaises(Http404):
                            get_report_for(user, report.pk)

    def test_it_hides_a_report_addressed_to_another_gp(self):
        report = self.make_report(S.AWAITING_REVIEW, gp=self.other_gp)
        self.assertFalse(Report.objects.visible_to(self.gp).filter(pk=report.pk).exists())
        self.assertTrue(Report.objects.visible_to(self.other_gp).filter(pk=report.pk).exists())

    def test_it_gives_a_user_with_both_roles_the_union(self):
        from django.contrib.auth.models import Group

        both = self.other_radiologist
        both.groups.add(Group.objects.get(name="gp"))
        own_draft = self.make_report(S.DRAFT, radiologist=both, gp=self.gp)
        addressed = self.make_report(S.AWAITING_REVIEW, gp=both)
        addressed_draft = self.make_report(S.DRAFT, gp=both)
        both = type(both).objects.get(pk=both.pk)  # drop the cached roles
        visible = set(Report.objects.visible_to(both).values_list("pk", flat=True))
        self.assertIn(own_draft.pk, visible)
        self.assertIn(addressed.pk, visible)
        self.assertNotIn(addressed_draft.pk, visible)
