"""Stage 6 and the one figure style: print-sized, colour-blind safe, editable text, stable bytes.

Every figure of the study is drawn with `figure()` and saved with `save_figure()`, which writes
PDF (TrueType fonts), SVG (text as text) and PNG (300 dpi) with no dates or random ids, so a rerun
in any timezone or locale writes the same bytes.

A figure keeps a readable size whatever the size of the corpus. Up to `MAX_ROWS` sources a figure
draws one row (or point) per source, as the five-source study shows it; above that it draws an
aggregate whose size and number of artists do not depend on the number of sources (a figure of 10,000
sources saves in about the time of one of 20), and `caption_for_size` adds a sentence to the caption
saying what the aggregate shows.
"""

from __future__ import annotations

import io
import itertools
import os
import re
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import matplotlib.dates
import matplotlib.pyplot as plt
import matplotlib.ticker
import numpy as np
import pandas as pd

from .outputs import markdown_escape, records, write_atomic

SINGLE_COLUMN = 3.5  # inches: one column of a two-column journal page
DOUBLE_COLUMN = 7.2  # inches: full page width
# Okabe & Ito (2008), distinguishable under the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
GREY = "#7f7f7f"
# The most sources a figure draws one by one: 20 rows of 0.3 in fill most of a journal page. Above it
# a figure shows an aggregate of the same or a smaller size (see each plot_* function).
MAX_ROWS = 20
# The most meeting tallies drawn one by one, each labelled with its source in a colour of its own:
# more labels crowd a single-column figure.
TALLY_CAP = len(PALETTE)

STYLE = {
    "font.family": "DejaVu Sans",  # ships with matplotlib: the same glyphs on every machine
    "font.size": 8, "axes.titlesize": 8, "axes.labelsize": 8,
    "xtick.labelsize": 7, "ytick.labelsize": 7, "legend.fontsize": 7,
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "axes.spines.top": False, "axes.spines.right": False,
    "axes.grid": False, "legend.frameon": False,
    "lines.linewidth": 1.2, "lines.markersize": 4, "axes.linewidth": 0.6,
    "xtick.major.width": 0.6, "ytick.major.width": 0.6,
    "pdf.fonttype": 42,        # TrueType (Type 42) fonts: labels stay editable text
    "ps.fonttype": 42,
    "svg.fonttype": "none",    # SVG <text> elements rather than glyph paths
    "svg.hashsalt": "japan-russia-numbers",  # fixed ids inside the SVG
    "savefig.dpi": 300, "figure.dpi": 100,
    "savefig.bbox": "tight", "savefig.pad_inches": 0.02,
    "text.usetex": False, "axes.formatter.use_locale": False,
}
_NO_DATES = {"pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
             "svg": {"Date": None, "Creator": None},
             "png": {"Software": None}}


@dataclass(frozen=True)
class FigureRecord:
    """What figures/README.md says about one figure."""
    name: str
    caption: str
    notebook: str
    data_files: tuple[str, ...]


def figure(width: float = SINGLE_COLUMN, height: float = 2.4, **subplots):
    """A new figure in the study's style at a journal width (SINGLE_COLUMN or DOUBLE_COLUMN)."""
    matplotlib.rcParams.update(STYLE)  # the study draws in one style; set it where figures start
    return plt.subplots(figsize=(width, height), layout="constrained", **subplots)


def safe_text(text: object) -> str:
    """Source text made safe for a matplotlib label: '$' would start mathtext."""
    return str(text).replace("\\", "\\\\").replace("$", r"\$")


@dataclass(frozen=True)
class Preview:
    """A saved figure as a notebook shows it: its 300 dpi PNG at a third of the resolution."""
    png: bytes

    def _repr_png_(self) -> bytes:
        return self.png


PREVIEW_REDUCTION = 3  # 300 dpi -> 100 dpi, matplotlib's screen resolution


def save_figure(fig, record: FigureRecord, figures_dir: str | Path) -> Preview:
    """Write the figure as PNG, PDF and SVG with fixed metadata, and its caption record beside them;
    close it, and return its preview for the notebook (`display(save_figure(...))`). The layout is made
    once and kept for every format. The PDF, the slowest (its fonts are subset), is written by a forked
    child on another core while this process writes the PNG and the SVG, where the system can fork; the
    same bytes either way. The preview is the PNG made smaller, not drawn again."""
    from PIL import Image

    figures_dir = Path(figures_dir)
    with plt.rc_context(STYLE):
        fig.draw_without_rendering()   # the layout engine places everything once ...
        fig.set_layout_engine("none")  # ... and every format keeps those positions
        pdf = lambda: _write_format(fig, "pdf", figures_dir / f"{record.name}.pdf")
        child = _in_child(pdf)
        png = _write_format(fig, "png", figures_dir / f"{record.name}.png")
        _write_format(fig, "svg", figures_dir / f"{record.name}.svg")
        if not _succeeded(child):  # no fork here, or the child failed: write it in this process (and see why)
            pdf()
    plt.close(fig)
    lines = [record.caption, record.notebook, *record.data_files]
    write_atomic(figures_dir / f"{record.name}.caption.txt", "\n".join(lines) + "\n")
    preview = io.BytesIO()
    Image.open(io.BytesIO(png)).reduce(PREVIEW_REDUCTION).save(preview, format="png")
    return Preview(preview.getvalue())


