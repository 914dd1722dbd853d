"""Every coded claim is checked against the official series, the other texts and its own arithmetic.

The claims are coded by the lexicon from real sentences (as in test_coding); a wrong figure is made by
changing one number of a real sentence, as a careless article would.
"""

import pandas as pd
import pytest

from japan_russia_numbers.claimchecks import claim_checks, period_words, reference_series
from japan_russia_numbers.coding import CODED_COLUMNS, coded_row, load_lexicon
from japan_russia_numbers.claims import automatic_claims, claims_table, date_by_series
from japan_russia_numbers.document import process_document
from conftest import ROOT

LEXICON = load_lexicon(ROOT / "data/rules")
SERIES = pd.read_csv(ROOT / "data/reference/asdf_scramble_series.csv", dtype=str, keep_default_na=False)
REFERENCE = reference_series(SERIES)
TNI = ("In the last fiscal year, Japan scrambled jets 390 times to intercept approaching Russian aircraft. This figure "
       "was up by eighty-nine from fiscal 2016 and was only exceeded by the 500 scrambles provoked by China.")


def claims_of(*texts: tuple[str, str, str]) -> pd.DataFrame:
    """The claims table the lexicon codes from (source id, date, text) triples."""
    rows = []
    for source_id, date, text in texts:
        result = process_document(text + "\n", source_id, stated_date=date, lexicon=LEXICON)
        rows += [coded_row(c) for c in result.claims]
    coded = pd.DataFrame(rows, columns=CODED_COLUMNS).astype(str)
    return claims_table(automatic_claims(coded))


def undated_rows(text: str, source_id: str):
    """The result of coding `text` as a source with no date, and its coded claims as the table's rows."""
    result = process_document(text + "\n", source_id, lexicon=LEXICON)
    return result, pd.DataFrame([coded_row(c) for c in result.claims], columns=CODED_COLUMNS).astype(str)


def checks_of(*texts) -> dict[tuple[str, str], tuple[str, str]]:
    claims = claims_of(*texts)
    table = claim_checks(claims, REFERENCE)
    values = dict(zip(claims["claim_id"], claims["value"]))
    return {(check, values[claim]): (status, detail)
            for check, claim, status, detail in zip(table["check"], table["claim_id"], table["status"], table["detail"])}


def test_figures_that_match_the_official_series_are_ok():
    checks = checks_of(("tni", "2018-07-09", TNI))
    assert checks[("reference", "390")][0] == "ok" and checks[("reference", "500")][0] == "ok"
    assert checks[("reference", "89")] == ("ok", checks[("reference", "89")][1])
    assert "301 to 390" in checks[("reference", "89")][1]


def test_a_figure_off_by_a_little_is_flagged():
    checks = checks_of(("tni", "2018-07-09", TNI.replace("390 times", "391 times")))
    status, detail = checks[("reference", "391")]
    assert status == "flag" and "off by 1 from the official 390" in detail


def test_a_figure_attached_to_the_wrong_year_is_flagged():
    # 301 is the official FY2016 figure for Russia; this text puts it in FY2017
    checks = checks_of(("tni", "2018-07-09", TNI.replace("390 times", "301 times")))
    status, detail = checks[("reference", "301")]
    assert status == "flag" and "official figure for FY2016, not FY2017" in detail and "wrong year" in detail


def test_a_figure_attached_to_the_wrong_subject_and_two_swapped_figures_are_flagged():
    one = checks_of(("tni", "2018-07-09", TNI.replace("390 times", "500 times").replace("the 500 scrambles", "scrambles")))
    assert one[("reference", "500")][0] == "flag" and "wrong subject" in one[("reference", "500")][1]
    swapped = TNI.replace("390 times", "X times").replace("the 500 scrambles", "the 390 scrambles").replace("X", "500")
    both = checks_of(("tni", "2018-07-09", swapped))
    assert both[("reference", "500")][0] == "flag" and "swapped" in both[("reference", "500")][1]
    assert "swapped" in both[("reference", "390")][1]


def test_other_texts_with_another_value_for_the_same_figure_are_flagged_and_agreeing_ones_ok():
    other = "Japan scrambled jets 395 times against Russian aircraft in fiscal 2017, the ministry said."
    checks = checks_of(("tni", "2018-07-09", TNI), ("wire", "2018-04-13", other))
    status, detail = checks[("other_sources", "390")]
    assert status == "flag" and "wire gives 395" in detail
    same = checks_of(("tni", "2018-07-09", TNI), ("wire", "2018-04-13", other.replace("395", "390")))
    assert same[("other_sources", "390")][0] == "ok"


