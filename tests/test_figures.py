"""Figures are ready for a journal: editable text, 300 dpi, no dates, captioned, from data."""

import os
import re
import struct
import io

import matplotlib.patches
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from conftest import ROOT
from japan_russia_numbers import cleaning, crosscheck, figures
from japan_russia_numbers.outputs import read_text_table

FIGURES = ROOT / "figures"
NAMES = ["cleaning_audit", "scrambles", "meeting_tally", "timeline", "framing"]


@pytest.mark.parametrize("name", NAMES)
def test_pdf_embeds_truetype_fonts_and_no_dates(name):
    pdf = (FIGURES / f"{name}.pdf").read_bytes()
    # TrueType outlines (FontFile2), embedded as TrueType or as a CID-keyed TrueType (Type 42) font
    assert b"/FontFile2" in pdf and (b"/Subtype /TrueType" in pdf or b"/Subtype /CIDFontType2" in pdf)
    assert b"/Type3" not in pdf and b"/CreationDate" not in pdf and b"/ModDate" not in pdf


@pytest.mark.parametrize("name", NAMES)
def test_svg_keeps_text_as_text_and_has_no_date(name):
    svg = (FIGURES / f"{name}.svg").read_text(encoding="utf-8")
    assert "<text" in svg and "<dc:date>" not in svg


@pytest.mark.parametrize("name", NAMES)
def test_png_is_300_dpi(name):
    png = (FIGURES / f"{name}.png").read_bytes()
    chunk = png.index(b"pHYs")
    x_per_metre, y_per_metre, unit = struct.unpack(">IIB", png[chunk + 4:chunk + 13])
    assert unit == 1 and round(x_per_metre * 0.0254) == round(y_per_metre * 0.0254) == 300


def test_widths_are_journal_columns():
    for name in NAMES:
        width_pt = float(re.search(rb"/MediaBox \[\s*0 0 ([\d.]+)", (FIGURES / f"{name}.pdf").read_bytes())[1])
        assert width_pt / 72 <= 7.2 + 0.05, name


def test_readme_lists_every_figure_with_caption_notebook_and_data():
    readme = (FIGURES / "README.md").read_text(encoding="utf-8")
    for name in NAMES:
        section = readme.split(f"## {name}\n", 1)[1].split("\n## ", 1)[0]
        assert "Drawn by: `notebooks/0" in section and "- Data: `data/" in section
        assert len(section.split("\n")[3]) > 40  # a caption sentence


# --- Figures keep their size whatever the number of sources (issue 14) ------------------------------

CAP = figures.MAX_ROWS
LARGE = 2_000
TOPICS = ["China", "United States", "Ukraine/Crimea", "North Korea", "Kurils/Northern Territories", "Sanctions"]


def ids(n):
    return [f"src{i:05d}" for i in range(n)]


def synthetic_characters(n, seed=0):
    """characters_by_rule.csv for n sources: every source has kept text and a few removal rules."""
    rng = np.random.default_rng(seed)
    fates = ["kept", "byline", "forum_chrome", "paywall_prompt", "html_tag", "reader_comments", "nbsp", "whitespace"]
    scale = np.array([6000, 20, 60, 150, 40, 800, 5, 100])
    counts = (rng.lognormal(0, 0.8, (n, len(fates))) * scale).round().astype(int) + 1
    return pd.DataFrame({"source_id": np.repeat(ids(n), len(fates)), "fate": fates * n,
                         "characters": counts.ravel()})


def synthetic_rates(n, seed=0):
    """framing.csv for n sources."""
    rng = np.random.default_rng(seed)
    words = rng.integers(300, 3000, n)
    mentions = rng.poisson([10, 15, 4, 3, 4, 3], (n, len(TOPICS))) * words[:, None] // 1000
    return pd.DataFrame({"source_id": np.repeat(ids(n), len(TOPICS)), "topic": TOPICS * n,
                         "mentions": mentions.ravel(), "words": np.repeat(words, len(TOPICS)),
                         "per_1000_words": (1000 * mentions / words[:, None]).round(2).ravel()})


