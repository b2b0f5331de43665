"""The repository stands alone: nothing tracked points outside it, and the CC BY notes the
corpus tests read are all in it (docs/README.md)."""

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTES = ROOT / "tests" / "data" / "lsmri"

# Built from pieces so that this file does not match its own needles.
FOLDER = "sha" + "red"
OUTSIDE = (
    r"\.\./" + FOLDER,  # the folder beside the repository
    r"(^|[^A-Za-z0-9_-])" + FOLDER + "/",  # a path inside it
    "/" + FOLDER + "([^A-Za-z0-9_]|$)",  # an absolute path to it
    "[\"']" + FOLDER + "[\"']",  # a pathlib component
    "(DOMAIN|CONTRACT|STYLE|STACK)" + r"\.md",  # the documents it held
)


def grep(*args: str, cwd: Path = ROOT) -> list[str]:
    patterns = [arg for p in OUTSIDE for arg in ("-e", p)]
    done = subprocess.run(
        ["git", "grep", "-n", "-I", "-E", *patterns, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr  # 1: nothing found
    return done.stdout.splitlines()


@pytest.mark.parametrize(
    ("line", "points_outside"),
    [
        ("see ../" + FOLDER + "/CONTRACT" + ".md", True),
        ('CORPUS = ROOT.parent / "' + FOLDER + '" / "corpus" / "lsmri"', True),
        ("no text is copied from `" + FOLDER + "/corpus/`", True),
        ("read /work/" + FOLDER, True),
        ("concept ids in DOMAIN" + ".md section 5", True),
        ("`lbpreports/readers.py` is " + FOLDER + " with `manage.py rewrite`", False),
        ('o="__core-js_' + FOLDER + '__"', False),
        ("the rules of docs/domain.md section 4.2", False),
    ],
)
def test_it_tells_a_path_outside_from_a_word(tmp_path, line, points_outside):
    sample = tmp_path / "sample.txt"
    sample.write_text(line + "\n", encoding="utf-8")
    assert bool(grep("--no-index", sample.name, cwd=tmp_path)) is points_outside


def test_it_finds_no_path_outside_the_repository_in_tracked_files():
    assert grep() == []


def test_it_has_every_cc_by_note():
    notes = sorted(NOTES.glob("lsmri_*.txt"))
    assert len(notes) == 515
    assert all(note.stat().st_size > 0 for note in notes)
    assert (NOTES / "README.md").is_file()
    assert (NOTES / "LICENSE").is_file()
    attribution = (NOTES / "README.md").read_text(encoding="utf-8")
    assert "doi:10.17632/s6bgczr8s2" in attribution
    assert "CC BY 4.0" in attribution