def test_arithmetic_within_a_text_change_parts_and_shares():
    text = ("Japan scrambled jets 947 times in fiscal 2019. It said that 71 pct of the year's scrambles were against "
            "Chinese aircraft, totaling 675 times. Scrambles against Russian aircraft came to 268.")
    checks = checks_of(("jiji", "2020-04-09", text))
    assert checks[("arithmetic", "71")][0] == "ok"           # 675 of 947 is 71.3%
    assert checks[("arithmetic", "675")][0] == "ok"          # 675 + 268 <= 947
    wrong = checks_of(("jiji", "2020-04-09", text.replace("71 pct", "81 pct")))
    assert wrong[("arithmetic", "81")][0] == "flag"
    tni = checks_of(("tni", "2018-07-09", TNI + " Scrambles against Russian aircraft came to 300 in fiscal 2016."))
    assert tni[("arithmetic", "89")][0] == "flag" and "differ by +90" in tni[("arithmetic", "89")][1]


def test_a_check_with_nothing_to_check_is_not_applicable_never_ok():
    text = "Abe and Putin have held 25 meetings. Japan scrambled jets 12 times in August 2016 against Russian aircraft."
    claims = claims_of(("x", "2019-01-10", text))
    table = claim_checks(claims, REFERENCE)
    assert set(table["status"]) == {"not_applicable"}
    assert all(table["detail"].str.len() > 20)  # each says why


@pytest.mark.parametrize("period, words", [("FY2017", "FY2017"), ("2016-10", "October 2016"),
                                           ("as of 2018-12-09", "as of 9 December 2018"),
                                           ("2013-01-01/2013-12-31", "2013")])
def test_periods_read_as_words(period, words):
    assert period_words(period) == words


def test_check_sentences_on_another_corpus_are_plain_english_about_that_corpus():
    page = (ROOT / "tests/data/dev_corpus/pages/a12.txt").read_text(encoding="utf-8")
    claims = claims_of(("jiji_2020", "2020-04-09", page))
    details = " ".join(claim_checks(claims, REFERENCE)["detail"])
    assert "FY2019" in details and "in all" in details
    for seed_word in ("tni_forum", "nikkei", "Nikkei", "390", "_"):
        assert seed_word not in details, seed_word


OFFICIAL = __import__("japan_russia_numbers.claimchecks", fromlist=["official_records"]).official_records(
    ROOT / "data/reference")


@pytest.mark.parametrize("date, status, words", [
    ("2018-07-09", "ok", "fits the record: the 24th meeting was on 1 December 2018, after that date"),
    ("2018-12-09", "flag", "is too few: the record numbers the meeting of 1 December 2018 the 24th"),
])
def test_a_meeting_tally_is_checked_against_the_numbered_meetings(date, status, words):
    """The tally sentence of the TNI forum post (21 meetings), dated as stated (9 July 2018) and five months
    later: after the 24th meeting of 1 December 2018 (MOFA), 21 is too few."""
    text = ("That would be the 22nd meeting between Abe and Putin, who have held twenty-one meetings between Prime "
            "Minister Abe and President Putin so far.")
    checks = claim_checks(claims_of(("tni", date, text)), REFERENCE, OFFICIAL)
    row = checks[(checks["check"] == "reference") & checks["detail"].str.contains("Abe–Putin meetings")].iloc[0]
    assert row["status"] == status and words in row["detail"]


def test_a_count_of_visa_bans_is_checked_against_japans_packages():
    """Nikkei: "visa bans on 23 Russian individuals" matches the package of 29 April 2014; 24 matches none."""
    text = "Japan imposed visa bans on 23 Russian individuals, whose names were never released."
    for value, status in (("23", "ok"), ("24", "flag")):
        checks = claim_checks(claims_of(("nikkei", "2018-12-09", text.replace("23", value))), REFERENCE, OFFICIAL)
        row = checks[(checks["check"] == "reference")].iloc[0]
        assert row["status"] == status, row["detail"]
    assert "29 April 2014" in claim_checks(claims_of(("n", "2018-12-09", text)), REFERENCE, OFFICIAL)["detail"].iloc[0]


