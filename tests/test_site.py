"""The rendered study (`make site`): the annotated-source renderer on real text, the built site's links,
ids and offline assets, and the site in a real browser (headless Chromium, from Debian's package, which
`make test` installs when it is missing; without it these tests fail, they never skip)."""

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pandas as pd
import pytest

from japan_russia_numbers import annotate, site
from japan_russia_numbers.outputs import read_text_table

ROOT = Path(__file__).resolve().parents[1]
ARTEFACTS = ROOT / "test-artifacts" / "site"
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")


class Page(HTMLParser):
    """The ids, links and asset references of one HTML page, and its mention and claim spans."""

    def __init__(self, path: Path):
        super().__init__()
        self.ids, self.links, self.assets, self.mentions, self.claim_pieces = set(), [], [], [], []
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        for name in ("src", "href") if tag in ("script", "img", "link") else ():
            if name in attrs:
                self.assets.append(attrs[name])
        if tag == "mark" and "data-mention" in attrs:
            self.mentions.append((attrs["data-mention"], attrs.get("id")))
        if "data-claim" in attrs:
            self.claim_pieces.append((attrs["data-claim"], attrs.get("id")))


def visible_text(html: str) -> str:
    """The characters a reader sees of an annotated text, without the superscript claim links."""
    from html import unescape
    return unescape(re.sub(r"<[^>]+>", "", re.sub(r'<sup class="claim-ref[^"]*">.*?</sup>', "", html)))


# --- the renderer, on a real seed -------------------------------------------------------------

@pytest.fixture(scope="module")
def committed():
    return site.read_run_tables(ROOT)


def _tni(committed):
    source = committed["sources"].set_index("source_id").loc["tni_forum"]
    raw = (ROOT / "seeds" / source["file"]).read_bytes().decode("utf-8")
    of = {name: committed[name].loc[committed[name]["source_id"] == "tni_forum"]
          for name in ("mentions", "removed", "claims")}
    return raw, of


def test_annotated_text_is_the_raw_text_exactly(committed):
    raw, of = _tni(committed)
    flags = annotate.flags_by_claim(committed["checks"])
    html = annotate.annotate(raw, annotate.source_spans(of["mentions"], of["removed"], of["claims"], flags),
                             {c: (f"#{c}", "claim", False) for c in of["claims"]["claim_id"]})
    assert visible_text(html) == raw


def test_each_mention_is_marked_once_with_its_id_on_its_own_characters(committed):
    raw, of = _tni(committed)
    html = annotate.annotate(raw, annotate.source_spans(of["mentions"], of["removed"], of["claims"], {}))
    for _, mention in of["mentions"].iterrows():
        opening = re.search(rf'<mark id="{re.escape(mention["mention_id"])}"[^>]*>', html)
        assert opening, mention["mention_id"]
        # The piece right after the opening tag is the start of the mention's raw characters.
        following = visible_text(html[opening.end():])
        assert following.startswith(raw[int(mention["raw_start"]):int(mention["raw_end"])][:1])
        assert html.count(f'id="{mention["mention_id"]}"') == 1


def test_spans_that_overlap_across_layers_nest_and_escape():
    raw = 'Title <b>&</b> 390 jets\nJapan scrambled jets 390 times.'
    title_end = raw.index("\n")
    spans = [annotate.Span(0, title_end, "removed", css="removed remove", title='title "kept" as <metadata>'),
             annotate.Span(15, 18, "mention", "s:m001", "mention kind-number", "number; 390"),
             annotate.Span(15, 18, "claim", "s:claim001", "claim", "claim", {"data-claim": "s:claim001"}),
             annotate.Span(46, 49, "mention", "s:m002", "mention kind-number", "number; 390")]
    html = annotate.annotate(raw, spans, {"s:claim001": ("../claims.html#s:claim001", "claim 1", True)})
    assert visible_text(html) == raw
    assert "<b>" not in html and "&lt;b&gt;&amp;&lt;/b&gt;" in html
    assert 'title="title &quot;kept&quot; as &lt;metadata&gt;"' in html
    # removed (outermost), claim, mention (innermost), then the link to the claim's row
    assert re.search(r'<span class="removed remove"[^>]*><span id="s:claim001"[^>]*><mark id="s:m001"[^>]*>390'
                     r'</mark></span></span><sup class="claim-ref flagged"><a href="../claims.html#s:claim001">',
                     html)


