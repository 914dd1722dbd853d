"""Regular expressions that first look for a piece of text they cannot match without.

Python's `re` tries a pattern at every position of a text. Most of the study's patterns (a metric's
trigger words, a period phrase, a role cue, a line rule of the cleaner) match in few of the sentences they
are tried on, and every match of each of them contains some literal text ("scrambl", "fiscal",
"subscribe"), which a plain substring test finds many times faster than the pattern can fail.
`required_literals(pattern)` reads from the pattern's parse tree a set of strings of which every match
contains at least one; `Prefiltered` runs the pattern only on a text that contains one of them.

The test only ever skips a search that would have found nothing, so results are the same as the plain
pattern's: text and literals are compared with case folded as `re`'s IGNORECASE folds it (each character
lowered as `re` lowers it, and the characters `re` also treats as equal, such as "ſ" and "s", mapped to
one), which makes the test case-blind and so safe for a case-sensitive pattern too.
"""

from __future__ import annotations

import functools
import re
from re import _casefix, _constants as sre, _parser

import _sre


class _Fold(dict):
    """str.translate table: each character to the one `re` matches it as under IGNORECASE."""

    def __missing__(self, code: int) -> int:
        lowered = _sre.unicode_tolower(code)
        folded = min((lowered, *_casefix._EXTRA_CASES.get(lowered, ())))
        self[code] = folded
        return folded


_FOLD = _Fold()


@functools.lru_cache(maxsize=256)
def fold(text: str) -> str:
    """`text` with case folded as `re` folds it (for ASCII text, simply lowered: each ASCII letter is the
    smallest character of those `re` matches with it)."""
    return text.lower() if text.isascii() else text.translate(_FOLD)


def _sequence(items) -> frozenset | None:
    """The best set of required strings of a sequence of parse items: a run of literals, or the set one item
    requires (the set whose shortest string is longest); None when nothing is required."""
    candidates, run = [], []
    for op, av in list(items) + [(None, None)]:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            candidates.append(frozenset(["".join(run)]))
            run = []
        found = _item(op, av)
        if found:
            candidates.append(found)
    if not candidates:
        return None
    # the longest shortest string, then the fewest strings, then the fewest letters, digits and spaces (the
    # characters every sentence is full of: "+" of "2 + 2" is a better test than "2")
    return max(candidates, key=lambda s: (min(map(len, s)), -len(s), -sum(c.isalnum() or c == " " for c in "".join(s))))


def _item(op, av) -> frozenset | None:
    if op is sre.SUBPATTERN:
        return _sequence(av[3])
    if op is sre.ATOMIC_GROUP:
        return _sequence(av)
    if op is sre.BRANCH:
        branches = [_sequence(branch) for branch in av[1]]
        return None if not all(branches) else frozenset().union(*branches)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _, body = av
        return _sequence(body) if low >= 1 else None
    return None  # a class, any character, an anchor, a lookaround, a back reference: nothing required


def required_literals(pattern: re.Pattern) -> frozenset | None:
    """Case-folded strings of which every match of `pattern` contains one; None if it needs none, or
    if the pattern fails fast anyway (anchored at the start and then a character, not a repeat: "^Copyright"
    is tried at one position and fails at its first letter, faster than any test for a literal)."""
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    if _fails_fast(list(parsed)):
        return None
    found = _sequence(parsed)
    return frozenset(fold(s) for s in found) if found else None


def _fails_fast(items) -> bool:
    while items and items[0][0] is sre.SUBPATTERN:  # "(?i)^..." or a group around the whole
        items = list(items[0][1][3]) + items[1:]
    if len(items) < 2 or items[0] != (sre.AT, sre.AT_BEGINNING) and items[0] != (sre.AT, sre.AT_BEGINNING_STRING):
        return False
    return items[1][0] not in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


class Prefiltered:
    """A compiled pattern that is tried only on texts containing one of its required literals; otherwise
    it behaves as the pattern (same methods, same results)."""

    __slots__ = ("pattern_object", "needles", "_tried")

    def __init__(self, pattern: re.Pattern):
        self.pattern_object = pattern
        self.needles = required_literals(pattern)
        # the strings looked for, in a fixed order; "" (in every text) when the pattern requires none
        self._tried = tuple(sorted(self.needles)) if self.needles is not None else ("",)

    def possible(self, text: str) -> bool:
        folded = fold(text)
        for needle in self._tried:  # a loop, not any(map(...)): this runs millions of times
            if needle in folded:
                return True
        return False

    def search(self, text: str, *span):
        return self.pattern_object.search(text, *span) if self.possible(text) else None

    def match(self, text: str, *span):
        return self.pattern_object.match(text, *span) if self.possible(text) else None

    def fullmatch(self, text: str, *span):
        return self.pattern_object.fullmatch(text, *span) if self.possible(text) else None

    def finditer(self, text: str, *span):
        return self.pattern_object.finditer(text, *span) if self.possible(text) else iter(())

    def findall(self, text: str, *span):
        return self.pattern_object.findall(text, *span) if self.possible(text) else []

    def __reduce__(self):  # sent to worker processes with the lexicon
        return Prefiltered, (self.pattern_object,)

    def __getattr__(self, name):  # pattern, flags, groupindex, sub, split ...
        return getattr(self.pattern_object, name)

    def __repr__(self) -> str:
        return f"Prefiltered({self.pattern_object!r})"


def prefiltered(pattern: re.Pattern | None) -> Prefiltered | re.Pattern | None:
    """`pattern` behind its literal test, or the pattern itself when it requires no literal."""
    if pattern is None:
        return None
    wrapped = Prefiltered(pattern)
    return wrapped if wrapped.needles is not None else pattern
