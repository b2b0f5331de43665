from django.conf import settings
from django.http import HttpResponse


class RequestSizeLimit:
    """Refuse a request body over the limit before Django reads it (bounded memory and disk)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            return HttpResponse(
                f"The request is too large ({length:,} bytes; the limit is "
                f"{settings.MAX_REQUEST_BYTES:,}). Upload a smaller file.",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
