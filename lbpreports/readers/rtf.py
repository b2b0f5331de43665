"""RTF report text, as some RIS send it inside HL7 (an OBX of type ^text^rtf^): read as text with
striprtf, so that no `{\\rtf1` markup reaches the engine."""

from __future__ import annotations

from .limits import ReaderError


def rtf_text(markup: str) -> str:
    from striprtf.striprtf import rtf_to_text

    if not markup.lstrip().startswith("{\\rtf"):
        raise ReaderError("An RTF document in this message does not start with {\\rtf.")
    return rtf_to_text(markup, errors="replace")
