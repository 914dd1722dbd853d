"""The runner behind `make study`: runs on another corpus, refuses bad input, never loses outputs.

Every case goes through the same entry point as `make study SOURCES=DIR OUT=DIR`.
"""

import hashlib
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from japan_russia_numbers.runner import strip_volatile_metadata
from conftest import ROOT, SEEDS

HTML_SOURCE = (
    '<html><head><title>Scramble <script>alert("x")</script> report</title></head>\n\n'
    "<p>Japan scrambled fighter jets 999 times in fiscal 2016, the <b>Joint Staff</b> said on Friday, "
    "a record for the force.</p>\n<script>document.write('injected')</script>\n"
)


def run_study(sources, out, *params, **env):
    """`python -m japan_russia_numbers run --sources ... --out ...`, as `make study` calls it."""
    return subprocess.run(
        [sys.executable, "-m", "japan_russia_numbers", "run", "--sources", str(sources), "--out", str(out),
         *[f"--param={p}" for p in params]],
        capture_output=True, text=True, env={**os.environ, **env}, stdin=subprocess.DEVNULL, timeout=600,
    )


def snapshot(folder: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file under a folder, also as seen through its links."""
    found = {}
    for top, _, files in os.walk(folder, followlinks=True):
        for name in files:
            path = Path(top, name)
            found[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return dict(sorted(found.items()))


def make_study(sources, out, params=""):
    """`make study SOURCES=... OUT=... PARAMS=...` exactly as a user types it."""
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "study", f"SOURCES={sources}", f"OUT={out}",
         f"PARAMS={params}"],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=600)


def small_corpus(folder: Path) -> Path:
    """Two seeds without a manifest, one more with CR-only line ends, and an HTML page with script
    (and Windows line ends in places)."""
    folder.mkdir()
    shutil.copy(SEEDS / "002_f34feaa46e2a04f2.txt", folder / "nikkei_piece.txt")
    shutil.copy(SEEDS / "003_e0e16d8f34210287.txt", folder / "insider.txt")
    tni = (SEEDS / "000_87ed16cc0efeee3f.txt").read_bytes()
    (folder / "old_mac.txt").write_bytes(tni.replace(b"\r\n", b"\n").replace(b"\n", b"\r"))
    (folder / "html_page.txt").write_bytes(HTML_SOURCE.replace("\n\n", "\r\n\n", 1).encode("utf-8"))
    (folder / "chrome.txt").write_text("What's new\n\nLast edited:\nBack\nTop Bottom\n", encoding="utf-8")
    return folder


# A folder name that make or a shell would run commands from, if either interpreted it.
HOSTILE_NAME = "my corpus $(shell touch PWNED) `touch PWNED2` $$(touch PWNED3) \"dq\" 'sq' \u00fc\u65e5"


@pytest.fixture(scope="module")
def finished_run(tmp_path_factory):
    """One complete run of the study on a small corpus of our own."""
    base = tmp_path_factory.mktemp("own-corpus")
    corpus, out = small_corpus(base / HOSTILE_NAME), base / f"out {HOSTILE_NAME}"
    codebook = base / "my_codebook.csv"
    codebook.write_text(
        (ROOT / "data" / "codebook.csv").read_text(encoding="utf-8").splitlines()[0] + "\n"
        "page_scrambles,html_page,asdf_scrambles,unknown,FY2016,999,scrambles,reported,"
        "Japan scrambled fighter jets 999 times in fiscal 2016,999,fiscal 2016,,,,\n", encoding="utf-8")
    committed = {d: snapshot(ROOT / d) for d in ("data", "figures", "notebooks")}
    result = make_study(corpus, out, f"codebook_file={shlex.quote(str(codebook))}")
    assert result.returncode == 0, result.stderr
    assert not [p for p in (*ROOT.glob("PWNED*"), *base.rglob("PWNED*"))], "make or the shell ran a path"
    committed_after = {d: snapshot(ROOT / d) for d in ("data", "figures", "notebooks")}
    return corpus, out, committed == committed_after, result.stdout


def test_another_corpus_gets_every_output_under_out(finished_run):
    out = finished_run[1]
    for name in ("01_sources", "02_cleaning", "03_mentions", "04_claims", "05_crosscheck", "06_figures"):
        assert (out / "notebooks" / f"{name}.ipynb").is_file()
    for table in ("sources.csv", "removed.csv", "mentions.csv", "claims.csv", "checks.csv", "source_dates.csv"):
        assert (out / "data" / table).is_file()
    assert (out / "figures" / "README.md").is_file() and (out / "figures" / "timeline.pdf").is_file()
    assert not (out / ".staging").exists() and not (out / ".failed").exists()


def test_a_codebook_of_our_own_is_a_parameter(finished_run):
    claims = (finished_run[1] / "data" / "claims.csv").read_text(encoding="utf-8")
    assert "page_scrambles,html_page,asdf_scrambles,unknown,FY2016,999," in claims


def test_a_rerun_on_a_smaller_corpus_leaves_no_stale_outputs(previous_outputs, tmp_path):
    out, _ = previous_outputs
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / "002_f34feaa46e2a04f2.txt", corpus / "nikkei_piece.txt")
    dead = subprocess.Popen(["true"])
    dead.wait()
    (out / ".lock").write_text(f"{dead.pid}\n")  # left by a run that was killed
    result = run_study(corpus, out)
    assert result.returncode == 0, result.stderr
    assert f"taking over a stale lock {out / '.lock'} left by pid {dead.pid}" in result.stdout
    assert sorted(p.name for p in (out / "data" / "clean").iterdir()) == ["nikkei_piece.txt"]
    assert sorted(p.name for p in (out / ".results").iterdir()) == ["current", "run-000002"]
    assert not (out / ".staging").exists() and not (out / ".lock").exists()


def test_outputs_get_ordinary_file_permissions(finished_run):
    umask = os.umask(0)
    os.umask(umask)
    for path in (finished_run[1] / "data").rglob("*.csv"):
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask, path  # not mkstemp's 0600


def test_corpus_without_manifest_gets_a_provisional_one(finished_run):
    out = finished_run[1]
    manifest = (out / "data" / "sources.csv").read_text(encoding="utf-8")
    assert "nikkei_piece,nikkei_piece.txt,24c0ba65" in manifest and "provisional" in manifest
    assert "2018-12-09" in manifest
    assert "insider,insider.txt,7ca71bb1" in manifest
    assert "Japan Charts More Independent Course to Improve Russian Relations" in manifest  # not the ad banner


def test_cr_only_and_mixed_line_ends_are_cleaned_like_any_other(finished_run):
    out = finished_run[1]
    old_mac = (out / "data" / "clean" / "old_mac.txt").read_bytes()
    assert old_mac == (ROOT / "data" / "clean" / "tni_forum.txt").read_bytes()  # paragraphs end in \n
    mentions = (out / "data" / "mentions.csv").read_text(encoding="utf-8")
    assert 'old_mac,old_mac:m001,date,day_range_year,"June 19 and 21, 2018"' in mentions


def test_the_output_folder_is_marked_and_its_folders_are_links_to_the_current_result(finished_run):
    out = finished_run[1]
    assert (out / ".japan-russia-study").is_file()
    assert os.readlink(out / ".results" / "current") == "run-000001"
    for name in ("data", "figures", "notebooks"):
        assert os.readlink(out / name) == f".results/current/{name}"
    assert not (out / ".lock").exists()


def test_the_committed_study_is_left_untouched(finished_run):
    assert finished_run[2], "a run with --out changed files of the committed study"


def test_html_and_script_in_a_source_are_text_and_escaped_where_rendered(finished_run):
    out = finished_run[1]
    cleaned = (out / "data" / "clean" / "html_page.txt").read_text(encoding="utf-8")
    assert "999 times in fiscal 2016" in cleaned and "<" not in cleaned and "injected" not in cleaned
    for path in (out / "notebooks").glob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            for output in cell.get("outputs", []):
                for mime in ("text/html", "text/markdown"):
                    assert "<script" not in output.get("data", {}).get(mime, ""), (path.name, mime)
    rendered = (out / "notebooks" / "02_cleaning.ipynb").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in rendered  # the removed script is shown in the audit, escaped
    for table in (out / "data" / "tables").glob("*.md"):
        assert "<script" not in table.read_text(encoding="utf-8")


def test_outputs_are_identical_under_another_timezone_locale_and_hash_seed(finished_run, tmp_path):
    corpus, out, *_ = finished_run
    again = tmp_path / "out"
    codebook = next(out.parent.glob("my_codebook.csv"))
    result = run_study(corpus, again, f"codebook_file={codebook}", TZ="Pacific/Kiritimati", LC_ALL="C", LANG="C",
                       PYTHONHASHSEED="4242")
    assert result.returncode == 0, result.stderr
    first, second = snapshot(out), snapshot(again)
    assert first.keys() == second.keys()
    for name in first:
        if name.endswith(".ipynb"):  # injected parameters name the OUT folder
            assert _without_parameters(out / name) == _without_parameters(again / name), name
        else:
            assert first[name] == second[name], name


def _without_parameters(path: Path) -> dict:
    """An executed notebook without what names its folders: the injected parameters."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["metadata"]["papermill"].pop("parameters")
    notebook["cells"] = [c for c in notebook["cells"] if c.get("id") != "injected-parameters"]
    return notebook


@pytest.fixture
def previous_outputs(finished_run, tmp_path):
    """An OUT folder holding a complete earlier run, and its file checksums."""
    out = tmp_path / "out"
    shutil.copytree(finished_run[1], out, symlinks=True)
    return out, snapshot(out)


def _corpus_with_manifest(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    return corpus


def _edit_manifest(corpus: Path, old: str, new: str) -> None:
    manifest = corpus / "sources.csv"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


BAD_INPUTS = {
    "latin1": (lambda c: (c / "bad.txt").write_bytes("Kuriles café, 390 scrambles".encode("latin-1")),
               r"bad\.txt: not UTF-8"),
    "binary": (lambda c: (c / "bad.txt").write_bytes(bytes(range(256)) * 4), r"bad\.txt: not UTF-8"),
    "empty": (lambda c: (c / "bad.txt").write_bytes(b""), r"bad\.txt: file is empty"),
    "large": (lambda c: (c / "bad.txt").write_bytes(b"Japan scrambled jets. " * 2_400_000),
              r"bad\.txt: 52,800,000 bytes is over the limit"),
}
BAD_MANIFESTS = {
    "wrong_checksum": (lambda c: _edit_manifest(c, "24c0ba65", "00000000"),
                       r"002_f34feaa46e2a04f2\.txt: checksum mismatch"),
    "missing_file": (lambda c: (c / "004_742ba40edc8271f9.txt").unlink(),
                     r"004_742ba40edc8271f9\.txt: file is missing"),
    "duplicate_id": (lambda c: _edit_manifest(c, "stratfor_diary,", "tni_forum,"),
                     r"sources\.csv: duplicate source_id 'tni_forum'"),
    "malformed_date": (lambda c: _edit_manifest(c, "2018-12-09", "2018-13-09"),
                       r"sources\.csv, source_id 'nikkei': stated_date '2018-13-09' is not an ISO date"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_source_file_is_refused_by_name_and_outputs_survive(case, previous_outputs, tmp_path):
    out, before = previous_outputs
    corpus = small_corpus(tmp_path / "corpus")
    make_bad, message = BAD_INPUTS[case]
    make_bad(corpus)
    started = time.monotonic()
    result = run_study(corpus, out)
    assert result.returncode == 2
    assert re.search(message, result.stderr), result.stderr
    assert snapshot(out) == before
    assert time.monotonic() - started < 60  # refused up front, not after running the notebooks


@pytest.mark.parametrize("case", sorted(BAD_MANIFESTS))
def test_bad_manifest_is_refused_by_name_and_outputs_survive(case, previous_outputs, tmp_path):
    out, before = previous_outputs
    corpus = _corpus_with_manifest(tmp_path)
    make_bad, message = BAD_MANIFESTS[case]
    make_bad(corpus)
    result = run_study(corpus, out)
    assert result.returncode == 2
    assert re.search(message, result.stderr), result.stderr
    assert snapshot(out) == before


def test_a_source_without_article_body_is_skipped_with_its_reason_and_the_run_goes_on(finished_run):
    out = finished_run[1]
    status = (out / "data" / "source_status.csv").read_text(encoding="utf-8")
    assert "chrome,chrome.txt,skipped,no article body found" in status
    assert "nikkei_piece,nikkei_piece.txt,ok," in status
    assert not (out / "data" / "clean" / "chrome.txt").exists()
    assert "5 sources: " in finished_run[3] and "1 skipped: chrome (no article body found" in finished_run[3]
    assert "chrome" in (out / "notebooks" / "02_cleaning.ipynb").read_text(encoding="utf-8")


def test_interrupted_run_leaves_previous_outputs_readable(previous_outputs, tmp_path):
    out, before = previous_outputs
    corpus = small_corpus(tmp_path / "corpus")
    process = subprocess.Popen(
        [sys.executable, "-m", "japan_russia_numbers", "run", "--sources", str(corpus), "--out", str(out)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while not (out / ".staging" / "data" / "clean").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert (out / ".staging" / "data" / "clean").exists(), "the run never reached notebook 02"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    after = snapshot(out)
    # The killed run leaves its staging folder and its lock (taken over by the next run), nothing else.
    assert {k: v for k, v in after.items() if not k.startswith(".staging/") and k != ".lock"} == before


def test_volatile_papermill_metadata_is_stripped():
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["papermill"] = {"start_time": "2026-01-01T00:00:00", "duration": 3.2,
                                      "input_path": "/x", "parameters": {"data_dir": "d"}}
    cell = nbformat.v4.new_code_cell("1")
    cell.metadata.update({"papermill": {"duration": 1.0}, "execution": {"iopub.status.busy": "t"}})
    notebook.cells.append(cell)
    stripped = strip_volatile_metadata(notebook)
    assert stripped.metadata["papermill"] == {"parameters": {"data_dir": "d"}}
    assert "papermill" not in stripped.cells[0].metadata and "execution" not in stripped.cells[0].metadata


def test_committed_notebooks_open_with_title_statement_and_parameters_cell():
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        assert cells[0]["cell_type"] == "markdown" and cells[0]["source"][0].startswith("# "), path.name
        assert "**Reads**" in "".join(cells[0]["source"]) and "**Writes**" in "".join(cells[0]["source"])
        assert cells[1]["metadata"].get("tags") == ["parameters"], path.name