def _write_format(fig, fmt: str, path: Path) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, metadata=_NO_DATES[fmt])
    write_atomic(path, buffer.getvalue())
    return buffer.getvalue()


def _in_child(work) -> int | None:
    """Run `work` in a forked child process and return its pid; None where the system cannot fork. The
    child writes nothing to the notebook's streams (its kernel threads were not forked with it)."""
    if not hasattr(os, "fork"):
        return None
    pid = os.fork()
    if pid == 0:  # the child: do the work, say by the exit status whether it was done, never return
        status = 1
        try:
            sys.stdout = sys.stderr = open(os.devnull, "w")
            work()
            status = 0
        finally:
            os._exit(status)
    return pid


def _succeeded(pid: int | None) -> bool:
    return pid is not None and os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0


def write_figures_readme(figures_dir: str | Path) -> Path:
    """figures/README.md: every figure in the folder with its caption, notebook and data files."""
    figures_dir = Path(figures_dir)
    parts = ["# Figures\n",
             "Generated by the study (`make study`); do not edit. Each figure is saved as PDF "
             "(TrueType fonts), SVG (text as text) and PNG (300 dpi).\n"]
    for path in sorted(figures_dir.glob("*.caption.txt")):
        caption, notebook, *data_files = path.read_text(encoding="utf-8").splitlines()
        name = path.name[:-len(".caption.txt")]
        parts.append(f"## {name}\n")
        parts.append(f"![{markdown_escape(name)}]({name}.png)\n")
        parts.append(f"{markdown_escape(caption)}\n")
        parts.append(f"- Files: `{name}.pdf`, `{name}.svg`, `{name}.png`")
        parts.append(f"- Drawn by: `notebooks/{notebook}`")
        parts.append("- Data: " + ", ".join(f"`{f}`" for f in data_files) + "\n")
    return write_atomic(figures_dir / "README.md", "\n".join(parts))


# What an aggregated figure shows, for `caption_for_size`: {n} is the number of sources, {cap} the
# most drawn one by one, {top} the sources named in an aggregate, {rest} the others.
AUDIT_AGGREGATED = ("shows the {top} sources that lost the largest share of their raw text (top) and one row "
                    "summing the other {rest:,}; bars are percentages of each row's raw characters")
FRAMING_AGGREGATED = ("shows the distribution of the per-source rates of each topic: box from the first to "
                      "the third quartile with a line at the median, whiskers from the 5th to the 95th "
                      "percentile, diamond at the mean, circle at the highest source")
TIMELINE_AGGREGATED = ("shows how many sources mention a date in each year (a mention spanning several years "
                       "counts in each); hollow: sources whose only dates in that year have the year inferred")
TALLY_AGGREGATED = ("shows, for each number of meetings, the range of the dates the sources' contents imply "
                    "(bar, from the middle of each window), their median (filled) and the median stated date "
                    "(hollow)")


def caption_for_size(base_caption: str, n_sources: int, aggregated: str, cap: int = MAX_ROWS,
                     noun: str = "sources") -> str:
    """The caption of a figure of `n_sources` sources: `base_caption` when the figure draws each source
    (at most `cap`), else followed by a sentence saying it is aggregated and what it shows instead
    (`aggregated`, one of the *_AGGREGATED descriptions, filled in with the numbers). Give it the same
    count the plot function decides by: the sources it was given (the tallies for `plot_tally`)."""
    if n_sources <= cap:
        return base_caption
    shown = aggregated.format(n=n_sources, cap=cap, top=cap - 1, rest=n_sources - (cap - 1))
    return (f"{base_caption} With {n_sources:,} {noun}, more than the {cap} it draws one by one, the "
            f"figure is aggregated: it {shown}.")


def _wrapped(labels) -> list[str]:
    return [textwrap.fill(safe_text(t).replace("/", " / "), 16) for t in labels]


