"""The original report cut into segments with the engine's highlights, for the template to escape.

No HTML is built here: each segment is (text, kind), and the template renders it as text inside a
<mark> with a class. Kinds: danger (unexplained with danger words), unexplained, urgent (red-flag
findings), finding, jargon (words defined in the glossary), hedge, causal_claim, treatment_advice,
recommendation, limitation, normal_for_age.
"""

from __future__ import annotations

PRIORITY = [
    "danger",
    "urgent",
    "unexplained",
    "causal_claim",
    "treatment_advice",
    "recommendation",
    "hedge",
    "limitation",
    "normal_for_age",
    "finding",
    "jargon",
]


def _spans(result: dict) -> list[tuple[int, int, str]]:
    spans = []
    for u in result.get("unexplained", []):
        spans.append((u["start"], u["end"], "danger" if u["danger"] else "unexplained"))
    for f in result.get("findings", []):
        if f["tier"] == "urgent" and f["assertion"] in ("present", "uncertain"):
            spans.append((f["start"], f["end"], "urgent"))
        else:
            spans.append((f["start"], f["end"], "finding"))
    for flag in result.get("flags", []):
        spans.append((flag["start"], flag["end"], flag["kind"]))
    for g in result.get("glossary", []):
        spans.append((g["start"], g["end"], "jargon"))
    return spans


def highlight(text: str, result: dict) -> list[tuple[str, str]]:
    """[(text, kind)], kind "" for plain text; each character gets its highest-priority kind."""
    kinds = [""] * len(text)
    rank = {k: i for i, k in enumerate(PRIORITY)}
    for start, end, kind in _spans(result):
        for i in range(max(0, start), min(len(text), end)):
            if not kinds[i] or rank[kind] < rank[kinds[i]]:
                kinds[i] = kind
    segments: list[tuple[str, str]] = []
    for i, ch in enumerate(text):
        if segments and segments[-1][1] == kinds[i]:
            segments[-1] = (segments[-1][0] + ch, kinds[i])
        else:
            segments.append((ch, kinds[i]))
    return segments


def with_definitions(text: str, result: dict) -> list[tuple[str, str, str]]:
    """[(text, kind, definition)]: the highlights of `highlight`, each segment also carrying the
    plain definition of the glossary term it is part of ("" outside a term), so that a page can
    define a term wherever it is, whatever highlight it has."""
    defined = [""] * len(text)
    for g in result.get("glossary", []):
        for i in range(max(0, g["start"]), min(len(text), g["end"])):
            defined[i] = g["definition"]
    segments: list[tuple[str, str, str]] = []
    at = 0
    for part, kind in highlight(text, result):
        for i, ch in enumerate(part, start=at):
            if segments and segments[-1][1:] == (kind, defined[i]):
                segments[-1] = (segments[-1][0] + ch, kind, defined[i])
            else:
                segments.append((ch, kind, defined[i]))
        at += len(part)
    return segments
