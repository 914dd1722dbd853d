"""The key numbers for papers: LaTeX macros that stay in sync with the data, each saying where it comes from."""

import json
import re

import pandas as pd

from japan_russia_numbers.papernumbers import fiscal_year_words, number_words
from conftest import ROOT

read = lambda path: pd.read_csv(path, dtype=str, keep_default_na=False)


def test_macro_names_spell_their_years_in_letters():
    assert [number_words(n) for n in (0, 7, 17, 20, 24, 99)] == ["zero", "seven", "seventeen", "twenty", "twentyfour",
                                                                  "ninetynine"]
    assert fiscal_year_words("FY2017") == "FYseventeen" and fiscal_year_words("FY1984") == "FYnineteeneightyfour"


def test_numbers_tex_matches_the_committed_tables():
    tex = (ROOT / "data/tables/numbers.tex").read_text(encoding="utf-8")
    macros = dict(re.findall(r"\\newcommand\{\\([A-Za-z]+)\}\{([^}]*(?:\{,\}[^}]*)*)\}", tex))
    assert len(macros) == len(re.findall(r"\\newcommand", tex))  # every name is letters only, and unique
    flagged = (read(ROOT / "data/checks.csv")["status"] == "flag").sum()
    assert macros["ChecksFlagged"] == str(flagged)
    series = read(ROOT / "data/reference/asdf_scramble_series.csv").query("used == 'yes' and period == 'FY2017'")
    russia = int(series.loc[series["subject"] == "Russia", "scrambles"].iloc[0])
    assert macros["ScramblesRussiaFYseventeen"].replace("{,}", "") == str(russia)
    lines = tex.splitlines()
    assert all(lines[i - 1].startswith("% ") for i, line in enumerate(lines) if line.startswith("\\newcommand"))
    data = json.loads((ROOT / "data/tables/numbers.json").read_text(encoding="utf-8"))
    assert data["ChecksFlagged"]["value"] == str(flagged) and set(data) == set(macros)
