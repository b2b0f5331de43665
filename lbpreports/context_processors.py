from django.conf import settings

from lbpreports import roles


def site(request):
    user = getattr(request, "user", None)
    return {
        # not "site_name": Django's login view sets that to the host name
        "product_name": settings.SITE_NAME,
        "practice_name": settings.PRACTICE_NAME,
        "user_role": roles.role_of(user) if user is not None else None,
    }
