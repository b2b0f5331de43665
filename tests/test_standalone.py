"""The repository stands alone: nothing tracked points outside it, the CC BY notes the corpus
tests read are all in it (docs/README.md), and every installed package is locked with its
hashes (bin/lock writes the locks, bin/setup installs from them)."""

import re
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


LOCKS = {"requirements.lock": "requirements.txt", "requirements-test.lock": "requirements-test.txt"}
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==(?P<version>[^\s;]+)")
HASH = re.compile(r"--hash=(\w+):(\S+)")


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_entries(name: str) -> list[str]:
    """The lock's requirement lines, each joined with its backslash-continued hash lines."""
    text = (ROOT / name).read_text(encoding="utf-8").replace("\\\n", " ")
    return [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def locked_versions(name: str) -> dict[str, set[str]]:
    versions: dict[str, set[str]] = {}
    for entry in lock_entries(name):
        match = PIN.match(entry)
        assert match, f"{name}: not an exact pin: {entry[:80]}"
        versions.setdefault(normal(match["name"]), set()).add(match["version"])
    return versions


def direct_requirements(name: str) -> dict[str, str]:
    """Name -> pinned version of every direct requirement, following `-r` includes."""
    pins: dict[str, str] = {}
    for raw in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("-r "):
            pins |= direct_requirements(line[3:].strip())
            continue
        match = PIN.match(line)
        assert match, f"{name}: every direct requirement is pinned with ==: {line}"
        pins[normal(match["name"])] = match["version"]
    return pins


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_it_locks_every_package_with_sha256_hashes(lock):
    entries = lock_entries(lock)
    assert len(entries) >= 70
    for entry in entries:
        hashes = HASH.findall(entry)
        assert hashes, f"{lock}: no hash for {entry[:60]}"
        assert "--hash=sha256:" in entry
        for algorithm, digest in hashes:
            assert algorithm == "sha256" and re.fullmatch(r"[0-9a-f]{64}", digest), entry[:60]


@pytest.mark.parametrize(("lock", "requirements"), sorted(LOCKS.items()))
def test_it_locks_each_direct_requirement_at_its_pinned_version(lock, requirements):
    locked = locked_versions(lock)
    for name, version in direct_requirements(requirements).items():
        assert locked.get(name) == {version}, (lock, name, version, locked.get(name))


def test_it_tests_the_runtime_versions():
    runtime, test = locked_versions("requirements.lock"), locked_versions("requirements-test.lock")
    assert {name: test.get(name) for name in runtime} == runtime


def test_it_installs_from_the_locks_checking_hashes():
    setup = (ROOT / "bin" / "setup").read_text(encoding="utf-8")
    assert '--require-hashes --no-deps -r "$lock"' in setup
    assert "lock=requirements.lock" in setup
    assert "lock=requirements-test.lock" in setup
