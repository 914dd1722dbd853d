"""Topic counts for the framing figure."""

from japan_russia_numbers.framing import load_terms, topic_rates
from conftest import ROOT


def test_us_abbreviations_and_names_are_counted_once_each():
    terms = load_terms(ROOT / "data/rules/framing_terms.csv")
    text = "The U.S. and the United States, America and Washington; US policy. Russia's use of force."
    rates = topic_rates({"t": text}, terms).set_index("topic")
    assert rates.loc["United States", "mentions"] == 5
    assert rates.loc["Sanctions", "mentions"] == 0


def test_topics_are_counted_once_per_source_by_the_per_document_work(tmp_path):
    """Notebook 01 writes framing.csv from each cleaned body; it is what counting the bodies gives."""
    from japan_russia_numbers import document, framing

    document.process_folder(ROOT / "seeds", tmp_path, ROOT / "data/rules/cleaning_rules.csv", workers=1,
                            terms_file=ROOT / "data/rules/framing_terms.csv")
    written = framing.read_topic_rates(tmp_path)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((tmp_path / "clean").glob("*.txt"))}
    again = framing.topic_rates(texts, load_terms(ROOT / "data/rules/framing_terms.csv"))
    key = ["source_id", "topic"]
    assert written.sort_values(key).reset_index(drop=True).equals(again.sort_values(key).reset_index(drop=True))
    assert set(written["source_id"]) == set(texts) and len(texts) == 5
