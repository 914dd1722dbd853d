"""The extractor finds every quantity in the article bodies, with raw offsets, and nothing else."""

import csv
from pathlib import Path

import pytest

from japan_russia_numbers.cleaning import clean_source, clean_sources, load_source_rules
from japan_russia_numbers.mentions import extract_mentions, words_to_number
from conftest import ROOT

RULES = load_source_rules(ROOT / "data" / "rules" / "cleaning_rules.csv")
LABELS = Path(__file__).parent / "data" / "labelled_mentions.csv"


@pytest.fixture(scope="module")
def extracted(seed_sources):
    sources = list(seed_sources.values())
    return {c.source_id: (c, extract_mentions(c, s.stated_date))
            for s, c in zip(sources, clean_sources(sources, RULES))}


def mentions_of(text, context_date="2018-07-09"):
    cleaned = clean_source(text + " This sentence makes the text long enough to count as an article body.", "t")
    return {m.surface: m for m in extract_mentions(cleaned, context_date)}


@pytest.mark.parametrize("words, value", [
    ("twenty-one", 21), ("eighty-nine", 89), ("four", 4), ("two hundred", 200),
    ("four billion", 4_000_000_000), ("one million", 1_000_000), ("dozen", 12),
])
def test_number_words_are_parsed(words, value):
    assert words_to_number(words) == value


def test_money_is_a_full_amount_with_its_currency():
    found = mentions_of("The bank would lend 4 billion yen ($38.5 million at the time) to Sberbank.")
    assert (found["4 billion yen"].value, found["4 billion yen"].unit) == (4_000_000_000, "JPY")
    assert (found["$38.5 million"].value, found["$38.5 million"].unit) == (38_500_000, "USD")


def test_percentages_ordinals_and_separators():
    found = mentions_of("They account for 93% of it, 4.5 percent of the rest, the 319th such talk, "
                        "the third meeting and 4,888 messages.")
    assert found["93%"].value == 93 and found["4.5 percent"].value == 4.5
    assert found["319th"].kind == "ordinal" and found["319th"].value == 319
    assert found["third"].value == 3 and found["4,888"].value == 4888


@pytest.mark.parametrize("text, surface, start, end", [
    ("Between June 19 and 21, 2018, Russia held drills.", "June 19 and 21, 2018", "2018-06-19", "2018-06-21"),
    ("The Dec.11-13 visit went ahead.", "Dec.11-13", "2018-12-11", "2018-12-13"),
    ("He visited from Nov. 27 to 30 last year.", "Nov. 27 to 30", "2018-11-27", "2018-11-30"),
    ("They came in November and December 2017.", "November and December 2017", "2017-11-01", "2017-12-31"),
    ("It ended the 1904-05 war.", "1904-05", "1904-01-01", "1905-12-31"),
    ("Abductions in the 1970s and 1980s.", "1970s and 1980s", "1970-01-01", "1989-12-31"),
    ("Up from fiscal 2016 levels.", "fiscal 2016", "2016-04-01", "2017-03-31"),
    ("At the start of 2018, Moscow ruled.", "start of 2018", "2018-01-01", "2018-03-31"),
    ("A meeting in Sochi on May 6, 2016.", "May 6, 2016", "2016-05-06", "2016-05-06"),
])
def test_dates_and_ranges_get_their_bounds(text, surface, start, end):
    mention = mentions_of(text)[surface]
    assert (mention.kind, mention.date_start, mention.date_end) == ("date", start, end)


def test_a_date_without_a_year_takes_the_source_year_and_says_so():
    found = mentions_of("It is expected to be held in Moscow on July 21.", context_date="2018-07-09")
    assert found["July 21"].date_start == "2018-07-21" and found["July 21"].year_inferred == "2018"
    undated = mentions_of("It is expected to be held in Moscow on July 21.", context_date="")
    assert undated["July 21"].date_start == "" and undated["July 21"].year_inferred == "unknown"


def test_impossible_calendar_dates_are_skipped_not_fatal():
    found = mentions_of("On February 30, 2018 and on Nov. 30 to 31 nothing happened, but 390 jets flew.")
    assert "390" in found and not any(m.kind == "date" and "30" in s for s, m in found.items())