def synthetic_dated(n, seed=0):
    """The dated body mentions of mentions.csv for n sources, as notebook 06 reads them (text columns)."""
    rng = np.random.default_rng(seed)
    per_source = 8
    start = rng.integers(1940, 2022, n * per_source)
    span = rng.choice([0, 0, 0, 1, 19], n * per_source)
    inferred = np.where(rng.random(n * per_source) < 0.1, start.astype(str), "")
    return pd.DataFrame({"source_id": np.repeat(ids(n), per_source), "kind": "date",
                         "date_start": [f"{y}-01-01" for y in start],
                         "date_end": [f"{y}-12-31" for y in start + span], "year_inferred": inferred})


def synthetic_tallies(n, seed=0):
    """crosscheck.tally_points for n sources with a meeting tally (dates as text, as read)."""
    rng = np.random.default_rng(seed)
    earliest = pd.Timestamp("2013-01-01") + pd.to_timedelta(rng.integers(0, 2000, n), unit="D")
    latest = earliest + pd.to_timedelta(rng.integers(0, 60, n), unit="D")
    stated = latest + pd.to_timedelta(rng.choice([0, 0, 0, 400], n), unit="D")
    meetings = 1 + (earliest - pd.Timestamp("2013-01-01")).days // 90
    return pd.DataFrame({"source_id": ids(n), "meetings": meetings,
                         "stated_date": stated.strftime("%Y-%m-%d"), "earliest": earliest.strftime("%Y-%m-%d"),
                         "latest": latest.strftime("%Y-%m-%d"), "verdict": "consistent"})


def draw(name, n):
    if name == "cleaning_audit":
        return figures.plot_cleaning_audit(synthetic_characters(n), cleaning.RULE_GROUPS, cleaning.RULE_GROUP_ORDER)
    if name == "framing":
        return figures.plot_framing(synthetic_rates(n), ids(n))
    if name == "timeline":
        return figures.plot_timeline(synthetic_dated(n), ids(n))
    if name == "meeting_tally":
        return figures.plot_tally(synthetic_tallies(n))
    raise ValueError(name)


def artists(fig):
    """Everything drawn in the figure's axes: bars, lines, markers, texts, images."""
    return sum(len(ax.get_children()) for ax in fig.axes)


BOUNDED = {  # figure: (the most sources it draws one by one, the caption's account of its aggregate)
    "cleaning_audit": (CAP, figures.AUDIT_AGGREGATED),
    "framing": (CAP, figures.FRAMING_AGGREGATED),
    "timeline": (CAP, figures.TIMELINE_AGGREGATED),
    "meeting_tally": (figures.TALLY_CAP, figures.TALLY_AGGREGATED),
}


@pytest.mark.parametrize("name", list(BOUNDED))
def test_large_corpus_figure_keeps_the_size_it_has_at_30_sources(name):
    cap, _ = BOUNDED[name]
    at_cap, at_30, large = draw(name, cap), draw(name, 30), draw(name, LARGE)
    try:
        assert tuple(large.get_size_inches()) == tuple(at_30.get_size_inches())
        assert large.get_size_inches()[1] <= at_cap.get_size_inches()[1]  # never taller than at the cap
        assert large.get_size_inches()[0] <= figures.DOUBLE_COLUMN
        assert artists(large) == artists(at_30)  # nothing drawn per source
    finally:
        plt.close("all")


@pytest.mark.parametrize("name", list(BOUNDED))
def test_large_corpus_figure_has_at_most_cap_plus_one_rows(name):
    cap, _ = BOUNDED[name]
    fig = draw(name, LARGE)
    try:
        for ax in fig.axes:
            assert len(ax.get_yticklabels()) <= cap + 1
            labels = {t.get_text() for t in ax.get_yticklabels()} | {t.get_text() for t in ax.texts}
            named = [label for label in labels if label.startswith("src")]
            assert len(named) <= cap  # at most cap - 1 sources named (the audit), the rest summed
            bars = [p for p in ax.patches if isinstance(p, matplotlib.patches.Rectangle)]
            assert len(bars) <= 8 * (cap + 1)  # a few bars per row (the audit stacks six groups)
    finally:
        plt.close("all")