def plot_cleaning_audit(characters: pd.DataFrame, groups: dict[str, str], order: list[str],
                        cap: int = MAX_ROWS):
    """(a) raw vs kept characters per source; (b) the removed characters by group of rules.

    Up to `cap` sources, one row per source in characters, largest at the top. Above it the figure
    keeps the size it has at `cap` rows: the cap - 1 sources that lost the largest share of their raw
    text (not kept: repaired, removed or collapsed), most at the top, and one row "all other N
    sources" summing the rest. A cleaning audit is read for what went wrong, so the sources that lost
    most are the ones to name (a histogram of kept shares would hide them); the summed row keeps the
    corpus totals by rule group in view. The rows are then drawn in percentages of their raw
    characters, as the summed row is thousands of times larger than any one source.
    """
    table = characters.assign(group=characters["fate"].map(groups).fillna("other"))
    table = table.pivot_table(index="source_id", columns="group", values="characters",
                              aggfunc="sum", fill_value=0)
    table = table.reindex(columns=[g for g in order if g in table.columns])
    if len(table) > cap:
        return _plot_cleaning_audit_aggregated(table, cap)
    raw = table.sum(axis=1).sort_values()
    table = table.loc[raw.index]
    fig, (left, right) = figure(DOUBLE_COLUMN, 0.9 + 0.3 * len(table), ncols=2, sharey=True)
    rows = range(len(table))
    left.barh([r + 0.2 for r in rows], raw, height=0.4, color=GREY, label="raw")
    left.barh([r - 0.2 for r in rows], table["kept"], height=0.4, color=PALETTE[0], label="kept")
    left.set_yticks(list(rows), [safe_text(s) for s in table.index])
    left.set_xlabel("characters")
    left.set_title("(a) raw and kept", loc="left")
    left.legend(loc="lower right")
    removed = [g for g in table.columns if g != "kept"]
    start = pd.Series(0, index=table.index)
    for colour, group in zip(PALETTE[1:], removed):
        right.barh(list(rows), table[group], left=start, height=0.6, color=colour, label=group)
        start += table[group]
    right.set_xlabel("characters")
    right.set_title("(b) removed or changed, by rule group", loc="left")
    right.legend(loc="lower right")
    for ax in (left, right):
        ax.tick_params(axis="y", length=0)
    return fig


def _plot_cleaning_audit_aggregated(table: pd.DataFrame, cap: int):
    if "kept" not in table.columns:
        table = table.assign(kept=0)
    raw = table.sum(axis=1)
    lost = (1 - table["kept"] / raw.where(raw > 0)).fillna(0)
    ranking = pd.DataFrame({"lost": -lost, "source": table.index}).sort_values(["lost", "source"])
    top = list(ranking["source"][:cap - 1])
    others = table.drop(index=top).sum().rename(f"all other {len(table) - len(top):,} sources")
    rows_table = pd.concat([others.to_frame().T, table.loc[top[::-1]]])  # bottom row first
    share = rows_table.div(rows_table.sum(axis=1).where(lambda r: r > 0), axis=0).fillna(0) * 100
    raw = rows_table.sum(axis=1)
    fig, (left, right) = figure(DOUBLE_COLUMN, 0.9 + 0.3 * cap, ncols=2, sharey=True)
    rows = np.arange(len(share))
    left.barh(rows + 0.2, np.full(len(share), 100.0), height=0.4, color=GREY, label="raw (characters written in)")
    left.barh(rows - 0.2, share["kept"], height=0.4, color=PALETTE[0], label="kept")
    for row, characters in zip(rows, raw):
        left.text(98, row + 0.2, f"{int(characters):,}", ha="right", va="center", fontsize=5.5, color="white")
    left.set_yticks(list(rows), [safe_text(s) for s in share.index])
    left.set_xlim(0, 100)
    left.set_xlabel("% of raw characters")
    left.set_title("(a) raw and kept", loc="left")
    start = np.zeros(len(share))
    for colour, group in zip(PALETTE[1:], [g for g in share.columns if g != "kept"]):
        right.barh(rows, share[group], left=start, height=0.6, color=colour, label=group)
        start += share[group].to_numpy()
    right.set_xlim(0, max(5.0, float(start.max()) * 1.05))
    right.set_xlabel("% of raw characters")
    right.set_title("(b) removed or changed, by rule group", loc="left")
    handles = [h for ax in (left, right) for h in ax.get_legend_handles_labels()[0]]
    fig.legend(handles=handles, loc="outside lower center", ncols=4)
    for ax in (left, right):
        ax.axhline(0.5, color=GREY, linewidth=0.6, linestyle=":")  # the summed row is not a source
        ax.tick_params(axis="y", length=0)
    return fig


def _fiscal_year(period: str) -> int | None:
    match = re.fullmatch(r"FY(\d{4})", str(period))
    return int(match[1]) if match else None


