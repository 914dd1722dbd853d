"""The rendered study: a static HTML site built from a run's executed notebooks, figures and tables.

Sphinx with MyST-NB renders the notebooks as they were executed (never executing them again), with the
book theme, whose assets are bundled, so the site works offline. Beside them it writes pages of its own,
with the small renderer of `annotate`: one annotated page per source (`sources/<source_id>.html`), the
claims table with every claim linked to its characters and back, and the paper tables.

    result/                 the checkout, or OUT of a run on another corpus
      notebooks/ data/ figures/
      site/                 what `make site` builds (replaced whole, only if the study made it)
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from html import escape
from pathlib import Path

import pandas as pd

from . import annotate
from .outputs import read_text_table, write_atomic
from .sources import SourceError, read_source_text, resolve_inside, sha256_of

SITE_MARKER = ".japan-russia-site"  # a site folder the study built and may replace
PAPER_TABLES = "data/tables"


class SiteError(ValueError):
    """The site cannot be built as asked; the message names the file or folder and the reason."""


def _page(title: str, body: str, depth: int) -> str:
    up = "../" * depth
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n<link rel=\"stylesheet\" href=\"{up}annotated.css\">\n</head>\n<body>\n"
            f'<nav><a href="{up}index.html">The study</a> · <a href="{up}sources/index.html">Sources</a> · '
            f'<a href="{up}claims.html">Claims</a> · <a href="{up}tables.html">Tables</a></nav>\n'
            f"<h1>{escape(title)}</h1>\n{body}\n</body>\n</html>\n")


def _table(frame: pd.DataFrame, cells=None, row_id=None) -> str:
    """An HTML table; `cells(row, column)` returns a cell's HTML (default: its escaped text)."""
    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for _, row in frame.iterrows():
        tds = "".join(f"<td>{cells(row, c) if cells else escape(str(row[c]))}</td>" for c in frame.columns)
        ident = f' id="{escape(row_id(row), quote=True)}"' if row_id else ""
        rows.append(f"<tr{ident}>{tds}</tr>")
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"


def _checks_html(checks: pd.DataFrame) -> str:
    if checks.empty:
        return ""
    return "<br>".join(f'<span class="status-{escape(r["status"])}">{escape(r["check"])}: {escape(r["status"])}'
                       f"</span>" + (f" ({escape(r['detail'])})" if r["detail"] else "")
                       for _, r in checks.iterrows())


def source_page(source, raw: str | None, tables: dict[str, pd.DataFrame]) -> str:
    """One source's annotated page: its raw text with every removal, mention and claim marked, then its
    claims with their checks, each row linked to the claim's characters and to the claims table."""
    sid = source["source_id"]
    mentions, removed, claims, checks = (tables[name].loc[tables[name]["source_id"] == sid] if name != "checks"
                                         else tables[name] for name in ("mentions", "removed", "claims", "checks"))
    checks = checks.loc[checks["claim_id"].isin(set(claims["claim_id"]))]
    flags = annotate.flags_by_claim(checks)
    links = {cid: (f"../claims.html#{cid}", f"{'⚑ ' if cid in flags else ''}claim {n}", cid in flags)
             for n, cid in enumerate(claims["claim_id"], start=1)}
    if raw is None:
        text = "(the study could not read this file as text; its status above says why)"
    else:
        text = annotate.annotate(raw, annotate.source_spans(mentions, removed, claims, flags), links)
    status = tables["status"].loc[tables["status"]["source_id"] == sid]
    if status.empty:
        state = "not run"
    else:
        state = status.iloc[0]["status"] + (f" ({status.iloc[0]['reason']})" if status.iloc[0]["reason"] else "")
    meta = (f'<p class="meta">{escape(source["outlet"])} · stated date {escape(source["stated_date"] or "none")} · '
            f'file <code>{escape(source["file"])}</code> (SHA-256 {escape(source["sha256"][:12])}…) · '
            f"status {escape(state)} · {len(mentions)} mentions, {len(removed)} removals and repairs, "
            f"{len(claims)} claims, {len(flags)} flagged</p>\n"
            '<p class="legend">The raw text as stored. <span class="removed remove">Struck through</span>: removed '
            'by cleaning; <span class="removed repair">dotted</span>: repaired (hover for the rule and its reason). '
            '<mark class="mention">Highlighted</mark>: a quantitative mention (hover for kind, value and date). '
            '<span class="claim">Underlined</span>: a coded claim, '
            '<span class="claim flagged">wavy red</span> where a check flags it; the superscript leads to its row.'
            "</p>\n")
    rows = []
    mention_spans = dict(zip(mentions["mention_id"], zip(mentions["raw_start"].astype(int),
                                                         mentions["raw_end"].astype(int))))
    for n, (_, claim) in enumerate(claims.iterrows(), start=1):
        cid = claim["claim_id"]
        located = bool(annotate.claim_ranges(claim, mention_spans))
        where = f'<a href="#{escape(cid, quote=True)}">claim {n}</a>' if located else f"claim {n} (no span)"
        rows.append(f'<tr id="row-{escape(cid, quote=True)}"><td>{where}</td><td>{escape(claim["metric"])}</td>'
                    f"<td>{escape(claim['subject'])}</td><td>{escape(claim['period'])}</td>"
                    f'<td class="number">{escape(claim["value"])} {escape(claim["unit"])}</td>'
                    f"<td>{escape(claim['role'])}</td><td>{_checks_html(checks.loc[checks['claim_id'] == cid])}</td>"
                    f'<td><a href="../claims.html#{escape(cid, quote=True)}">{escape(cid)}</a></td></tr>')
    claims_html = ("<h2>Claims in this source</h2>\n<table>\n<thead><tr><th>claim</th><th>metric</th><th>subject</th>"
                   "<th>period</th><th>value</th><th>role</th><th>checks</th><th>in the claims table</th></tr></thead>"
                   "\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>") if rows else \
        "<p>The study coded no claim in this source.</p>"
    return _page(source["title"] or sid, meta + f'<pre class="raw">{text}</pre>\n' + claims_html, 1)


