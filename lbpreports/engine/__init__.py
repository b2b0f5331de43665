"""The lbpreports engine: read a lumbar spine imaging report into findings.

Pure Python on a blank spaCy pipeline, with its knowledge as YAML data in `engine/data`. No Django
here: the web app, the command line and the tests all call these functions.

    from lbpreports import engine
    reading = engine.read(text, age=62)
    engine.to_contract(reading)  # the JSON of docs/contract.md
"""

from .knowledge import KnowledgeError, data_sha256, validate
from .pipeline import MAX_CHARS
from .report import ENGINE_VERSION, EngineInputError, Reading, patient_texts, read, to_contract

__all__ = [
    "ENGINE_VERSION",
    "MAX_CHARS",
    "EngineInputError",
    "KnowledgeError",
    "Reading",
    "data_sha256",
    "patient_texts",
    "read",
    "to_contract",
    "validate",
]