def test_without_the_records_a_tally_is_not_applicable_never_ok():
    text = ("That would be the 22nd meeting between Abe and Putin, who have held twenty-one meetings between Prime "
            "Minister Abe and President Putin so far.")
    checks = claim_checks(claims_of(("tni", "2018-07-09", text)), REFERENCE)
    assert list(checks.loc[checks["check"] == "reference", "status"]) == ["not_applicable"]


@pytest.mark.parametrize("words, status", [("some 800", "ok"), ("about 800", "ok"), ("more than 700", "ok"), ("more than 800", "flag"),
                                           ("nearly 800", "ok"), ("over 800", "flag"), ("800", "flag"),
                                           ("some 700", "flag")])
def test_a_round_figure_the_text_says_it_rounds_matches_the_official_one_it_stands_for(words, status):
    # The Japan News, 19 April 2023 (dev2 p13), headline: "Scrambled Some 800 Times in FY22"; official FY2022: 778
    text = f"Air Self-Defense Force fighter jets scrambled {words} times in fiscal 2022 against foreign aircraft."
    value = words.split()[-1]
    checked, detail = checks_of(("jn", "2023-04-19", text))[("reference", value)]
    assert checked == status
    if status == "ok":
        assert f"“{words}” in all in FY2022 is a round figure for the official 778" in detail


def test_an_undated_texts_counts_are_dated_by_the_one_fiscal_year_whose_official_figures_they_are():
    # a blog's copy of a 2024 report (blind7 l10), as stored: no date in the text, URL or file name
    text = ("According to the Japanese Defense Ministry, Japan’s Air Self-Defense Force (ASDF) scrambled its jets "
            "nearly 700 times in the past 12 months in response to suspected airspace violations. The Defense "
            "Ministry reported that the ASDF intercepted Chinese aircraft 479 times, a decrease of 96 compared to "
            "the previous year, and Russian aircraft 174 times, an increase of 24.")
    result, rows = undated_rows(text, "blog")
    assert result.context_date == ""
    dated = date_by_series(automatic_claims(rows), REFERENCE, {"blog"})
    assert [(c.value, c.period) for c in dated] == [("700", ""), ("479", "FY2023"), ("-96", "FY2023"),
                                                   ("174", "FY2023"), ("24", "FY2023")]
    assert "read from the official series" in dated[1].rule and dated[2].compared_period == "FY2022"
    table = claim_checks(claims_table(dated), REFERENCE)
    status = dict(zip(zip(table["check"], table["claim_id"]), table["status"]))
    assert status[("reference", dated[1].claim_id)] == "not_applicable"  # the series dated it: it cannot check it
    assert status[("reference", dated[2].claim_id)] == "ok"             # 479 - 575 in FY2022: the change is checked
    # a text with a date is left as it is, and so is a count that is no fiscal year's official figure
    assert {c.period for c in date_by_series(automatic_claims(rows), REFERENCE, set())} == {""}
    odd = automatic_claims(rows.assign(value=["700", "478", "-96", "174", "24"]))
    assert [c.period for c in date_by_series(odd, REFERENCE, {"blog"})] == ["", "", "FY2023", "FY2023", "FY2023"]


def test_counts_of_one_undated_text_that_match_years_far_apart_date_nothing():
    # a UK daily's story of April 2015 (blind8 o07), undated as stored: 943 is FY2014's total and 464 FY2014's
    # China figure, so both date it; with 479 for China (FY2023's figure) the two lie nine years apart, and
    # neither dates it
    text = ("Japanese fighter jets were scrambled 943 times in the year to March. A total of 464 scrambles were made "
            "by the Japanese air force in response to Chinese fighter jets.")
    _, rows = undated_rows(text, "daily")
    assert [(c.value, c.period) for c in date_by_series(automatic_claims(rows), REFERENCE, {"daily"})] == \
        [("943", "FY2014"), ("464", "FY2014")]
    far = automatic_claims(rows.assign(value=["943", "479"]))
    assert [c.period for c in date_by_series(far, REFERENCE, {"daily"})] == ["", ""]
    near = automatic_claims(rows.assign(value=["943", "500"]))   # FY2017's China figure: three years on
    assert [c.period for c in date_by_series(near, REFERENCE, {"daily"})] == ["FY2014", "FY2017"]