def sources_index(sources: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> str:
    counts = {name: tables[name]["source_id"].value_counts() for name in ("mentions", "claims", "removed")}
    status = dict(zip(tables["status"]["source_id"], tables["status"]["status"]))
    frame = pd.DataFrame({
        "source": sources["source_id"], "outlet": sources["outlet"], "stated date": sources["stated_date"],
        "title": sources["title"], "status": sources["source_id"].map(status).fillna("not run"),
        **{name: sources["source_id"].map(counts[name]).fillna(0).astype(int).map("{:,}".format)
           for name in ("mentions", "claims", "removed")}})

    def cell(row, column):
        if column == "source":
            return f'<a href="{escape(row["source"], quote=True)}.html">{escape(row["source"])}</a>'
        return escape(str(row[column]))
    return _page("Sources, annotated", f"<p>{len(frame):,} sources. Each page shows the raw text with what "
                 "the study removed, the numbers it found and the claims it coded.</p>\n" + _table(frame, cell), 1)


def claims_page(tables: dict[str, pd.DataFrame]) -> str:
    """Every claim, its value linked to the characters it came from, with its checks."""
    claims, checks = tables["claims"], tables["checks"]
    if claims.empty:
        return _page("Claims", "<p>The study coded no claim in this corpus.</p>", 0)
    columns = ["claim_id", "source_id", "metric", "subject", "period", "value", "unit", "role", "coding", "quote"]
    frame = claims[columns].assign(checks="")

    def cell(row, column):
        target = f"sources/{row['source_id']}.html#{row['claim_id']}"
        if column in ("value", "claim_id"):
            return f'<a href="{escape(target, quote=True)}">{escape(str(row[column]) or "(no value)")}</a>'
        if column == "checks":
            return _checks_html(checks.loc[checks["claim_id"] == row["claim_id"]])
        if column == "source_id":
            return f'<a href="sources/{escape(row["source_id"], quote=True)}.html">{escape(row["source_id"])}</a>'
        return escape(str(row[column]))
    flagged = checks.loc[checks["status"] == "flag", "claim_id"].nunique()
    return _page("Claims", f"<p>{len(frame):,} claims, {flagged:,} with a flagged check. A value leads to the "
                 "characters of the raw text it came from.</p>\n" + _table(frame, cell, lambda r: r["claim_id"]), 0)


def paper_tables_page(result_dir: Path) -> str:
    """The tables for papers, each claim linked to its characters."""
    parts = []
    for path in sorted((result_dir / PAPER_TABLES).glob("*.csv")):
        frame = read_text_table(path)
        markdown = path.with_suffix(".md")
        caption = markdown.read_text(encoding="utf-8").splitlines()[0].strip("*") if markdown.exists() else path.stem
        parts.append(f'<h2 id="{escape(path.stem, quote=True)}">{escape(caption)}</h2>')
        if frame.empty:
            parts.append("<p>Nothing in this corpus for this table.</p>")
            continue

        def cell(row, column):
            text = escape(str(row[column]))
            if column == "claim_id" and "source_id" in row and row[column]:
                return f'<a href="sources/{escape(row["source_id"], quote=True)}.html#{escape(row[column], quote=True)}">{text}</a>'
            return text
        parts.append(_table(frame, cell))
        parts.append(f"<p class=\"meta\">Also as <code>{PAPER_TABLES}/{path.stem}.tex</code> and <code>.md</code>.</p>")
    return _page("Tables for papers", "\n".join(parts), 0)


SPHINX_CONF = '''# Generated by japan_russia_numbers.site; the site is rebuilt from the run's outputs, never edited.
project = {project!r}
author = "the study"
extensions = ["myst_nb"]
nb_execution_mode = "off"          # the notebooks are shown as the run executed them
myst_enable_extensions = ["colon_fence"]
html_theme = "sphinx_book_theme"
html_title = {project!r}
html_extra_path = ["extra"]        # the annotated sources, the claims and the tables, written as they are
exclude_patterns = ["extra", "figures/README.md"]
html_last_updated_fmt = None
html_show_sphinx = False
html_copy_source = False
html_theme_options = {{"show_toc_level": 2, "home_page_in_toc": True}}
html_context = {{"default_mode": "light"}}  # without it the theme's script logs an error on first visit
# Offline: no page may load anything from the network. MathJax comes from a CDN, so math (the study has
# none) is shown as its TeX source instead; no widget JavaScript either.
html_math_renderer = "tex_source"
nb_ipywidgets_js = {{}}
suppress_warnings = ["myst.header"]


def setup(app):
    from docutils import nodes
    from html import escape

    def tex_source(self, node):
        self.body.append(f'<code class="math">{{escape(node.astext())}}</code>')
        raise nodes.SkipNode

    app.add_html_math_renderer("tex_source", (tex_source, None), (tex_source, None))
'''


def front_page(result_dir: Path, in_place: bool, project_root: Path, tables: dict[str, pd.DataFrame]) -> str:
    """The front page: for the committed study the README's findings, for any run a summary computed
    from its own tables (sources, mentions, claims, flags), then the contents."""
    parts = []
    if in_place:
        readme = (project_root / "README.md").read_text(encoding="utf-8")
        title, _, rest = readme.partition("\n")
        findings = re.search(r"^## What it finds\n(.*?)(?=^## )", rest, flags=re.S | re.M)
        parts += [title, "", "## What it finds", findings.group(1).strip() if findings else "", ""]
    else:
        parts += ["# The numbers in a corpus of texts on Japan and Russia", ""]
    status = tables["status"]["status"].value_counts()
    flags = tables["checks"].loc[tables["checks"]["status"] == "flag"]
    parts += ["## This run", "",
              f"{len(tables['sources']):,} sources ({', '.join(f'{n:,} {s}' for s, n in status.items())}); "
              f"{len(tables['mentions']):,} quantitative mentions; {len(tables['claims']):,} coded claims; "
              f"{_count(len(flags), 'check')} flag a disagreement.", ""]
    if not flags.empty:
        parts += ["What the flagged checks say, each sentence computed by the study:", ""]
        parts += [f"- {_check_label(r)}: {escape(r['detail'])}" for _, r in flags.iterrows()]
        parts.append("")
    parts += ["## Read on", "",
              '- <a href="sources/index.html">The sources, annotated</a>: every raw text with what cleaning removed, '
              "every number found and every claim coded, character by character.",
              '- <a href="claims.html">The claims</a>, each linked to its characters, with its checks.',
              '- <a href="tables.html">The tables for papers</a>.', "",
              "```{toctree}", ":maxdepth: 1", ":caption: The study", "",
              *[f"notebooks/{p.stem}" for p in sorted((result_dir / "notebooks").glob("*.ipynb"))],
              "figures", "```", ""]
    return "\n".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _check_label(check) -> str:
    """A check as a link to its claim's row, or by its name where it concerns the corpus as a whole."""
    if check["claim_id"]:
        return f'<a href="claims.html#{escape(check["claim_id"], quote=True)}">{escape(check["claim_id"])}</a>'
    return f"{escape(check['check'].replace('_', ' '))} ({escape(check['sources'].replace(';', ', '))})"


def figures_page(figures_dir: Path) -> str:
    parts = ["# Figures", "", "Each figure is also saved as PDF and SVG beside the PNG shown here.", ""]
    for caption_file in sorted(figures_dir.glob("*.caption.txt")):
        name = caption_file.name.removesuffix(".caption.txt")
        caption = caption_file.read_text(encoding="utf-8").splitlines()[0]
        parts += [f"## {name.replace('_', ' ').capitalize()}", "",
                  f"```{{figure}} figures/{name}.png", f":name: {name}", f":alt: {name}", "", caption, "```", ""]
    return "\n".join(parts)


def read_run_tables(result_dir: Path) -> dict[str, pd.DataFrame]:
    data = result_dir / "data"
    names = {"sources": "sources", "status": "source_status", "mentions": "mentions", "removed": "removed",
             "claims": "claims", "checks": "checks"}
    try:
        return {key: read_text_table(data / f"{name}.csv") for key, name in names.items()}
    except FileNotFoundError as error:
        raise SiteError(f"{error.filename}: missing; run `make study` (with the same OUT) before `make site`") from None


def write_pages(result_dir: Path, sources_dir: Path, source_dir: Path, in_place: bool, project_root: Path) -> None:
    """Write the Sphinx project: front page, notebooks, figures, and the study's own HTML pages."""
    tables = read_run_tables(result_dir)
    extra = source_dir / "extra"
    (extra / "sources").mkdir(parents=True)
    shutil.copytree(result_dir / "notebooks", source_dir / "notebooks")
    shutil.copytree(result_dir / "figures", source_dir / "figures")
    write_atomic(source_dir / "conf.py", SPHINX_CONF.format(project="Japan–Russia numbers: the study"))
    write_atomic(source_dir / "index.md", front_page(result_dir, in_place, project_root, tables))
    write_atomic(source_dir / "figures.md", figures_page(result_dir / "figures"))
    write_atomic(extra / "annotated.css", annotate.STYLE)
    write_atomic(extra / "claims.html", claims_page(tables))
    write_atomic(extra / "tables.html", paper_tables_page(result_dir))
    write_atomic(extra / "sources" / "index.html", sources_index(tables["sources"], tables))
    for _, source in tables["sources"].iterrows():
        path = resolve_inside(sources_dir, source["file"], "source")
        if not path.is_file() or sha256_of(path) != source["sha256"]:
            raise SiteError(f"{path}: not the file the run read (missing, or its SHA-256 differs from "
                            "data/sources.csv); build the site with the SOURCES of the run")
        try:
            raw = read_source_text(path)
        except SourceError:  # a run without a manifest skips such a file, and the page says why
            raw = None
        write_atomic(extra / "sources" / f"{source['source_id']}.html", source_page(source, raw, tables))


def build_site(result_dir: Path, sources_dir: Path, site_dir: Path, in_place: bool, project_root: Path,
               log=print) -> Path:
    """Build the site into `site_dir`, replacing it whole only if the study built it (its marker file)."""
    import subprocess
    import sys

    if site_dir.exists() and not (site_dir / SITE_MARKER).is_file():
        raise SiteError(f"{site_dir}: exists and was not built by the study (no {SITE_MARKER}); move it away")
    with tempfile.TemporaryDirectory(prefix=".site-", dir=site_dir.parent) as work:
        source_dir, built = Path(work) / "source", Path(work) / "html"
        write_pages(result_dir, sources_dir, source_dir, in_place, project_root)
        command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going", "-E",
                   "-d", str(Path(work) / "doctrees"), str(source_dir), str(built)]
        done = subprocess.run(command, capture_output=True, text=True,
                              env={**os.environ, "SOURCE_DATE_EPOCH": "0", "PYTHONHASHSEED": "0"})
        if done.returncode:
            raise SiteError(f"{source_dir}: Sphinx failed:\n{done.stderr.strip()}")
        (built / SITE_MARKER).write_text("built by `make site`; replaced whole by the next build\n")
        for leftover in (".buildinfo", ".doctrees"):
            target = built / leftover
            shutil.rmtree(target) if target.is_dir() else target.unlink(missing_ok=True)
        old = Path(work) / "old"
        if site_dir.exists():
            site_dir.rename(old)
        built.rename(site_dir)
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    log(f"site: {pages:,} pages in {site_dir} (open {site_dir / 'index.html'})")
    return site_dir