def test_audit_above_the_cap_names_those_that_lost_most_and_sums_the_rest():
    characters = synthetic_characters(LARGE)
    fig = figures.plot_cleaning_audit(characters, cleaning.RULE_GROUPS, cleaning.RULE_GROUP_ORDER)
    try:
        labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
        assert len(labels) == CAP and labels[0] == f"all other {LARGE - CAP + 1:,} sources"
        raw = characters.groupby("source_id")["characters"].sum()
        kept = characters[characters["fate"] == "kept"].set_index("source_id")["characters"]
        worst = (1 - kept / raw).sort_values(ascending=False).index[:CAP - 1]
        assert set(labels[1:]) == set(worst) and labels[-1] == worst[0]  # most lost at the top
    finally:
        plt.close("all")


@pytest.mark.parametrize("name", list(BOUNDED))
def test_caption_says_when_a_figure_is_aggregated(name):
    cap, aggregated = BOUNDED[name]
    assert figures.caption_for_size("Base caption.", cap, aggregated, cap=cap) == "Base caption."
    caption = figures.caption_for_size("Base caption.", LARGE, aggregated, cap=cap)
    assert caption.startswith("Base caption. ") and "aggregated" in caption and f"{LARGE:,}" in caption
    assert "{" not in caption


def test_below_the_cap_every_source_has_its_row():
    try:
        assert len(figures.plot_framing(synthetic_rates(CAP), ids(CAP)).axes[0].get_yticklabels()) == CAP
        assert len(figures.plot_timeline(synthetic_dated(CAP), ids(CAP)).axes[0].get_yticklabels()) == CAP
        audit = figures.plot_cleaning_audit(synthetic_characters(CAP), cleaning.RULE_GROUPS, cleaning.RULE_GROUP_ORDER)
        assert len(audit.axes[0].get_yticklabels()) == CAP
        # every tally drawn, each with its own colour and label (the palette has TALLY_CAP colours)
        tally = figures.plot_tally(synthetic_tallies(figures.TALLY_CAP))
        assert len([t for t in tally.axes[0].texts if t.get_text().startswith("src")]) == figures.TALLY_CAP
    finally:
        plt.close("all")


def test_scrambles_draw_identical_claims_once():
    official = read_text_table(ROOT / "data/reference/asdf_scramble_series.csv")
    claimed = read_text_table(ROOT / "data/scrambles_vs_official.csv")
    many = claimed.loc[claimed.index.repeat(LARGE)].assign(source_id=np.tile(ids(LARGE), len(claimed)))
    try:
        few, large = figures.plot_scrambles(official, claimed), figures.plot_scrambles(official, many)
        assert tuple(few.get_size_inches()) == tuple(large.get_size_inches())
        points = lambda fig: sum(len(c.get_offsets()) for c in fig.axes[0].collections)
        assert points(large) == points(few) == len(claimed)
    finally:
        plt.close("all")
    caption = figures.describe_scrambles(many)
    assert "Identical figures" in caption and f"{LARGE:,} texts" in caption


def test_captions_from_data_tell_this_corpus_not_the_seed_study():
    seed_dates = read_text_table(ROOT / "data/source_dates.csv")
    seed = figures.describe_tally(crosscheck.tally_points(read_text_table(ROOT / "data/claims.csv"), seed_dates))
    assert "nikkei states 9 December 2018" in seed and "by stated date the tally falls" in seed.lower()
    other = figures.describe_tally(synthetic_tallies(LARGE))
    assert "nikkei" not in other and "2018 article" not in other and f"of the {LARGE:,} sources" in other
    assert figures.describe_tally(synthetic_tallies(0)).startswith("No text")
    assert "tni_forum" not in figures.describe_scrambles(read_text_table(ROOT / "data/scrambles_vs_official.csv")
                                                         .assign(source_id="other_source"))


