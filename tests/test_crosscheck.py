"""The study dates its sources and finds what does not add up, by itself, from the claims."""

import datetime as dt

import pandas as pd
import pytest

from japan_russia_numbers import crosscheck
from japan_russia_numbers.claims import claims_table, code_claims, load_codebook
from conftest import ROOT

read = lambda path: pd.read_csv(path, dtype=str, keep_default_na=False)
EVENTS = read(ROOT / "data/reference/events.csv")
SERIES = read(ROOT / "data/reference/asdf_scramble_series.csv")


@pytest.fixture(scope="module")
def study(seed_documents):
    cleaned, mentions, automatic, stated = seed_documents
    coded, _, _ = code_claims(load_codebook(ROOT / "data/codebook.csv"), mentions, cleaned, stated, automatic)
    manifest = read(ROOT / "seeds/sources.csv")
    claims = claims_table(coded)
    windows = crosscheck.date_sources(manifest, mentions, claims, EVENTS)
    return manifest, mentions, claims, windows


def test_the_december_2018_text_is_dated_to_december_2017_by_its_content(study):
    nikkei = study[3]["nikkei"]
    assert nikkei.verdict == "contradicted"
    assert dt.date(2017, 11, 1) <= nikkei.earliest <= dt.date(2017, 12, 1)
    assert dt.date(2017, 12, 31) <= nikkei.latest <= dt.date(2018, 1, 31)
    evidence = " ".join(nikkei.evidence)
    assert "tally of 20" in evidence and "below the 21" in evidence
    assert "before the third (31 July 2018" in evidence and "this week" in evidence and "tni_forum, which dates it to December 2017" in evidence


def test_the_july_2018_text_is_consistent(study):
    tni = study[3]["tni_forum"]
    assert tni.verdict == "consistent" and tni.earliest <= dt.date(2018, 7, 9) <= tni.latest


def test_the_undated_russia_insider_text_is_from_after_6_may_2016_within_2016(study):
    insider = study[3]["russia_insider"]
    assert insider.verdict == "undated"
    assert dt.date(2016, 5, 6) <= insider.earliest and insider.latest <= dt.date(2016, 12, 31)


def test_the_undated_diplomat_interview_is_from_2022_or_later(study):
    diplomat = study[3]["diplomat_interview"]
    assert diplomat.verdict == "undated"
    assert diplomat.earliest == dt.date(2022, 1, 1) and diplomat.latest is None


def test_the_2014_stratfor_diary_is_consistent(study):
    assert study[3]["stratfor_diary"].verdict == "consistent"


def test_checks_flag_what_does_not_add_up(study):
    _, _, claims, windows = study
    checks, verification = crosscheck.run_checks(claims, EVENTS, SERIES, windows)
    status = dict(zip(checks["check"] + " " + checks["claim_id"], checks["status"]))
    assert status["abe_putin_tally_by_stated_date "] == "flag"
    assert status["abe_putin_tally_by_inferred_date "] == "ok"
    assert status["reference tni_scrambles_russia_fy2016"] == "ok"  # 390 - 89 = 301, the official FY2016 figure
    assert status["reference tni_scrambles_russia_increase"] == "ok"
    assert status["arithmetic tni_scrambles_russia_increase"] == "ok"
    assert status["two_plus_two_meeting_1 "] == "ok" and status["two_plus_two_meeting_2 "] == "ok"
    assert status["two_plus_two_meeting_3 "] == "flag"  # expected on 21 July, held on 31 July 2018
    assert status["eight_point_plan_sochi_may_2016 "] == "ok"
    assert status["visit_gerasimov "] == "flag" and status["visit_salyukov "] == "flag"
    assert status["japan_sanctions_stance_by_date "] == "ok"
    assert set(verification["status"]) == {"ok"} and len(verification) == 3
    # a check with nothing to check is never ok
    assert set(checks.loc[checks["detail"].str.contains("no official series|no other text"), "status"]) == {"not_applicable"}


def test_a_wrong_scramble_figure_is_flagged(study):
    _, _, claims, windows = study
    wrong = claims.copy()
    wrong.loc[wrong["claim_id"] == "tni_scrambles_china_fy2017", "value"] = "550"
    _, verification = crosscheck.run_checks(wrong, EVENTS, SERIES, windows)
    row = verification.set_index("claim_id").loc["tni_scrambles_china_fy2017"]
    assert row["status"] == "flag" and "differs from the official 500" in row["detail"]


