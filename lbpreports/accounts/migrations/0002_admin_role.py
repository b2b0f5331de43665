"""The admin group: staff who manage accounts and read the audit trail, with no report permission."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADMIN_PERMISSIONS = [
    "auth.add_user",
    "auth.change_user",
    "auth.view_user",
    "audit.view_auditentry",
    "practice.add_practitioner",
    "practice.change_practitioner",
    "practice.view_practitioner",
    "practice.delete_practitioner",
]


def create_admin_role(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    User = apps.get_model("auth", "User")
    group, _ = Group.objects.get_or_create(name="admin")
    for label in ADMIN_PERMISSIONS:
        app_label, codename = label.split(".")
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    # Existing admins become staff in the admin group without superuser rights, except those
    # holding a working role (a superuser that is not staff is left for a person to decide).
    for user in User.objects.filter(is_staff=True).exclude(groups__name__in=["radiologist", "gp"]):
        user.is_superuser = False
        user.save(update_fields=["is_superuser"])
        user.groups.add(group)


def remove_admin_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="admin").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("audit", "0003_append_only_on_postgresql"),
        ("practice", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_admin_role, remove_admin_role)]
