"""Conditions the report names as what its findings fit ("Bilateral sacroiliitis with early
lumbar syndesmophytes, consistent with ankylosing spondylitis") that no finding id names: said
once in plain words beside the findings, in both texts, as lay.yaml `conditions` reads them, so
that the report's own conclusion is never silently left out (docs/domain.md section 4.7)."""

from __future__ import annotations

import re
from functools import lru_cache

from . import knowledge


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern | None, tuple[tuple[re.Pattern, str], ...]]:
    """The ruled-out test, and each row's pattern with its sentences, compiled once."""
    rules = knowledge.load().lay.get("conditions") or {}
    if not rules:
        return None, ()
    lead = rules["lead"]
    negated = re.compile(rf"\b(?:{rules['negated_before']})\W*$", re.IGNORECASE)
    rows = tuple(
        (
            re.compile(
                rf"\b(?:{lead})\s+(?:(?:an?|the|early|established|active|probable|possible)\s+)*"
                rf"(?:{row['words']})\b",
                re.IGNORECASE,
            ),
            f"{row['says']} {row['name']}",
        )
        for row in rules["rows"]
    )
    return negated, rows


def named(text: str) -> list[str]:
    """The sentences for the conditions the report says its findings fit, in the report's
    order, each once; none where the report rules the condition out ("not consistent with")."""
    negated, rows = _patterns()
    found: list[tuple[int, str]] = []
    for pattern, sentences in rows:
        for match in pattern.finditer(text):
            if negated.search(text[max(0, match.start() - 30) : match.start()]):
                continue
            found.append((match.start(), sentences))
            break
    return [sentence for _at, sentence in sorted(found)]