def test_a_claim_without_a_mention_sits_on_its_quoted_evidence(committed):
    claims = committed["claims"]
    by_hand = claims.loc[claims["mention_id"].eq("") & claims["raw_start"].ne("")].iloc[0]
    assert annotate.claim_ranges(by_hand, {}) == [(int(float(by_hand["raw_start"])), int(float(by_hand["raw_end"])))]
    derived = claims.loc[claims["mention_id"].str.contains(";")].iloc[0]
    spans = {m: (n, n + 1) for n, m in enumerate(derived["mention_id"].split(";"))}
    assert annotate.claim_ranges(derived, spans) == [(0, 1), (1, 2)]


# --- the built site ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(study_runs):
    """The committed study's site, built into a folder of its own (started with the session: conftest.py)."""
    return study_runs["site"].result(timeout=300)


def _reader_pages(folder: Path) -> list[Path]:
    """The site's pages (the theme's `_static/` holds templates of its own, not pages)."""
    return [p for p in sorted(folder.rglob("*.html")) if "_static" not in p.relative_to(folder).parts]


def _pages(folder: Path) -> dict[Path, Page]:
    return {path: Page(path) for path in _reader_pages(folder)}


def test_site_has_the_front_page_notebooks_figures_tables_and_a_page_per_source(built, committed):
    names = {p.relative_to(built).as_posix() for p in _reader_pages(built)}
    assert {"index.html", "figures.html", "claims.html", "tables.html", "sources/index.html"} <= names
    assert {f"notebooks/{p.stem}.html" for p in (ROOT / "notebooks").glob("*.ipynb")} <= names
    assert {f"sources/{s}.html" for s in committed["sources"]["source_id"]} <= names
    front = (built / "index.html").read_text(encoding="utf-8")
    assert "What it finds" in front and "5 sources" in front
    figures = (built / "figures.html").read_text(encoding="utf-8")
    for caption in (ROOT / "figures").glob("*.caption.txt"):
        name = caption.name.removesuffix(".caption.txt")
        first_words = " ".join(re.findall(r"[A-Za-z]+", caption.read_text(encoding="utf-8"))[:5])
        assert f"{name}.png" in figures and first_words in " ".join(re.findall(r"[A-Za-z]+", figures)), name
    assert (built / site.SITE_MARKER).is_file()


def test_site_is_offline_and_its_internal_links_all_land(built):
    pages = _pages(built)
    for path, page in pages.items():
        for asset in page.assets:
            assert not urlsplit(asset).scheme and not asset.startswith("//"), f"{path}: loads {asset}"
            assert (path.parent / unquote(urlsplit(asset).path)).resolve().exists(), f"{path}: {asset}"
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("mailto:", "//")):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            assert target.exists(), f"{path.relative_to(built)}: broken link {link}"
            if parts.fragment and target.suffix == ".html":
                assert unquote(parts.fragment) in pages[target].ids, f"{path.relative_to(built)}: no #{parts.fragment}"
    for css in built.rglob("*.css"):
        assert not re.search(r"url\(['\"]?(https?:)?//", css.read_text(encoding="utf-8")), css


def test_each_source_page_marks_exactly_its_mentions_and_claims(built, committed):
    for source_id in committed["sources"]["source_id"]:
        page = Page(built / "sources" / f"{source_id}.html")
        expected = committed["mentions"].loc[committed["mentions"]["source_id"] == source_id, "mention_id"]
        assert sorted(m for m, _ in page.mentions) == sorted(expected), source_id
        assert sorted(i for _, i in page.mentions) == sorted(expected), source_id  # each with its id
        claims = committed["claims"].loc[committed["claims"]["source_id"] == source_id, "claim_id"]
        located = {c for c, i in page.claim_pieces if i}
        assert located == set(claims) - {c for c in claims if not _has_span(committed, c)}, source_id


def _has_span(committed, claim_id) -> bool:
    claim = committed["claims"].set_index("claim_id").loc[claim_id]
    return bool(claim["mention_id"] or claim["raw_start"])


def test_claims_table_links_each_claim_to_its_characters_and_back(built, committed):
    claims_page = Page(built / "claims.html")
    assert set(committed["claims"]["claim_id"]) <= claims_page.ids
    for _, claim in committed["claims"].iterrows():
        assert f"sources/{claim['source_id']}.html#{claim['claim_id']}" in claims_page.links
        source_page = Page(built / "sources" / f"{claim['source_id']}.html")
        if _has_span(committed, claim["claim_id"]):
            assert f"../claims.html#{claim['claim_id']}" in source_page.links