def test_a_saved_figure_is_closed_and_previewed_from_its_png_at_a_third_of_the_size(tmp_path):
    from PIL import Image

    fig = draw("cleaning_audit", 5)
    preview = figures.save_figure(fig, figures.FigureRecord("audit", "caption", "nb", ("d",)), tmp_path)
    assert not plt.fignum_exists(fig.number)  # nothing left for the notebook to draw again
    saved = Image.open(tmp_path / "audit.png").size
    shown = Image.open(io.BytesIO(preview._repr_png_())).size
    assert shown == (-(-saved[0] // 3), -(-saved[1] // 3))


@pytest.mark.parametrize("name", list(BOUNDED))
def test_large_corpus_figure_saves_small(name, tmp_path):
    fig = draw(name, LARGE)
    try:
        figures.save_figure(fig, figures.FigureRecord(name, "caption", "nb", ("d",)), tmp_path)
    finally:
        plt.close("all")
    assert (tmp_path / f"{name}.png").stat().st_size < 600_000
    assert (tmp_path / f"{name}.svg").stat().st_size < 200_000


def test_a_long_title_is_cut_where_a_caption_lists_texts():
    # a page without a headline has its first sentence as title (tests/data/scrambles/blind3/pages/c06.txt)
    manifest = pd.DataFrame([{"source_id": "c06", "outlet": "", "stated_date": "", "title":
                              "Air Self-Defence Force fighters scrambled to intercept foreign aircraft approaching "
                              "Japanese airspace a record number of times"},
                             {"source_id": "d02", "outlet": "The Japan Times", "stated_date": "2012-04-27", "title": "x"}])
    names = figures.source_names(manifest)
    assert names["c06"] == "Air Self-Defence Force fighters scrambled to intercept…"
    assert names["d02"] == "The Japan Times, 2012"


def test_names_that_hold_commas_are_listed_apart_in_the_scramble_caption():
    claimed = read_text_table(ROOT / "data/scrambles_vs_official.csv")
    two = pd.concat([claimed.assign(source_id="a"), claimed.assign(source_id="b")])
    caption = figures.describe_scrambles(two, {"a": "Nikkei Asian Review, 2018", "b": "The Diplomat, 2017"})
    assert "(Nikkei Asian Review, 2018; The Diplomat, 2017)" in caption


def test_the_pdf_written_by_a_forked_child_is_the_bytes_written_without_one(tmp_path, monkeypatch):
    written = {}
    for way in ("forked", "in_process"):
        if way == "in_process":
            monkeypatch.delattr(figures.os, "fork")  # a system that cannot fork
        figures.save_figure(draw("cleaning_audit", 5), figures.FigureRecord("audit", "c", "nb", ()), tmp_path / way)
        written[way] = {p.name: p.read_bytes() for p in sorted((tmp_path / way).iterdir())}
    assert written["forked"] == written["in_process"] and "audit.pdf" in written["forked"]
    assert written["forked"]["audit.pdf"].startswith(b"%PDF")


def test_a_child_that_fails_leaves_the_pdf_to_this_process(tmp_path, monkeypatch):
    def failing_child(work):
        pid = os.fork()
        if pid == 0:
            os._exit(1)  # dies before writing anything
        return pid

    monkeypatch.setattr(figures, "_in_child", failing_child)
    figures.save_figure(draw("cleaning_audit", 5), figures.FigureRecord("audit", "c", "nb", ()), tmp_path)
    assert (tmp_path / "audit.pdf").read_bytes().startswith(b"%PDF")


def test_a_year_of_the_official_series_with_no_neighbour_is_drawn_as_a_dot():
    # the series holds China's FY2005 (107) and then nothing until FY2010: FY2005 draws no line, so a dot shows it
    official = read_text_table(ROOT / "data/reference/asdf_scramble_series.csv")
    claimed = read_text_table(ROOT / "data/scrambles_vs_official.csv")
    try:
        figure = figures.plot_scrambles(official, claimed)
        dots = [(x, y) for line in figure.axes[0].get_lines() if line.get_marker() == "."
                for x, y in zip(line.get_xdata(), line.get_ydata())]
        assert (2005, 107.0) in dots
        assert all(x != 2012 for x, _ in dots)  # a year inside a run of years is on the line, not a dot
    finally:
        plt.close("all")
