from django.conf import settings
from django.shortcuts import render


class RequestSizeLimit:
    """Refuse a request body over the limit before anything reads it (bounded memory and disk).

    It sits inside the session, authentication, message and CSP middleware, which never read a
    body, and answers before the CSRF check (a process_view hook) and the views, which do: so
    the refusal is a page of the app, with its navigation, for the signed-in user.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            context = {"length": length, "limit": settings.MAX_REQUEST_BYTES}
            return render(request, "413.html", context, status=413)
        return self.get_response(request)