def test_a_flagged_claim_is_visible_on_its_span(tmp_path, committed):
    """The seeds' flags are corpus-wide; a claim flagged by a check is drawn in red with the sentence."""
    source = committed["sources"].set_index("source_id").loc["tni_forum"].copy()
    source["source_id"] = "tni_forum"
    raw = (ROOT / "seeds" / source["file"]).read_bytes().decode("utf-8")
    checks = pd.DataFrame([{"check": "reference", "claim_id": "tni_scrambles_russia_fy2017", "sources": "tni_forum",
                            "status": "flag", "detail": "the Joint Staff counted 391"}])
    html = site.source_page(source, raw, {**committed, "checks": checks})
    assert re.search(r'<span id="tni_scrambles_russia_fy2017" class="claim flagged" title="[^"]*the Joint Staff '
                     r'counted 391', html)
    assert '<sup class="claim-ref flagged"><a href="../claims.html#tni_scrambles_russia_fy2017">⚑' in html


def test_site_refuses_to_replace_a_folder_it_did_not_build(tmp_path):
    mine = tmp_path / "site"
    mine.mkdir()
    (mine / "notes.txt").write_text("my notes")
    with pytest.raises(site.SiteError, match=r"site: exists and was not built by the study"):
        site.build_site(ROOT, ROOT / "seeds", mine, in_place=True, project_root=ROOT, log=lambda *_: None)
    assert (mine / "notes.txt").read_text() == "my notes" and len(list(mine.iterdir())) == 1


def test_site_refuses_sources_that_are_not_the_ones_the_run_read(tmp_path):
    other = tmp_path / "sources"
    shutil.copytree(ROOT / "seeds", other)
    changed = sorted(other.glob("0*.txt"))[0]
    changed.write_bytes(changed.read_bytes() + b" ")
    with pytest.raises(site.SiteError, match=rf"{re.escape(changed.name)}: not the file the run read"):
        site.build_site(ROOT, other, tmp_path / "site", in_place=True, project_root=ROOT, log=lambda *_: None)
    assert not (tmp_path / "site").exists()


def test_site_of_another_corpus_tells_its_own_story(study_runs, tmp_path):
    """`make site` for a run with OUT builds OUT/site from that run alone: no seed finding on its pages."""
    assert study_runs["own"].result().returncode == 0
    out, corpus = study_runs["own_out"], study_runs["corpus"]
    # a site an earlier build left (its marker, a page of a source no longer there): replaced whole
    (out / "site" / "sources").mkdir(parents=True, exist_ok=True)
    (out / "site" / site.SITE_MARKER).write_text("built by `make site`\n", encoding="utf-8")
    (out / "site" / "sources" / "gone.html").write_text("<p>an earlier corpus</p>", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "japan_russia_numbers", "site", "--sources", str(corpus),
                           "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and f"in {out / 'site'}" in done.stdout
    front = (out / "site" / "index.html").read_text(encoding="utf-8")
    assert "What it finds" not in front and "Nikkei text" not in front and "five news texts" not in front
    statuses = read_text_table(out / "data" / "source_status.csv")
    assert f"{len(statuses):,} sources" in front
    assert {p.stem for p in (out / "site" / "sources").glob("*.html")} == set(statuses["source_id"]) | {"index"}


# --- in a real browser ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    assert CHROMIUM.exists() and CHROMEDRIVER.exists(), (
        "headless Chromium is missing: `make test` installs Debian's chromium and chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1200,900", "--allow-file-access-from-files"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    yield driver
    driver.quit()


def _console_errors(driver) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def test_every_page_opens_in_chromium_without_console_errors(built, browser):
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for path in _reader_pages(built):
        browser.get(path.as_uri())
        assert browser.execute_script("return document.readyState") == "complete"
        assert _console_errors(browser) == [], path.relative_to(built)
        assert browser.title, path.relative_to(built)
    for name in ("index.html", "claims.html", "sources/tni_forum.html", "notebooks/05_crosscheck.html"):
        browser.get((built / name).as_uri())
        browser.save_screenshot(str(ARTEFACTS / name.replace("/", "_").replace(".html", ".png")))


def test_a_claim_link_scrolls_to_its_characters(built, browser, committed):
    from selenium.webdriver.common.by import By

    claim = committed["claims"].loc[committed["claims"]["claim_id"] == "tni_scrambles_china_fy2017"].iloc[0]
    browser.get((built / "claims.html").as_uri())
    browser.find_element(By.CSS_SELECTOR, f'tr[id="{claim["claim_id"]}"] a[href$="#{claim["claim_id"]}"]').click()
    assert browser.current_url.endswith(f"sources/tni_forum.html#{claim['claim_id']}")
    target = browser.find_element(By.ID, claim["claim_id"])
    top, height = browser.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return [r.top, window.innerHeight];", target)
    assert -2 <= top < height, "the claim's span is not in view"
    mention = committed["mentions"].set_index("mention_id").loc[claim["mention_id"]]
    assert target.text == mention["surface"]
    assert browser.execute_script("return window.scrollY") > 0
    browser.save_screenshot(str(ARTEFACTS / "claim_link_target.png"))
    assert _console_errors(browser) == []
