"""The two working roles, their permissions, and how to ask which role a user has.

Roles are Django groups, created by data migrations (reports: radiologist and gp; accounts:
admin). Admins are staff in the admin group, never superusers: they manage accounts and read the
audit trail, and hold no report permission and neither working role.
"""

from __future__ import annotations

RADIOLOGIST = "radiologist"
GP = "gp"
ADMIN = "admin"

ROLE_PERMISSIONS: dict[str, list[str]] = {
    RADIOLOGIST: ["add_report", "change_report", "view_report", "submit_report"],
    GP: ["view_report", "review_report"],
}

# What an admin may do in the admin site: manage accounts and clinicians' identifiers (provider
# numbers) and read the audit trail; no report.
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


def role_names(user) -> frozenset[str]:
    """The role groups the user belongs to, cached on the user object for the request."""
    if user is None or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_lbp_roles", None)
    if cached is None:
        cached = frozenset(
            user.groups.filter(name__in=ROLE_PERMISSIONS).values_list("name", flat=True)
        )
        user._lbp_roles = cached
    return cached


def is_radiologist(user) -> bool:
    return RADIOLOGIST in role_names(user)


def is_gp(user) -> bool:
    return GP in role_names(user)


def role_of(user) -> str | None:
    """The one dashboard a user sees: radiologist, gp, admin, or None for no role."""
    names = role_names(user)
    if RADIOLOGIST in names:
        return RADIOLOGIST
    if GP in names:
        return GP
    if user is not None and user.is_authenticated and user.is_staff:
        return ADMIN
    return None


def ensure_groups():
    """The role groups with their permissions, created if missing (e.g. after a flush).

    The reports migration creates them on a new database; this keeps seed_demo and tests working
    on a database that was emptied since.
    """
    from django.contrib.auth.models import Group, Permission

    groups = {}
    for name, codenames in ROLE_PERMISSIONS.items():
        group, created = Group.objects.get_or_create(name=name)
        if created:
            group.permissions.set(
                Permission.objects.filter(content_type__app_label="reports", codename__in=codenames)
            )
        groups[name] = group
    group, created = Group.objects.get_or_create(name=ADMIN)
    if created:
        for label in ADMIN_PERMISSIONS:
            app_label, codename = label.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
    groups[ADMIN] = group
    return groups


def set_role(user, role: str | None) -> None:
    """Give a saved user exactly one role (or none): an admin is staff in the admin group and
    never a superuser; a radiologist or GP is not staff."""
    groups = ensure_groups()
    user.is_staff = role == ADMIN
    user.is_superuser = False
    user.save(update_fields=["is_staff", "is_superuser"])
    user.groups.set([groups[role]] if role else [])
    user.__dict__.pop("_lbp_roles", None)
