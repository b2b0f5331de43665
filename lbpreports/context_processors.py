from django.conf import settings

from lbpreports import roles


def site(request):
    user = getattr(request, "user", None)
    return {
        "site_name": settings.SITE_NAME,
        "practice_name": settings.PRACTICE_NAME,
        "user_role": roles.role_of(user) if user is not None else None,
    }