def test_an_undated_texts_quarter_is_dated_by_the_one_year_whose_official_quarter_it_is():
    # Reuters, July 2014 (blind8 o05), undated as stored: "between April and June" in the lead is the text's
    # part of a year; its counts are FY2014 Q1's official figures, so they date it, and the change with them
    text = ("TOKYO (Reuters) - Japan scrambled fighter jets a record number of times between April and June amid "
            "increased activity of Russian and Chinese aircraft, the Defence Ministry said on Wednesday.\n"
            "Scrambles against Russian planes jumped more than sevenfold from a year earlier to 235 in the three "
            "months, boosting the total number of scrambles to a record 340.\n"
            "Scrambles against Chinese planes came to 104, up 51 percent on the year, but down from 128 in "
            "January-March.")
    result, rows = undated_rows(text, "wire")
    assert result.context_date == "" and all(c.period == "" for c in result.claims)
    assert "part of a fiscal year the text does not date: Q1" in result.claims[1].rule
    dated = {(c.subject, c.value): (c.period, c.compared_period)
             for c in date_by_series(automatic_claims(rows), REFERENCE, {"wire"})}
    assert dated[("Russia", "235")] == ("FY2014 Q1", "") and dated[("total", "340")] == ("FY2014 Q1", "")
    assert dated[("China", "104")] == ("FY2014 Q1", "") and dated[("China", "51")] == ("FY2014 Q1", "FY2013 Q1")
    # a count of the quarter the series does not hold takes the year the text's other counts of it give
    one_off = automatic_claims(rows.assign(value=[v if v != "235" else "236" for v in rows["value"]]))
    assert {c.period for c in date_by_series(one_off, REFERENCE, {"wire"}) if c.value == "236"} == {"FY2014 Q1"}
    # and counts of a quarter none of which is a year's official figure date nothing
    odd = automatic_claims(rows.assign(value=[{"235": "236", "340": "341", "104": "105"}.get(v, v)
                                              for v in rows["value"]]))
    assert {c.period for c in date_by_series(odd, REFERENCE, {"wire"})} == {""}


def test_a_series_dated_change_from_a_year_its_sentence_names_is_not_checked_as_one_from_the_year_before():
    # a blog's quotation of the Wall Street Journal (blind7 l01), undated: 247 dates it FY2011, but "more than
    # double the levels seen before 2007" is not measured from FY2010
    text = ("To its north, Japan has a separate territorial dispute with Russia, and Japan's air force conducted 247 "
            "scrambles against Russian planes in the year ended in March, more than double the levels seen before "
            "2007.")
    _, rows = undated_rows(text, "blog")
    dated = date_by_series(automatic_claims(rows), REFERENCE, {"blog"})
    assert [(c.value, c.role, c.period, c.compared_period) for c in dated] == [
        ("247", "level", "FY2011", ""), ("100", "change", "FY2011", "")]
    table = claim_checks(claims_table(dated), REFERENCE)
    change = table[(table["check"] == "reference") & (table["claim_id"] == dated[1].claim_id)].iloc[0]
    assert change["status"] == "not_applicable" and "cannot place" in change["detail"]


def test_an_undated_texts_other_counts_of_a_half_take_the_year_its_official_count_gives():
    # a machine-translated TASS rewrite, 2017 (blind8 o10), undated: China's 287 is FY2017 H1's official figure,
    # so Russia's 267 "from April to September", which the series does not hold, is of FY2017 H1 too
    text = ("The Japanese Air Self-Defense Forces raised their fighters 267 times from April to September to "
            "accompany Russian aircraft, which is almost 50% more than in the same period last year.\n\nAt the same "
            "time, the number of sorties of Japanese fighters to intercept Chinese aircraft in the period from April "
            "to September decreased by 30% compared with the data for the previous year and amounted to 287 cases.")
    _, rows = undated_rows(text, "tass")
    dated = {(c.subject, c.value): c.period for c in date_by_series(automatic_claims(rows), REFERENCE, {"tass"})}
    assert dated[("China", "287")] == dated[("Russia", "267")] == dated[("Russia", "50")] == "FY2017 H1"
    # negative: with no count of the half in the series, nothing is dated
    odd = automatic_claims(rows.assign(value=[v if v != "287" else "288" for v in rows["value"]]))
    assert {c.period for c in date_by_series(odd, REFERENCE, {"tass"})} == {""}
