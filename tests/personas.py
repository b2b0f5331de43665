"""The personas every web test shares, created once per test class."""

from django.contrib.auth import get_user_model
from django.test import TestCase

from lbpreports import roles
from lbpreports.reports.models import Report

PASSWORD = "persona-password-123"


def make_user(username: str, role: str | None = None, *, staff: bool = False):
    user = get_user_model().objects.create_user(
        username=username,
        password=PASSWORD,
        first_name=username.replace("_", " ").title(),
        last_name="Test",
        email=f"{username}@example.org",
    )
    if role or staff:
        roles.set_role(user, roles.ADMIN if staff else role)
    return user


class PersonaTestCase(TestCase):
    """Anonymous (no login), the owner radiologist, another radiologist, the addressed GP, another
    GP, an outsider with no role, and an admin (staff in the admin group, as production's: no
    superuser, no report permission)."""

    @classmethod
    def setUpTestData(cls):
        cls.owner = make_user("owner_radiologist", roles.RADIOLOGIST)
        cls.other_radiologist = make_user("other_radiologist", roles.RADIOLOGIST)
        cls.gp = make_user("addressed_gp", roles.GP)
        cls.other_gp = make_user("other_gp", roles.GP)
        cls.outsider = make_user("outsider")
        cls.admin = make_user("site_admin", staff=True)

    @classmethod
    def personas(cls):
        return {
            "anonymous": None,
            "owner": cls.owner,
            "other_radiologist": cls.other_radiologist,
            "gp": cls.gp,
            "other_gp": cls.other_gp,
            "outsider": cls.outsider,
            "admin": cls.admin,
        }

    @classmethod
    def make_report(cls, status=Report.Status.DRAFT, **fields):
        fields.setdefault("radiologist", cls.owner)
        fields.setdefault("gp", cls.gp)
        fields.setdefault("patient_identifier", f"SYN-{status}")
        return Report.objects.create(status=status, **fields)

    def login(self, persona):
        self.client.logout()
        if persona is not None:
            self.client.force_login(persona)
