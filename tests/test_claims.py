"""The codebook is checked against the texts; derived values are computed; tables are built from claims."""

import pandas as pd
import pytest

from japan_russia_numbers import claims as claims_module
from japan_russia_numbers.claims import CodebookError, code_claims, load_codebook
from japan_russia_numbers.cleaning import clean_sources, load_source_rules
from japan_russia_numbers.mentions import extract_mentions, mentions_table
from conftest import ROOT

CODEBOOK = ROOT / "data" / "codebook.csv"


@pytest.fixture(scope="module")
def corpus(seed_sources):
    sources = list(seed_sources.values())
    cleaned = {c.source_id: c for c in clean_sources(sources, load_source_rules(ROOT / "data/rules/cleaning_rules.csv"))}
    found = [m for s in sources for m in extract_mentions(cleaned[s.source_id], s.stated_date)]
    mentions = mentions_table(found).astype({"value": str})
    return cleaned, mentions, {s.source_id: s.stated_date for s in sources}


def code(codebook, corpus):
    cleaned, mentions, stated = corpus
    coded, skipped = code_claims(codebook, mentions, cleaned, stated, "codebook.csv")
    return {c.claim_id: c for c in coded}, skipped


def test_every_codebook_entry_matches_the_texts(corpus):
    coded, skipped = code(load_codebook(CODEBOOK), corpus)
    assert not skipped and len(coded) == len(load_codebook(CODEBOOK))
    scrambles = coded["tni_scrambles_russia_fy2017"]
    assert (scrambles.value, scrambles.period, scrambles.subject) == ("390", "FY2017", "Russia")
    cleaned = corpus[0]["tni_forum"]
    assert cleaned.raw[int(scrambles.raw_start):int(scrambles.raw_end)] == scrambles.quote


def test_fiscal_2016_scrambles_are_derived_not_typed(corpus):
    codebook = load_codebook(CODEBOOK)
    assert codebook.set_index("claim_id").loc["tni_scrambles_russia_fy2016", "value"] == ""
    derived = code(codebook, corpus)[0]["tni_scrambles_russia_fy2016"]
    assert derived.value == "301"
    assert derived.derivation.startswith("390 − 89 = 301")


def test_a_quote_that_drifted_fails_naming_the_entry(corpus):
    codebook = load_codebook(CODEBOOK)
    codebook.loc[codebook["claim_id"] == "nikkei_meeting_tally", "quote"] = "an impressive tally of 21 meetings"
    with pytest.raises(CodebookError, match="claim 'nikkei_meeting_tally': quote not found"):
        code(codebook, corpus)


def test_a_value_that_no_longer_matches_its_mention_fails_naming_the_entry(corpus):
    codebook = load_codebook(CODEBOOK)
    codebook.loc[codebook["claim_id"] == "nikkei_visa_bans", "value"] = "32"
    with pytest.raises(CodebookError, match="claim 'nikkei_visa_bans': codebook value '32' but the mention '23'"):
        code(codebook, corpus)


def test_a_mention_lost_by_extraction_fails_naming_the_entry(corpus):
    cleaned, mentions, stated = corpus
    without = mentions[mentions["surface"] != "twenty-one"]
    with pytest.raises(CodebookError, match="claim 'tni_meeting_tally': no extracted mention 'twenty-one'"):
        code_claims(load_codebook(CODEBOOK), without, cleaned, stated, "codebook.csv")


def test_entries_about_other_corpora_are_skipped(corpus):
    cleaned, mentions, stated = corpus
    only_nikkei = {"nikkei": cleaned["nikkei"]}
    coded, skipped = code_claims(load_codebook(CODEBOOK), mentions, only_nikkei, stated)
    assert {c.source_id for c in coded} == {"nikkei"} and "tni_meeting_tally" in skipped


def test_paper_tables_come_from_the_claims(corpus):
    coded, _ = code(load_codebook(CODEBOOK), corpus)
    table = claims_module.claims_table(list(coded.values()))
    manifest = pd.read_csv(ROOT / "seeds" / "sources.csv", dtype=str, keep_default_na=False)
    tables = claims_module.paper_tables(table, manifest)
    scrambles = tables["scrambles_by_fiscal_year"].set_index(["fiscal_year", "country"])["scrambles"]
    assert scrambles.to_dict() == {("FY2016", "Russia"): 301, ("FY2017", "China"): 500, ("FY2017", "Russia"): 390}
    tallies = tables["abe_putin_meeting_tallies"].set_index("source_id")["meetings"].to_dict()
    assert tallies == {"tni_forum": 21, "nikkei": 20}
    meetings = tables["two_plus_two_meetings"]
    assert list(meetings["meeting"]) == [1, 1, 2, 3] and meetings["status"].iloc[-1] == "expected"
    money = tables["money_amounts"].set_index("currency")["amount"].to_dict()
    assert money == {"JPY": 4_000_000_000, "USD": 38_500_000}
    stances = " | ".join(tables["japan_sanctions_on_russia"]["description"])
    assert "no economic sanctions" in stances and "23 individuals" in stances and "Putin" in stances


def test_latex_and_markdown_tables_escape_source_text():
    frame = pd.DataFrame({"quote": ['<script>alert("x")</script> & 93% $5 | x_y']})
    from japan_russia_numbers.outputs import to_latex_booktabs, to_markdown
    assert r"\textless{}script\textgreater{}" in to_latex_booktabs(frame, "c") and r"93\%" in to_latex_booktabs(frame, "c")
    assert r"\$5" in to_latex_booktabs(frame, "c") and r"x\_y" in to_latex_booktabs(frame, "c")
    assert "&lt;script&gt;" in to_markdown(frame) and r"\|" in to_markdown(frame)