def plot_scrambles(series: pd.DataFrame, claimed: pd.DataFrame):
    """The official scrambles per fiscal year (lines: total, China, Russia) with the articles' fiscal-year
    counts on top, on the same ticks: filled circles reported, hollow diamonds derived, crosses flagged
    by the reference check.

    Bounded whatever the corpus: identical claims (the same year, country, coding and number, however
    many sources state it) are drawn as one marker, since they would overlap exactly.
    """
    fig, ax = figure(SINGLE_COLUMN, 3.0)
    official = series[(series["period_kind"] == "fiscal_year") & (series["used"] == "yes")].assign(
        year=lambda t: t["period"].map(_fiscal_year))
    claimed = claimed.assign(year=claimed["period"].map(_fiscal_year)).dropna(subset=["year"])
    claimed = claimed.drop_duplicates(["year", "country", "coding", "claimed"])
    if official.empty and claimed.empty:
        return empty_figure("No official series and no article counts of scrambles by fiscal year.")
    colours = {"total": GREY, "China": PALETTE[0], "Russia": PALETTE[1]}
    drawn_claims = claimed["year"].astype(int)
    first = int(min([*drawn_claims, *official.loc[official["record"] == "", "year"]] or [2012]))
    records = official[(official["record"] == "previous high") & (official["year"] < first)]
    official = official[official["year"] >= first]
    for record in records.itertuples():  # an old record, far left of the series: a reference line, not a point
        ax.axhline(int(record.scrambles), color=GREY, linewidth=0.6, linestyle="--")
        ax.annotate(f"previous high, {record.period}: {int(record.scrambles):,}", (first, int(record.scrambles)),
                    xytext=(0, 2), textcoords="offset points", fontsize=5.5, color=GREY)
    for country, colour in colours.items():
        line = official[official["subject"] == country].set_index("year")["scrambles"].astype(int)
        if not line.empty:  # a year the series lacks is a gap, not a straight line across it
            line = line.reindex(range(int(line.index.min()), int(line.index.max()) + 1))
            ax.plot(line.index, line.to_numpy(dtype=float), color=colour, linewidth=1.0,
                    label=f"{country}, Joint Staff" if country != "total" else "total, Joint Staff")
            alone = line[line.notna() & line.shift(1).isna() & line.shift(-1).isna()]
            ax.plot(alone.index, alone.to_numpy(dtype=float), color=colour, linestyle="none", marker=".",
                    markersize=3)  # a year with no neighbour in the series draws no line: a dot shows it
        points = claimed[claimed["country"] == country]
        for name, chosen, marker, face in (
                ("reported", (points["coding"] != "derived") & (points["status"] != "flag"), "o", colour),
                ("derived", (points["coding"] == "derived") & (points["status"] != "flag"), "D", "white"),
                ("flagged", points["status"] == "flag", "X", colour)):
            drawn = points[chosen]
            if not drawn.empty:
                ax.scatter(drawn["year"], drawn["claimed"].astype(int), marker=marker, s=30, facecolors=face,
                           edgecolors="black" if name == "flagged" else colour, linewidths=0.8, zorder=3,
                           label=f"{country}, article ({name})")
    years = sorted(set(official["year"].astype(int)) | set(claimed["year"].astype(int)))
    step = -(-(years[-1] - years[0] + 1) // 8)  # at most 8 labelled years in one column
    ticks = list(range(years[0], years[-1] + 1, step))
    ax.set_xticks(ticks, [f"FY{y}" if i == 0 else f"’{y % 100:02d}" for i, y in enumerate(ticks)])
    ax.set_xlabel("fiscal year (April to March)")
    ax.set_ylabel("scrambles")
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=5.5, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=2)
    return fig


def empty_figure(sentence: str):
    """A figure with nothing to draw says so in words instead of drawing empty axes."""
    matplotlib.rcParams.update(STYLE)
    fig = plt.figure(figsize=(SINGLE_COLUMN, 0.8))  # no axes, so no layout engine to warn about them
    fig.text(0.5, 0.5, safe_text(sentence), ha="center", va="center", wrap=True, fontsize=7)
    return fig


def describe_scrambles(claimed: pd.DataFrame, names: dict[str, str] | None = None, named: int = 3) -> str:
    """The caption's account of the markers of `plot_scrambles`, computed from the claims it draws;
    `names` gives each source's words (outlet and year)."""
    if claimed.empty:
        return "No text of this corpus states a number of scrambles."
    names = names or {}
    fiscal = claimed[claimed["period"].map(_fiscal_year).notna()]
    sources = list(dict.fromkeys(fiscal["source_id"]))
    plural = lambda n, word: f"{n:,} {word}{'s' if n != 1 else ''}"
    if fiscal.empty:
        return (f"The corpus states {plural(len(claimed), 'count')} of scrambles, none for a whole fiscal year "
                "(see data/scrambles_vs_official.csv).")
    listed = [names.get(s, s) for s in sources[:named]]
    # names hold commas ("Nikkei Asian Review, 2018"): a semicolon keeps one name from running into the next
    who = "; ".join(listed) + (f"; and {len(sources) - named:,} more" if len(sources) > named else "")
    flagged = int((fiscal["status"] == "flag").sum())
    merged = len(fiscal) - len(fiscal.drop_duplicates(["period", "country", "coding", "claimed"]))
    text = (f"Markers: {plural(len(fiscal), 'fiscal-year count')} from {plural(len(sources), 'text')} ({who}); "
            "filled circles reported, hollow diamonds derived from a reported change, crosses flagged by the "
            f"check against the official series ({flagged:,} flagged).")
    others = len(claimed) - len(fiscal)
    if others:
        text += f" {plural(others, 'count')} for other periods (half-years, quarters, months) are not drawn."
    if merged:
        text += " Identical figures from several texts are drawn as one marker."
    return text


NAME_CHARACTERS = 60  # a title longer than this is cut at a word and marked "…" where a caption lists texts


