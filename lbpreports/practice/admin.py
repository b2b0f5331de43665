from django.contrib import admin

from .models import Practitioner


@admin.register(Practitioner)
class PractitionerAdmin(admin.ModelAdmin):
    """Provider numbers and RIS codes of GPs and radiologists, set by an admin."""

    list_display = ("user", "provider_number", "ris_identifier")
    search_fields = ("user__username", "user__last_name", "provider_number", "ris_identifier")
    raw_id_fields = ("user",)
