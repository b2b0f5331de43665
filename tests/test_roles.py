from django.contrib.auth.models import Group

from lbpreports import roles
from tests.personas import PersonaTestCase


class RoleTests(PersonaTestCase):
    def test_it_creates_both_groups_with_their_permissions(self):
        for role, codenames in roles.ROLE_PERMISSIONS.items():
            with self.subTest(role=role):
                group = Group.objects.get(name=role)
                self.assertEqual(
                    set(group.permissions.values_list("codename", flat=True)), set(codenames)
                )

    def test_it_names_each_personas_dashboard_role(self):
        expected = {
            "owner": "radiologist",
            "other_radiologist": "radiologist",
            "gp": "gp",
            "other_gp": "gp",
            "outsider": None,
            "admin": "admin",
        }
        for name, persona in self.personas().items():
            if persona is None:
                continue
            with self.subTest(persona=name):
                self.assertEqual(roles.role_of(persona), expected[name])

    def test_radiologists_may_submit_and_gps_may_review(self):
        self.assertTrue(self.owner.has_perm("reports.submit_report"))
        self.assertFalse(self.owner.has_perm("reports.review_report"))
        self.assertTrue(self.gp.has_perm("reports.review_report"))
        self.assertFalse(self.gp.has_perm("reports.submit_report"))
        self.assertFalse(self.outsider.has_perm("reports.view_report"))
