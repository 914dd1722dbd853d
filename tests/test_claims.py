"""The codebook is checked against the texts; derived values are computed; tables are built from claims."""

import pandas as pd
import pytest

from japan_russia_numbers import claims as claims_module
from japan_russia_numbers.claims import CodebookError, code_claims, load_codebook
from conftest import ROOT

CODEBOOK = ROOT / "data" / "codebook.csv"


@pytest.fixture(scope="module")
def corpus(seed_documents):
    cleaned, mentions, coded, stated = seed_documents
    return cleaned, mentions, stated, coded


def code(codebook, corpus):
    cleaned, mentions, stated, automatic = corpus
    coded, skipped, _ = code_claims(codebook, mentions, cleaned, stated, automatic, "codebook.csv")
    return {c.claim_id: c for c in coded}, skipped


def test_the_lexicon_codes_the_seeds_numbers_as_the_codebook_does(corpus):
    cleaned, mentions, stated, automatic = corpus
    _, _, agreement = code_claims(load_codebook(CODEBOOK), mentions, cleaned, stated, automatic)
    outcome = dict(zip(agreement["entry"], agreement["outcome"]))
    for entry in ("tni_scrambles_russia_fy2017", "tni_scrambles_russia_increase", "tni_scrambles_china_fy2017",
                  "tni_meeting_tally", "nikkei_meeting_tally", "nikkei_visa_bans", "nikkei_two_plus_two_first",
                  "nikkei_two_plus_two_second", "tni_two_plus_two_third"):
        assert outcome[entry] == "confirmed", entry
    # every numeric entry the lexicon could code is coded; the rest say why they are the codebook's
    assert outcome["nikkei_loan_jpy"] == "overridden" and outcome["tni_scrambles_russia_fy2016"] == "derived"
    assert set(outcome.values()) <= {"confirmed", "overridden", "by hand", "derived"}
    assert all(agreement.loc[agreement["outcome"] != "confirmed", "reason"] != "")


def test_an_override_without_a_reason_fails_naming_the_entry(corpus):
    codebook = load_codebook(CODEBOOK)
    codebook.loc[codebook["claim_id"] == "nikkei_visa_bans", ["subject", "note"]] = ["Russian officials", ""]
    with pytest.raises(CodebookError, match="claim 'nikkei_visa_bans': overridden entries need a note"):
        code(codebook, corpus)


def test_without_a_codebook_the_lexicon_alone_codes_the_scrambles(corpus):
    cleaned, mentions, stated, automatic = corpus
    coded, _, _ = code_claims(load_codebook(CODEBOOK).iloc[0:0], mentions, cleaned, stated, automatic)
    scrambles = {(c.subject, c.period, c.value, c.role) for c in coded if c.metric == "asdf_scrambles"}
    assert scrambles == {("Russia", "FY2017", "390", "level"), ("Russia", "FY2017", "89", "change"),
                         ("China", "FY2017", "500", "level")}
    assert all(c.coding == "automatic" and c.rule for c in coded)


def test_every_codebook_entry_matches_the_texts(corpus):
    coded, skipped = code(load_codebook(CODEBOOK), corpus)
    assert not skipped and set(load_codebook(CODEBOOK)["claim_id"]) <= set(coded)
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
    cleaned, mentions, stated, automatic = corpus
    without = mentions[mentions["surface"] != "twenty-one"]
    with pytest.raises(CodebookError, match="claim 'tni_meeting_tally': no extracted mention 'twenty-one'"):
        code_claims(load_codebook(CODEBOOK), without, cleaned, stated, automatic, "codebook.csv")


def test_entries_about_other_corpora_are_skipped(corpus):
    cleaned, mentions, stated, automatic = corpus
    only_nikkei = {"nikkei": cleaned["nikkei"]}
    nikkei = automatic[automatic["source_id"] == "nikkei"]
    coded, skipped, _ = code_claims(load_codebook(CODEBOOK), mentions, only_nikkei, stated, nikkei)
    assert {c.source_id for c in coded} == {"nikkei"} and "tni_meeting_tally" in skipped


def test_paper_tables_come_from_the_claims(corpus):
    coded, _ = code(load_codebook(CODEBOOK), corpus)
    table = claims_module.claims_table(list(coded.values()))
    manifest = pd.read_csv(ROOT / "seeds" / "sources.csv", dtype=str, keep_default_na=False)
    tables = claims_module.paper_tables(table, manifest)
    scrambles = tables["scrambles_by_fiscal_year"].set_index(["period", "country"])["scrambles"]
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


def test_notebook_tables_escape_source_text_and_separate_thousands():
    from japan_russia_numbers.outputs import styled
    frame = pd.DataFrame({"quote": ['<script>alert("x")</script> & co'], "amount": ["4000000000"],
                          "fiscal_year": ["2017"], "scrambles": ["1168"]})
    html, text = styled(frame)._repr_html_(), repr(styled(frame))
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "4,000,000,000" in html and "1,168" in html and ">2017<" in html and "2,017" not in html
    assert html == styled(frame)._repr_html_() and "0x" not in text  # the same bytes on every run


def test_the_agreement_sentence_for_a_corpus_the_codebook_does_not_cover():
    empty = pd.DataFrame(columns=["entry_id", "outcome"])
    assert claims_module.agreement_summary(empty, 154) == (
        "The lexicon coded 154 claims; the codebook has no entries about this corpus.")


def test_a_long_paper_table_is_typeset_in_part_and_kept_whole_in_its_csv(tmp_path):
    from japan_russia_numbers.outputs import PAPER_TABLE_MAX_ROWS, write_paper_table
    rows = PAPER_TABLE_MAX_ROWS * 3
    frame = pd.DataFrame({"source_id": [f"doc{i:05d}" for i in range(rows)], "scrambles": range(rows)})
    write_paper_table(frame, tmp_path, "scrambles", "Scramble counts by fiscal year.")
    assert len(pd.read_csv(tmp_path / "scrambles.csv")) == rows
    tex, md = (tmp_path / "scrambles.tex").read_text(), (tmp_path / "scrambles.md").read_text()
    assert tex.count(r" \\") - 1 == PAPER_TABLE_MAX_ROWS and md.count("| doc") == PAPER_TABLE_MAX_ROWS  # header row too
    assert f"The first {PAPER_TABLE_MAX_ROWS} of {rows} rows; all are in scrambles.csv." in tex
    assert "doc00000" in tex and f"doc{rows - 1:05d}" not in tex
    write_paper_table(frame.head(3), tmp_path, "short", "Scramble counts by fiscal year.")
    assert "rows; all are in" not in (tmp_path / "short.tex").read_text()
