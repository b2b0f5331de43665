from django import template

register = template.Library()


@register.filter
def words(value: str) -> str:
    """An id for people: "urgent_missing" -> "urgent missing"."""
    return str(value).replace("_", " ")