def test_checks_on_a_corpus_without_tallies_or_stances_are_not_applicable(study):
    _, _, claims, windows = study
    only_scrambles = claims[claims["metric"] == "asdf_scrambles"]
    checks, _ = crosscheck.run_checks(only_scrambles, EVENTS, SERIES, windows)
    status = dict(zip(checks["check"], checks["status"]))
    assert status["abe_putin_tally_by_stated_date"] == "not_applicable"
    assert status["japan_sanctions_stance_by_date"] == "not_applicable"
    assert status["eight_point_plan_sochi_may_2016"] == "not_applicable"


def test_a_larger_tally_moves_a_source_after_the_anchor(study):
    manifest, mentions, claims, _ = study
    bigger = claims.copy()
    bigger.loc[bigger["claim_id"] == "nikkei_meeting_tally", "value"] = "25"
    windows = crosscheck.date_sources(manifest, mentions, bigger, EVENTS)
    assert windows["nikkei"].earliest >= dt.date(2018, 7, 9)
    assert any("exceeds the 21" in e for e in windows["nikkei"].evidence)


def test_the_dating_argument_reads_as_sentences(study):
    text = crosscheck.dating_argument(study[3]["nikkei"])
    assert text.startswith("**nikkei** states 9 December 2018; its content places it between")
    assert text.endswith("The stated date is contradicted by the content.")


def test_a_source_its_content_does_not_date_is_said_to_be_undatable_not_to_fit():
    stated = crosscheck.SourceDate("c01", "2010-11-04")  # a Nikkei repost whose text names no dated event
    assert crosscheck.dating_argument(stated) == (
        "**c01** states 4 November 2010; nothing in its content dates it, so there is nothing to test the stated "
        "date against.")
    assert crosscheck.dating_argument(crosscheck.SourceDate("p09", "")) == (
        "**p09** prints no date; nothing in its content dates it.")


def test_a_meeting_named_without_a_date_is_not_checked_and_stops_nothing():
    # heldout33 zg07 (the Russian embassy's undated page): "The first round of 2+2 consultations ..." has no date;
    # zg08 (Russia's MFA, March 2017) dates the second round
    columns = ["claim_id", "source_id", "metric", "value", "period", "date_start", "date_end", "qualifier"]
    claims = pd.DataFrame([["zg07:claim001", "zg07", "two_plus_two_meeting", "1", "", "", "", ""],
                           ["zg08:claim001", "zg08", "two_plus_two_meeting", "2", "2017-03-20/2017-03-21", "2017-03-20",
                            "2017-03-21", "expected"]], columns=columns)
    checks = crosscheck.check_meeting_chronology(claims, EVENTS)
    assert [c.check for c in checks] == ["two_plus_two_meeting_2"]


def test_a_year_a_text_aims_at_is_no_past_event():
    # heldout31 ze01 (a 2008 RIA Novosti copy): "The company is seeking to supply about 90 million metric tons of
    # LNG annually to world markets by 2030" does not date the text after 2030
    mentions = pd.DataFrame([
        ["ze01", "ze01:m001", "date", "April 25", "2008-04-25", "", 8, "Gazprom said on April 25 that it signed."],
        ["ze01", "ze01:m002", "date", "2030", "2030-01-01", "", 1093, "The company is seeking to supply about 90 "
         "million metric tons of LNG annually to world markets by 2030."]], columns=crosscheck.DATING_COLUMNS)
    assert crosscheck.latest_past_events(mentions)["ze01"]["surface"] == "April 25"
    # heldout32 zf03 (Sputnik, 24 March 2023): "quotas ... in the 2023 financial year that starts on April 1"
    mentions = pd.DataFrame([["zf03", "zf03:m003", "date", "2023 financial year", "2023-04-01", "", 300,
                              "Japan and Russia agreed on quotas for salmon in the 2023 financial year that starts on "
                              "April 1."]], columns=crosscheck.DATING_COLUMNS)
    assert "zf03" not in crosscheck.latest_past_events(mentions)
