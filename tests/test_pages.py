"""The product's name in every title, brand and footer (never the host's), the admin dashboard's
title closed where it should be, and a favicon."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone

from lbpreports.reports.models import Report
from tests.personas import PersonaTestCase


def title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


class PageFrameTests(PersonaTestCase):
    def test_the_login_page_names_the_product_not_the_host(self):
        html = self.client.get(reverse("login"), HTTP_HOST="127.0.0.1").content.decode()
        assert title(html) == "Log in · lbpreports"
        assert '<a class="brand" href="/">lbpreports</a>' in html
        assert "lbpreports explains imaging reports" in html
        assert "127.0.0.1" not in html

    def test_every_role_sees_the_name_and_the_icon(self):
        for persona, url in [
            (self.owner, reverse("reports:new")),
            (self.gp, reverse("home")),
            (self.admin, reverse("home")),
            (self.admin, reverse("admin:index")),
            (self.admin, reverse("admin:audit_auditentry_changelist")),
        ]:
            with self.subTest(url=url, user=persona.username):
                self.login(persona)
                html = self.client.get(url).content.decode()
                assert "lbpreports" in title(html)
                assert 'rel="icon" href="/static/favicon.svg"' in html

    def test_the_admin_dashboards_title_holds_only_its_title(self):
        report = self.make_report(original_text="MRI LUMBAR SPINE\nFindings: Acute L1 fracture.")
        report.run_engine()
        report.save()
        report.submit(by=self.owner)
        long_ago = timezone.now() - datetime.timedelta(days=10)
        Report.objects.filter(pk=report.pk).update(submitted_at=long_ago)
        self.login(self.admin)
        html = self.client.get(reverse("home")).content.decode()
        assert title(html) == "Administration · lbpreports"
        assert html.count("<table") == 1 and html.index("<table") > html.index("</title>")

    def test_favicon_ico_leads_to_the_icon(self):
        response = self.client.get("/favicon.ico")
        self.assertRedirects(response, "/static/favicon.svg", fetch_redirect_response=False)
