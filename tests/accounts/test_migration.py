"""Upgrading turns the old superuser admins into staff admins without report rights."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TransactionTestCase

BEFORE = [("accounts", "0001_initial")]
AFTER = [("accounts", "0002_admin_role")]


class AdminRoleMigrationTests(TransactionTestCase):
    def migrate(self, targets):
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(targets)
        others = [node for node in executor.loader.graph.leaf_nodes() if node[0] != "accounts"]
        return executor.loader.project_state(others + targets).apps

    def tearDown(self):
        self.migrate([("accounts", "0002_admin_role")])

    def test_existing_admins_lose_superuser_rights_and_join_the_admin_group(self):
        apps = self.migrate(BEFORE)
        User = apps.get_model("auth", "User")
        Group = apps.get_model("auth", "Group")
        old_admin = User.objects.create(username="old_admin", is_staff=True, is_superuser=True)
        gp = User.objects.create(username="a_gp")
        gp.groups.add(Group.objects.get(name="gp"))

        apps = self.migrate(AFTER)
        User = apps.get_model("auth", "User")
        old_admin = User.objects.get(username="old_admin")
        self.assertTrue(old_admin.is_staff)
        self.assertFalse(old_admin.is_superuser)
        self.assertEqual([g.name for g in old_admin.groups.all()], ["admin"])
        group = apps.get_model("auth", "Group").objects.get(name="admin")
        labels = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        self.assertNotIn("reports", {label.split(".")[0] for label in labels})
        self.assertIn("auth.change_user", labels)
        self.assertEqual([g.name for g in User.objects.get(username="a_gp").groups.all()], ["gp"])
