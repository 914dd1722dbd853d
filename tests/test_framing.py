"""Topic counts for the framing figure."""

from japan_russia_numbers.framing import load_terms, topic_rates
from conftest import ROOT


def test_us_abbreviations_and_names_are_counted_once_each():
    terms = load_terms(ROOT / "data/rules/framing_terms.csv")
    text = "The U.S. and the United States, America and Washington; US policy. Russia's use of force."
    rates = topic_rates({"t": text}, terms).set_index("topic")
    assert rates.loc["United States", "mentions"] == 5
    assert rates.loc["Sanctions", "mentions"] == 0
