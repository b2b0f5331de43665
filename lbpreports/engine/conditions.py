"""Conditions the report names as what its findings fit ("Bilateral sacroiliitis with early
lumbar syndesmophytes, consistent with ankylosing spondylitis") that no finding id names: said
once in plain words beside the findings, in both texts, as lay.yaml `conditions` reads them, so
that the report's own conclusion is never silently left out (docs/domain.md section 4.7)."""

from __future__ import annotations

import re

from . import knowledge


def _rules() -> dict:
    return knowledge.load().lay.get("conditions") or {}


def named(text: str) -> list[str]:
    """The sentences for the conditions the report says its findings fit, in the report's
    order, each once; none where the report rules the condition out ("not consistent with")."""
    rules = _rules()
    if not rules:
        return []
    lead = rules["lead"]
    negated = re.compile(rf"\b(?:{rules['negated_before']})\W*$", re.IGNORECASE)
    found: list[tuple[int, str]] = []
    for row in rules["rows"]:
        pattern = re.compile(
            rf"\b(?:{lead})\s+(?:(?:an?|the|early|established|active|probable|possible)\s+)*"
            rf"(?:{row['words']})\b",
            re.IGNORECASE,
        )
        for match in pattern.finditer(text):
            if negated.search(text[max(0, match.start() - 30) : match.start()]):
                continue
            found.append((match.start(), f"{row['says']} {row['name']}"))
            break
    return [sentence for _at, sentence in sorted(found)]
