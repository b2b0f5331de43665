"""A token-pattern matcher indexed by each pattern's first word.

spaCy's Matcher tries every pattern at every token, which made the engine grow slow on long
reports (about 0.3 s for 700 words with our ~600 patterns). This matcher takes the same token
specifications that `patterns.compile_pattern` writes, indexes patterns by the words and word
beginnings they can start with, and tries only those at each token. It runs on spaCy's tokens and
returns matches the way spaCy's Matcher does: (key hash, start, end), the longest for each pattern
and start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Spec:
    exact: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    fuzzy: str | None = None
    regex: re.Pattern | None = None
    any_word: bool = False
    space: bool = False
    op: str = ""  # "", "?" or "*"

    def accepts(self, lower: str, is_punct: bool, is_space: bool) -> bool:
        if self.space:
            return is_space
        if is_space:
            return False
        if self.any_word:
            return not is_punct
        if lower in self.exact:
            return True
        if any(lower.startswith(p) for p in self.prefixes):
            return True
        if self.regex is not None:
            return bool(self.regex.search(lower))
        return self.fuzzy is not None and _within_one_edit(lower, self.fuzzy)


def _within_one_edit(a: str, b: str) -> bool:
    """Levenshtein distance of at most 1 (as spaCy's FUZZY1)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


def spec_from_dict(spec: dict) -> Spec:
    op = spec.get("OP", "")
    if spec.get("IS_SPACE"):
        return Spec(space=True, op=op)
    if "IS_PUNCT" in spec:
        return Spec(any_word=True, op=op)
    lower = spec["LOWER"]
    if isinstance(lower, str):
        return Spec(exact=frozenset([lower]), op=op)
    if "FUZZY1" in lower:
        return Spec(fuzzy=lower["FUZZY1"], op=op)
    if "REGEX" in lower:
        return Spec(regex=re.compile(lower["REGEX"]), op=op)
    return Spec(
        exact=frozenset(lower.get("IN", ())), prefixes=tuple(lower.get("PREFIX", ())), op=op
    )


class TokenMatcher:
    def __init__(self, vocab):
        self.vocab = vocab
        self.patterns: list[tuple[int, tuple[Spec, ...]]] = []
        self.by_word: dict[str, list[int]] = {}
        self.by_prefix: dict[str, list[tuple[str, int]]] = {}
        self.always: list[int] = []
        # a word with one typo still has its first or its second letter in place
        self.fuzzy_by_letter: dict[str, list[tuple[str, int]]] = {}

    def __len__(self) -> int:
        return len(self.patterns)

    def add(self, key: str, patterns: list[list[dict]]) -> None:
        key_hash = self.vocab.strings.add(key)
        for pattern in patterns:
            for variant in _start_variants(tuple(spec_from_dict(s) for s in pattern)):
                self._index(key_hash, variant)

    def _index(self, key_hash: int, specs: tuple[Spec, ...]) -> None:
        pid = len(self.patterns)
        self.patterns.append((key_hash, specs))
        first = specs[0]
        if first.fuzzy is not None:
            for letter in set(first.fuzzy[:2]):
                self.fuzzy_by_letter.setdefault(letter, []).append((first.fuzzy, pid))
            return
        if first.any_word or first.regex is not None:
            self.always.append(pid)
            return
        for word in first.exact:
            self.by_word.setdefault(word, []).append(pid)
        for prefix in first.prefixes:
            self.by_prefix.setdefault(prefix[:3], []).append((prefix, pid))

    def _candidates(self, lower: str) -> list[int]:
        found = list(self.by_word.get(lower, ()))
        for size in (1, 2, 3):
            for prefix, pid in self.by_prefix.get(lower[:size], ()):
                if lower.startswith(prefix):
                    found.append(pid)
        for letter in set(lower[:2]):
            for word, pid in self.fuzzy_by_letter.get(letter, ()):
                if abs(len(word) - len(lower)) <= 1:
                    found.append(pid)
        found.extend(self.always)
        return found

    def __call__(self, doclike) -> list[tuple[int, int, int]]:
        tokens = [(t.lower_, t.is_punct, t.is_space) for t in doclike]
        n = len(tokens)
        out = []
        for i, (lower, _punct, space) in enumerate(tokens):
            if space:
                continue
            for pid in set(self._candidates(lower)):
                key_hash, specs = self.patterns[pid]
                end = _match(specs, 0, i, tokens, n)
                while end > i and tokens[end - 1][2]:
                    end -= 1  # a match never ends on a run of spaces
                if end > i:
                    out.append((key_hash, i, end))
        out.sort(key=lambda m: (m[1], m[2]))
        return out


def _start_variants(specs: tuple[Spec, ...]) -> list[tuple[Spec, ...]]:
    """A pattern whose first items are optional can start at each of them: one variant each,
    with the first item required (spaces after a dropped item dropped too)."""
    variants = []
    rest = specs
    while rest:
        first = rest[0]
        if first.space:
            rest = rest[1:]
            continue
        if first.op != "?":
            variants.append(rest)
            break
        required = Spec(first.exact, first.prefixes, first.fuzzy, first.regex, first.any_word)
        variants.append((required,) + rest[1:])
        rest = rest[1:]
    return [v for v in variants if not v[0].any_word or len(v) > 1]


def _match(specs: tuple[Spec, ...], k: int, i: int, tokens, n: int) -> int:
    """The furthest end of a match of specs[k:] from token i, or -1."""
    if k == len(specs):
        return i
    spec = specs[k]
    if spec.op == "*":
        j = i
        while j < n and spec.accepts(*tokens[j]):
            j += 1
        for stop in range(j, i - 1, -1):
            end = _match(specs, k + 1, stop, tokens, n)
            if end >= 0:
                return end
        return -1
    if i < n and spec.accepts(*tokens[i]):
        end = _match(specs, k + 1, i + 1, tokens, n)
        if end >= 0 or spec.op != "?":
            if spec.op != "?":
                return end
            skip = _match(specs, k + 1, i, tokens, n)
            return max(end, skip)
    if spec.op == "?":
        return _match(specs, k + 1, i, tokens, n)
    return -1