def source_names(manifest: pd.DataFrame) -> dict[str, str]:
    """Each source's words for a reader: its outlet (without a parenthesis) and year ("Nikkei Asian Review,
    2018"), else its title (cut to NAME_CHARACTERS: a page without a headline has its first sentence as
    title), else its id."""
    names = {}
    for row in records(manifest):
        title = row.get("title") or ""
        if len(title) > NAME_CHARACTERS:
            title = title[:NAME_CHARACTERS].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
        who = re.sub(r"\s*\([^)]*\)", "", row.get("outlet") or "") or title or row["source_id"]
        year = (row.get("stated_date") or "")[:4]
        names[row["source_id"]] = f"{who}, {year}" if year else who
    return names


def _date_axis(ax, dates, marks=()) -> None:
    """Ticks where the story needs them: at the months of `marks` (the dates the figure is about) when
    there are at most six, two months apart or more; else half-year ticks (2018-01, 2018-07) over up to
    three years, else years with at most ~6 ticks."""
    dates = [d for d in dates if d is not None and not pd.isna(d)]
    months = sorted({pd.Timestamp(d).to_period("M").to_timestamp() for d in marks if d is not None and not pd.isna(d)})
    if 2 <= len(months) <= 6 and all((b - a).days >= 55 for a, b in zip(months, months[1:])):
        ax.set_xticks([m + pd.Timedelta(days=14) for m in months], [f"{m:%b}\n{m:%Y}" for m in months])
        return
    span = (max(dates) - min(dates)).days / 365.25 if dates else 0
    if span <= 3:
        ax.xaxis.set_major_locator(matplotlib.dates.MonthLocator(bymonth=(1, 7)))
        ax.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%Y-%m"))
    else:
        step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if span / s <= 6)
        ax.xaxis.set_major_locator(matplotlib.dates.YearLocator(step))
        ax.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%Y"))


def _tally_dates(tallies: pd.DataFrame) -> pd.DataFrame:
    """Stated date, window and the window's middle of each tally, as timestamps (NaT where unknown)."""
    as_date = lambda column: pd.to_datetime(tallies[column], errors="coerce")  # "" (unknown): NaT
    stated, earliest, latest = as_date("stated_date"), as_date("earliest"), as_date("latest")
    return pd.DataFrame({"meetings": tallies["meetings"].astype(int).to_numpy(), "stated": stated.to_numpy(),
                         "earliest": earliest.to_numpy(), "latest": latest.to_numpy(),
                         "inferred": (earliest + (latest - earliest) / 2).to_numpy()}, index=tallies.index)


def describe_tally(tallies: pd.DataFrame, cap: int = TALLY_CAP, named: int = 3,
                   names: dict[str, str] | None = None) -> str:
    """The caption's account of these tallies, computed from them: the sources whose stated date is
    more than 30 days from the middle of the window their content implies (drawn with an arrow up to
    `cap` tallies; at most `named` of them by name), and whether the tally only grows when the sources
    are ordered by stated date and by implied date."""
    if tallies.empty:
        return "No text of this corpus states an Abe–Putin meeting tally."
    dates = _tally_dates(tallies).assign(source_id=tallies["source_id"].to_numpy())
    moved = dates[(dates["stated"] - dates["inferred"]).abs() > pd.Timedelta(days=30)]
    day = lambda d: f"{d.day} {d:%B %Y}"
    parts = []
    if not moved.empty:
        listed = [f"{(names or {}).get(r.source_id, r.source_id)} states {day(r.stated)} but its content places it between "
                  f"{day(r.earliest)} and {day(r.latest)}" for r in moved.head(named).itertuples()]
        listed = "; ".join(listed) + (f"; and {len(moved) - named:,} more" if len(moved) > named else "")
        if len(tallies) <= cap:
            parts.append("Arrows lead from the stated to the implied date where the two are more than 30 days "
                         f"apart: {listed}.")
        else:
            parts.append(f"{len(moved):,} of the {len(tallies):,} sources state a date more than 30 days from "
                         f"the one their content implies ({listed}).")
    else:
        parts.append("No source states a date more than 30 days from the one its content implies.")
    if dates["stated"].notna().sum() > 1:
        by_stated = "only grows" if _only_grows(dates, dates["stated"]) else "falls at least once"
        by_content = "only grows" if _only_grows(dates, dates["inferred"].fillna(dates["stated"])) else "still falls"
        parts.append(f"Ordered by stated date the tally {by_stated}; ordered by implied date (the middle of the "
                     f"window, else the stated date) it {by_content}.")
    return " ".join(parts)


def _only_grows(dates: pd.DataFrame, when: pd.Series) -> bool:
    ordered = dates.assign(when=when).dropna(subset=["when"]).sort_values(["when", "meetings"])
    return bool(ordered["meetings"].is_monotonic_increasing)


