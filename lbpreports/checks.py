"""Startup checks, each with an id that a test asks for by name."""

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured


@register()
def secret_key_set(app_configs, **kwargs):
    try:
        key = settings.SECRET_KEY
    except ImproperlyConfigured:  # Django refuses an empty key when it is read
        key = ""
    if not key:
        return [Error(settings.MISSING_SECRET_KEY, id="lbpreports.E001")]
    return []


@register()
def engine_knowledge_valid(app_configs, **kwargs):
    """The engine's YAML data loads, compiles and passes validation."""
    from lbpreports.engine import KnowledgeError, validate

    try:
        problems = validate()
    except KnowledgeError as error:
        return [Error(str(error), id="lbpreports.E002")]
    return [Error(problem, id="lbpreports.E002") for problem in problems]
