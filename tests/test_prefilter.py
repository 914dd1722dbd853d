"""The literal prefilter of the claims lexicon: it must only ever skip searches that find nothing."""

import pickle
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))

from japan_russia_numbers.cleaning import clean_source  # noqa: E402
from japan_russia_numbers.coding import load_lexicon  # noqa: E402
from japan_russia_numbers.mentions import sentence_spans  # noqa: E402
from japan_russia_numbers.prefilter import Prefiltered, fold, prefiltered, required_literals  # noqa: E402

LEXICON = load_lexicon(ROOT / "data" / "rules")


def test_a_trigger_requires_one_of_its_words():
    pattern = re.compile(r"\bscrambl\w*|\bsortied\b|\bemergency (?:take-?offs?|sorties?)\b", re.I)
    assert required_literals(pattern) == {"scrambl", "sortied", "emergency "}


def test_the_longest_required_piece_of_a_sequence_is_kept():
    # "month" (5 letters) is a better test than " to " (4) or "six" (3)
    assert required_literals(re.compile(r"(?:nine|six)[- ]months? (?:through|to) \w+", re.I)) == {"month"}
    assert required_literals(re.compile(r"(?:up|down) (?:by )?\d+")) == {"up", "down"}


def test_of_equal_pieces_the_one_with_the_rarer_characters_is_kept():
    # "2 + 2": "+" is in few sentences, "2" in most of those with a number
    assert required_literals(re.compile(r"2\s?\+\s?2|two[- ]plus[- ]two", re.I)) == {"+", "plus"}


def test_nothing_is_required_of_a_pattern_that_may_match_without_a_literal():
    assert required_literals(re.compile(r"(?:about )?\d+")) is None  # the word is optional
    assert required_literals(re.compile(r"\d{3}[\s.-]\d{4}")) is None  # classes only
    assert required_literals(re.compile(r"fiscal|\d{4}")) is None  # one branch needs no literal
    assert prefiltered(re.compile(r"\d+")).__class__ is re.Pattern  # left as it is


def test_an_anchored_pattern_that_fails_at_its_first_letter_is_left_alone():
    assert required_literals(re.compile(r"^Copyright\b.{0,120}$")) is None
    assert required_literals(re.compile(r"(?i)^.*(?:subscribe now|free trial).*$")) == {"subscribe now", "free trial"}


def test_case_is_folded_as_re_folds_it():
    # under IGNORECASE "ſ" matches "s" and the Kelvin sign matches "k": the prefilter must not skip them
    for pattern, text in [(r"\bstates\b", "the ſtates"), (r"kilo", "\u212ailo"), (r"STATE", "state"),
                          (r"éTat", "L'ÉTAT")]:
        compiled = re.compile(pattern, re.I)
        assert compiled.search(text)
        assert Prefiltered(compiled).search(text), (pattern, text)
    assert not Prefiltered(re.compile(r"scrambl", re.I)).search("jets were sent up")


def test_every_character_re_takes_for_another_folds_to_the_same():
    for code in range(0x10000):
        char = chr(code)
        for other in {char.lower(), char.upper(), char.casefold()}:
            if len(other) == 1 and other != char and re.fullmatch(re.escape(char), other, re.I):
                assert fold(char) == fold(other), (hex(code), other)


def _real_sentences():
    pages = sorted((ROOT / "tests" / "data" / "scrambles").glob("*/pages/*.txt"))
    for path in pages:
        text = clean_source(path.read_text(encoding="utf-8"), path.stem).text
        yield from (text[s:e] for s, e in sentence_spans(text))


def _lexicon_patterns():
    for rule in LEXICON.metrics:
        yield from (p for p in (rule.trigger, rule.weak_trigger, rule.counts) if p is not None)
    yield from (p for _, p in LEXICON.subjects if p is not None)
    yield from (p for _, p in LEXICON.periods if p is not None)
    yield from (p for _, _, p, _ in LEXICON.roles)


def test_the_lexicon_finds_the_same_with_and_without_the_prefilter_on_real_sentences():
    sentences = list(_real_sentences())
    patterns = [p for p in _lexicon_patterns() if isinstance(p, Prefiltered)]
    assert len(sentences) > 500 and len(patterns) > 40
    skipped = 0
    for pattern in patterns:
        plain = pattern.pattern_object
        for sentence in sentences:
            found = [m.span() for m in pattern.finditer(sentence)]
            assert found == [m.span() for m in plain.finditer(sentence)], (plain.pattern, sentence)
            skipped += not pattern.possible(sentence)
    assert skipped > len(sentences) * len(patterns) / 2  # and it does skip most searches


def test_a_prefiltered_lexicon_travels_to_worker_processes():
    copy = pickle.loads(pickle.dumps(LEXICON))
    assert copy.metrics[0].trigger.search("fighter jets were scrambled 1,168 times").group() == "scrambled"
    assert copy.metrics[0].trigger.pattern == LEXICON.metrics[0].trigger.pattern


@pytest.mark.parametrize("method", ["search", "match", "fullmatch", "findall"])
def test_a_prefiltered_pattern_answers_as_the_pattern(method):
    plain = re.compile(r"fiscal (\d{4})", re.I)
    wrapped = Prefiltered(plain)
    for text in ["Fiscal 2016", "in fiscal 2016 and fiscal 2017", "no year here", ""]:
        got, expected = getattr(wrapped, method)(text), getattr(plain, method)(text)
        assert (got.span() if isinstance(got, re.Match) else got) == \
            (expected.span() if isinstance(expected, re.Match) else expected)