def test_names_are_tagged_not_counted():
    found = mentions_of("The G-7 and the Group of Seven met; the 2+2 talks, Flight 17 and America First.")
    for name in ("G-7", "Group of Seven", "2+2", "Flight 17", "America First"):
        assert found[name].kind == "name" and found[name].value is None
    assert "7" not in found and "2" not in found and "First" not in found


def test_every_mention_cites_its_characters_in_the_raw_file(extracted):
    for cleaned, mentions in extracted.values():
        for m in mentions:
            assert cleaned.raw[m.raw_start:m.raw_end] == m.surface == cleaned.text[m.start:m.end]
            assert m.surface in m.sentence


def test_no_number_from_boilerplate_is_a_mention(extracted):
    surfaces = {m.surface for _, mentions in extracted.values() for m in mentions}
    for boilerplate in ("4,888", "Dec 18, 2010", "0052 GMT", "2015", "$5", "3rd", "July 9, 2018",
                        "9 December 2018", "Nov. 20", "2020", "000500188"):
        assert boilerplate not in surfaces, boilerplate
    counted = [m for _, ms in extracted.values() for m in ms if m.kind != "name"]
    assert not [m for m in counted if m.value in (4888, 5, 52)]


def _gold_spans(extracted):
    """Hand-labelled mentions of the five article bodies as (source_id, raw_start, raw_end) -> row."""
    by_file = {c.raw: sid for sid, (c, _) in extracted.items()}
    raws = {sid: c.raw for sid, (c, _) in extracted.items()}
    files = {row["file"]: row["source_id"] for row in csv.DictReader((ROOT / "seeds" / "sources.csv").open())}
    gold = {}
    for row in csv.DictReader(LABELS.open(encoding="utf-8")):
        sid, raw = files[row["file"]], raws[files[row["file"]]]
        start = -1
        for _ in range(int(row["occurrence"]) + 1):
            start = raw.find(row["surface"], start + 1)
        assert start >= 0, row
        gold[(sid, start, start + len(row["surface"]))] = row
    assert by_file
    return gold


def test_precision_and_recall_on_hand_labelled_mentions_are_at_least_0_95(extracted):
    gold = _gold_spans(extracted)
    quantities = {k: v for k, v in gold.items() if v["kind"] != "name"}
    predicted = {(m.source_id, m.raw_start, m.raw_end): m
                 for _, ms in extracted.values() for m in ms if m.kind != "name"}

    def correct(key):
        label, mention = quantities[key], predicted[key]
        if label["kind"] != mention.kind:
            return False
        if mention.kind == "date":
            return (label["date_start"], label["date_end"]) == (mention.date_start, mention.date_end)
        return float(label["value"]) == float(mention.value)

    true_positives = [k for k in predicted if k in quantities and correct(k)]
    precision = len(true_positives) / len(predicted)
    recall = len(true_positives) / len(quantities)
    misses = sorted((quantities[k]["surface"], k[0]) for k in quantities if k not in true_positives)
    extras = sorted((predicted[k].surface, k[0]) for k in predicted if k not in true_positives)
    assert precision >= 0.95, extras
    assert recall >= 0.95, misses


def test_names_in_the_labels_are_tagged_as_names(extracted):
    gold = _gold_spans(extracted)
    found = {(m.source_id, m.raw_start, m.raw_end): m.kind for _, ms in extracted.values() for m in ms}
    names = [k for k, v in gold.items() if v["kind"] == "name"]
    assert names and all(found.get(k) == "name" for k in names)


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    "twenty-one", "390", "4,888", "$38.5 million", "4 billion yen", "93%", "Dec.11-13", "Nov. 27 to 30",
    "fiscal 2016", "1904-05", "the 1970s and 1980s", "G-7", "2+2", "third", "319th", "May", "June 2017",
    "Japan", "scrambled", "jets", ".", ",", "-", " ", "\n\n", "and", "to", "of", "in",
]), max_size=40), st.sampled_from(["", "2018-07-09", "2014-03-11"]))
def test_arbitrary_number_soup_never_crashes_and_spans_hold(words, context_date):
    raw = " ".join(words) + " Japan scrambled its jets many times this year to intercept approaching Russian aircraft."
    cleaned = clean_source(raw, "soup")
    for m in extract_mentions(cleaned, context_date):
        assert cleaned.text[m.start:m.end] == m.surface
        assert 0 <= m.raw_start < m.raw_end <= len(raw)