def plot_tally(tallies: pd.DataFrame, cap: int = TALLY_CAP, names: dict[str, str] | None = None):
    """Abe-Putin meeting tally against source date: stated (hollow) and inferred (filled, with window).

    Up to `cap` tallies (TALLY_CAP: one colour each), a labelled pair of points per source, with an
    arrow from the stated to the implied date where they are more than 30 days apart. Above it, per
    number of meetings: a bar over the range of the implied dates (window middles), a filled dot at
    their median and a hollow circle at the median stated date, unlabelled: one row per distinct
    tally whatever the number of sources, so the figure keeps its size and its few artists.
    """
    if tallies.empty:
        return empty_figure("No text of this corpus states an Abe–Putin meeting tally.")
    names = names or {}
    fig, ax = figure(SINGLE_COLUMN, 2.4)
    if len(tallies) > cap:
        return _plot_tally_aggregated(fig, ax, tallies)
    for colour, row in zip(itertools.cycle(PALETTE), tallies.itertuples()):
        stated, earliest, latest = (pd.Timestamp(d) if d else None
                                    for d in (row.stated_date, row.earliest, row.latest))
        inferred = earliest + (latest - earliest) / 2 if earliest and latest else None
        if inferred is not None:  # an open-ended window has no middle to plot
            ax.hlines(row.meetings, earliest, latest, color=colour, linewidth=3, alpha=0.35)
            ax.scatter([inferred], [row.meetings], color=colour, s=18, zorder=3)
        if stated is not None:  # a ring wider than the dot, so that it shows where the two coincide
            ax.scatter([stated], [row.meetings], facecolors="none", edgecolors=colour, s=70, linewidths=1.0, zorder=4)
        if stated is not None and inferred is not None and abs((stated - inferred).days) > 30:
            ax.annotate("", xy=(inferred, row.meetings), xytext=(stated, row.meetings),
                        arrowprops={"arrowstyle": "->", "color": colour, "lw": 0.8})
        ax.annotate(safe_text(names.get(row.source_id, row.source_id)),
                    (stated if stated is not None else inferred, row.meetings),
                    xytext=(0, 7), textcoords="offset points", ha="center", fontsize=6, color=colour)
    ax.scatter([], [], facecolors="none", edgecolors=GREY, s=20, label="stated date")
    ax.scatter([], [], color=GREY, s=20, label="inferred (bar: window)")
    ax.set_ylabel("Abe–Putin meetings so far")
    ax.set_xlabel("date of the source")
    lows, highs = tallies["meetings"].min(), tallies["meetings"].max()
    ax.set_ylim(lows - 1, highs + 1)
    ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    dates = _tally_dates(tallies)
    _date_axis(ax, [*dates["stated"], *dates["earliest"], *dates["latest"]],
               marks=[*dates["stated"], *dates["inferred"]])
    ax.legend(loc="upper left", fontsize=6)
    return fig


def _plot_tally_aggregated(fig, ax, tallies: pd.DataFrame):
    dates = _tally_dates(tallies)
    inferred = dates.dropna(subset=["inferred"]).groupby("meetings")["inferred"]
    spread = pd.DataFrame({"low": inferred.min(), "high": inferred.max(), "median": inferred.median()})
    stated = dates.dropna(subset=["stated"]).groupby("meetings")["stated"].median()
    ax.hlines(spread.index, spread["low"], spread["high"], color=PALETTE[0], linewidth=3, alpha=0.35)
    ax.scatter(spread["median"], spread.index, color=PALETTE[0], s=20, zorder=3,
               label="implied date: median (bar: range)")
    ax.scatter(stated.to_numpy(), stated.index, facecolors="none", edgecolors=PALETTE[1], s=30, zorder=4,
               label="stated date: median")
    ax.set_ylabel("Abe–Putin meetings so far")
    ax.set_xlabel(f"date of the source ({len(tallies):,} tallies)")
    ax.set_ylim(dates["meetings"].min() - 1, dates["meetings"].max() + 1)
    ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    _date_axis(ax, [*dates["stated"], *dates["earliest"], *dates["latest"]])
    ax.legend(loc="best", fontsize=6)
    return fig


