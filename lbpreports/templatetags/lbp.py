import itertools
import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def words(value: str) -> str:
    """An id for people: "urgent_missing" -> "urgent missing"."""
    return str(value).replace("_", " ")


_ids = itertools.count(1)


@register.filter
def defined(text: str, glossary: list[dict] | None) -> str:
    """The text, escaped, with each technical word the report's glossary defines shown with its
    plain definition on hover, keyboard focus and tap (the same markup as the original report's
    on the GP's page). A "Words in your report" line ("term: definition") is left as it is."""
    text = str(text)
    terms = {g["term"].lower(): g["definition"] for g in glossary or []}
    if not terms or any(text.lower().startswith(term + ":") for term in terms):
        return conditional_escape(text)
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + r")\b",
        re.IGNORECASE,
    )
    out, at = [], 0
    for match in pattern.finditer(text):
        n = next(_ids)
        out.append(conditional_escape(text[at : match.start()]))
        out.append(
            format_html(
                '<span class="term" tabindex="0" aria-describedby="pdef-{}">{}'
                '<span class="definition" role="tooltip" id="pdef-{}">{}</span></span>',
                n,
                match.group(0),
                n,
                terms[match.group(0).lower()],
            )
        )
        at = match.end()
    out.append(conditional_escape(text[at:]))
    return mark_safe("".join(out))  # noqa: S308 (every piece escaped above)
