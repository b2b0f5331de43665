"""Apps depend downward only (docs/development.md section 3): the audit trail below everything
that writes to it, reports below review and the practice's systems, the handouts a library with
no models. Read from the import statements of each package's modules."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "lbpreports"

# package -> the project packages it must never import
FORBIDDEN = {
    "engine": {"accounts", "audit", "reports", "review", "practice", "handouts", "readers"},
    "audit": {"accounts", "reports", "review", "practice", "handouts", "engine", "readers"},
    "handouts": {"audit", "reports", "review", "practice"},
    "reports": {"review", "practice"},
}


def imported_packages(path: Path) -> set[str]:
    """The lbpreports sub-packages a module imports (absolute imports, anywhere in the file)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "lbpreports" and len(parts) > 1:
                found.add(parts[1])
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_it_imports_nothing_above_it(package):
    wrong = {
        str(path.relative_to(PACKAGE)): imported_packages(path) & FORBIDDEN[package]
        for path in (PACKAGE / package).rglob("*.py")
    }
    assert {k: v for k, v in wrong.items() if v} == {}


def test_the_handouts_are_a_library_not_an_app():
    from django.conf import settings

    assert "lbpreports.handouts" not in settings.INSTALLED_APPS
    assert not (PACKAGE / "handouts" / "models.py").exists()
    assert not (PACKAGE / "handouts" / "migrations").exists()


def test_the_lifecycle_has_one_owner():
    assert not (PACKAGE / "review" / "workflow.py").exists()
    review = (PACKAGE / "review" / "views.py").read_text(encoding="utf-8")
    # the views change a report only through Report.apply
    assert ".status =" not in review and ".save(" not in review