def place_year_less_dates(events: pd.DataFrame, source_dates: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Dates printed without a year take their year from the text's stated date; where the study's dating
    contradicts that date, move them to the year it gives instead. Returns the events and, per moved
    source, a sentence part ("nikkei: to 2017 from the stated 2018")."""
    shifts, years = {}, {}  # per misdated source: the years to move its year-less dates by, and to what year
    for row in source_dates[source_dates["verdict"] == "contradicted"].itertuples():
        bounds = [pd.Timestamp(d) for d in (row.earliest, row.latest) if d]
        if not bounds or not row.stated_date:
            continue
        best = bounds[0] + (bounds[-1] - bounds[0]) / 2
        if shift := best.year - pd.Timestamp(row.stated_date).year:
            shifts[row.source_id], years[row.source_id] = shift, best.year
    moved = events.copy()
    chosen = moved["source_id"].isin(shifts) & (moved["year_inferred"] != "")  # one pass, not one per source
    by = moved.loc[chosen, "source_id"].map(shifts)
    for column in ("date_start", "date_end"):
        moved.loc[chosen, column] = [(pd.Timestamp(d) + pd.DateOffset(years=n)).strftime("%Y-%m-%d")
                                     for d, n in zip(moved.loc[chosen, column], by)]
    counts = moved.loc[chosen, "source_id"].value_counts()
    notes = [f"{source}: {counts[source]} to {years[source]}, not the stated {years[source] - shift}"
             for source, shift in shifts.items() if source in counts]
    return moved, notes


def plot_timeline(events: pd.DataFrame, source_order: list[str], split_year: int = 2012, cap: int = MAX_ROWS,
                  names: dict[str, str] | None = None):
    """Dated events each source mentions: a historical panel and a recent panel, one row per source.

    Up to `cap` sources, one row per source, each mention a mark at its middle, its shape by its
    precision (a day or month: circle; a year: square; longer: a line over its span), mentions of one
    source spread over three lanes so that they can be told apart and counted; hollow where the year
    was inferred. Above `cap`, at a fixed size, the number of sources that mention a date in each year
    (a mention counts in every year it overlaps; a source once per year), hollow where all of a
    source's dates in that year have an inferred year.
    """
    if events.empty:
        return empty_figure("No text of this corpus mentions a date.")
    if len(source_order) > cap:
        return _plot_timeline_aggregated(events, source_order, split_year)
    names = names or {}
    fig, (old, recent) = figure(DOUBLE_COLUMN, 1.5 + 0.36 * len(source_order), ncols=2, sharey=True,
                                width_ratios=[1, 2])
    rows = {s: i for i, s in enumerate(source_order)}
    for colour, source in zip(itertools.cycle(PALETTE), source_order):
        mine = events[events["source_id"] == source].sort_values("date_start", kind="stable")
        for lane, row in enumerate(mine.itertuples()):
            start, end = pd.Timestamp(row.date_start), pd.Timestamp(row.date_end) + pd.Timedelta(days=1)
            ax = recent if start.year >= split_year else old
            y = rows[source] + (lane % 3 - 1) * 0.22
            face = "white" if row.year_inferred else colour
            days = (end - start).days
            if days > 366:
                ax.plot([start, end], [y, y], color=colour, linewidth=1.2, solid_capstyle="butt")
            else:
                ax.scatter([start + (end - start) / 2], [y], marker="o" if days <= 31 else "s", s=12,
                           facecolors=face, edgecolors=colour, linewidths=0.7, zorder=3)
    first = min([pd.Timestamp(d).year for d in events["date_start"]] + [1900])
    last = max([pd.Timestamp(d).year for d in events["date_end"]] + [split_year + 1])
    old.set_xlim(pd.Timestamp(f"{first - first % 20}-01-01"), pd.Timestamp(f"{split_year}-01-01"))
    recent.set_xlim(pd.Timestamp(f"{split_year}-01-01"), pd.Timestamp(f"{last + 1}-01-01"))
    old.xaxis.set_major_locator(matplotlib.dates.YearLocator(20 if split_year - first <= 160 else 50))
    recent.xaxis.set_major_locator(matplotlib.dates.YearLocator(2 if last - split_year > 8 else 1))
    for ax in (old, recent):
        ax.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%Y"))
        ax.tick_params(axis="y", length=0)
        ax.grid(axis="y", color="#e6e6e6", linewidth=0.5)
    old.set_yticks(range(len(source_order)), [safe_text(names.get(s, s)) for s in source_order])
    old.set_ylim(len(source_order) - 0.5, -0.5)
    old.set_title(f"(a) before {split_year}", loc="left")
    recent.set_title(f"(b) {split_year}–{last}", loc="left")
    for marker, label in (("o", "a day or month"), ("s", "a year")):
        recent.scatter([], [], marker=marker, s=12, facecolors=GREY, edgecolors=GREY, label=label)
    recent.plot([], [], color=GREY, linewidth=1.2, label="longer: its span")
    recent.scatter([], [], marker="o", s=12, facecolors="white", edgecolors=GREY, label="year not printed")
    fig.legend(loc="outside lower center", fontsize=5.5, ncols=4, frameon=False)
    return fig


def _year(dates: pd.Series) -> np.ndarray:
    return dates.astype(str).str.slice(0, 4).astype(int).to_numpy()


def _plot_timeline_aggregated(events: pd.DataFrame, source_order: list[str], split_year: int):
    events = events[events["source_id"].isin(source_order)]
    start, end = _year(events["date_start"]), _year(events["date_end"])
    first = int(min(start.min(initial=1900), 1900))
    last = int(max(end.max(initial=2022), 2022))
    lower = first - first % 20
    # every (source, year) that a mention overlaps, counted once; filled where one of those mentions
    # prints its year, hollow where all of them have it inferred (year_inferred set, as in the rows view)
    source = pd.factorize(events["source_id"])[0]
    printed = ~events["year_inferred"].fillna("").map(bool).to_numpy(dtype=bool)
    spans = np.maximum(end - start, 0) + 1
    years = np.repeat(start, spans) + (np.arange(spans.sum()) - np.repeat(np.cumsum(spans) - spans, spans))
    keys = np.repeat(source, spans).astype(np.int64) * (last - lower + 1) + (years - lower)
    width = last - lower + 1
    any_year = np.bincount(np.unique(keys) % width, minlength=width)
    printed_year = np.bincount(np.unique(keys[np.repeat(printed, spans)]) % width, minlength=width)
    edges = np.arange(lower, last + 2)
    fig, (old, recent) = figure(DOUBLE_COLUMN, 2.6, ncols=2, sharey=True, width_ratios=[1, 2])
    for ax in (old, recent):
        ax.stairs(printed_year, edges, fill=True, color=PALETTE[0], linewidth=0)
        ax.stairs(any_year, edges, color=PALETTE[0], linewidth=0.8)
        ax.xaxis.set_major_formatter(matplotlib.ticker.FormatStrFormatter("%d"))
    old.set_xlim(lower, split_year)
    recent.set_xlim(split_year, last + 1)
    step = lambda years, most, steps: next((s for s in steps if years / s <= most), steps[-1])  # labels fit
    old.xaxis.set_major_locator(matplotlib.ticker.MultipleLocator(step(split_year - lower, 6, (20, 50, 100, 200, 500))))
    recent.xaxis.set_major_locator(matplotlib.ticker.MultipleLocator(step(last + 1 - split_year, 10, (2, 5, 10, 20))))
    old.set_ylabel(f"sources mentioning the year (of {len(source_order):,})")
    old.set_ylim(bottom=0)
    old.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    old.set_title(f"(a) before {split_year}", loc="left")
    recent.set_title(f"(b) {split_year}–{last} (hollow: year inferred from the stated date)", loc="left")
    return fig


def plot_framing(rates: pd.DataFrame, source_order: list[str], cap: int = MAX_ROWS,
                 names: dict[str, str] | None = None):
    """Mentions per 1,000 words of each topic (columns) in each source (rows, in date order).

    Up to `cap` sources, a heat map with one row per source and its rates written in. Above it, at a
    fixed size, the distribution of the per-source rates of each topic (box: quartiles and median;
    whiskers: 5th to 95th percentile; diamond: mean; circle: the highest source), never a row per source.
    """
    table = rates.pivot(index="source_id", columns="topic", values="per_1000_words")
    source_order = [s for s in source_order if s in table.index]  # skipped sources have no body
    table = table.loc[source_order]
    topics = list(dict.fromkeys(rates["topic"]))
    table = table[topics]
    if len(source_order) > cap:
        return _plot_framing_aggregated(table.astype(float), topics)
    fig, ax = figure(DOUBLE_COLUMN, 0.7 + 0.3 * len(source_order))
    image = ax.imshow(table.to_numpy(), cmap="cividis", aspect="auto")
    ax.set_xticks(range(len(topics)), _wrapped(topics))
    ax.set_yticks(range(len(source_order)), [safe_text((names or {}).get(s, s)) for s in source_order])
    top = table.to_numpy().max()
    counts = rates.pivot(index="source_id", columns="topic", values="mentions").loc[source_order, topics]
    for (i, j), value in pd.DataFrame(table.to_numpy()).stack().items():
        # the count, then the rate to whole mentions per 1,000 words: texts of a few hundred words make
        # a single mention worth 1.5, so a decimal would be false precision
        ax.text(j, i, f"{int(counts.iloc[i, j])} ({value:.0f})", ha="center", va="center", fontsize=6,
                color="black" if value > top * 0.45 else "white", fontweight="bold")
    ax.tick_params(length=0)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    fig.colorbar(image, ax=ax, label="mentions per 1,000 words\n(cells: count (rate))", shrink=0.9)
    return fig


def _plot_framing_aggregated(table: pd.DataFrame, topics: list[str]):
    fig, ax = figure(DOUBLE_COLUMN, 3.0)
    values = [table[t].dropna().to_numpy() for t in topics]
    positions = np.arange(len(topics))
    ax.boxplot(values, positions=positions, whis=(5, 95), showfliers=False, widths=0.5, patch_artist=True,
               boxprops={"facecolor": "#cfe3f1", "edgecolor": PALETTE[0], "linewidth": 0.8},
               medianprops={"color": PALETTE[0], "linewidth": 1.2},
               whiskerprops={"color": PALETTE[0], "linewidth": 0.8}, capprops={"color": PALETTE[0], "linewidth": 0.8})
    ax.scatter(positions, [v.mean() if len(v) else np.nan for v in values], marker="D", s=16,
               color=PALETTE[1], zorder=3, label="mean")
    ax.scatter(positions, [v.max() if len(v) else np.nan for v in values], marker="o", s=16,
               facecolors="none", edgecolors=GREY, zorder=3, label="highest source")
    ax.set_xticks(positions, _wrapped(topics))
    ax.set_xlim(-0.6, len(topics) - 0.4)
    ax.set_ylim(bottom=0)
    ax.set_ylabel(f"mentions per 1,000 words\n({len(table):,} sources)")
    ax.tick_params(axis="x", length=0)
    ax.set_title("per-source rates: box, quartiles and median; whiskers, 5th to 95th percentile", loc="left")
    ax.legend(loc="upper right", ncols=2)
    return fig
