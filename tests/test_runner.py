"""The runner behind `make study`: runs on another corpus, refuses bad input, never loses outputs,
runs again only what changed.

Every case goes through the same entry point as `make study SOURCES=DIR OUT=DIR`: the full runs in a
process of their own (shared, started in the background: see conftest.py), the refusals that stop
before any notebook runs in-process. The skipping rules are checked on a toy study whose notebooks
are "executed" without a kernel, and end to end on the real one.
"""

import json
import os
import hashlib
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from jupyter_core.utils import run_sync

from japan_russia_numbers import runner
from japan_russia_numbers.runner import strip_volatile_metadata
from conftest import (ROOT, SEEDS, committed_snapshot, one_source_corpus, run_main, run_study,
                      snapshot)

NOTEBOOKS = ("01_sources", "02_cleaning", "03_mentions", "04_claims", "05_crosscheck", "06_figures")
# The line the runner prints per notebook that ran, "[3/6] 03_mentions    1.8 s" (benchmarks/scaling.py reads it).
TIMING = re.compile(r"^\[(\d+)/(\d+)\] (\d\d_\w+) +[\d.]+ s$")


@pytest.fixture(scope="session")
def finished_run(study_runs):
    """One complete run of the study on a small corpus of our own, through make (conftest.py)."""
    result = study_runs["own"].result()
    assert result.returncode == 0, result.stderr
    base = study_runs["corpus"].parent
    assert not [p for p in (*ROOT.glob("PWNED*"), *base.rglob("PWNED*"))], "make or the shell ran a path"
    untouched = committed_snapshot() == study_runs["committed_before"]
    return study_runs["corpus"], study_runs["own_out"], untouched, result.stdout


def test_another_corpus_gets_every_output_under_out(finished_run):
    out = finished_run[1]
    for name in NOTEBOOKS:
        assert (out / "notebooks" / f"{name}.ipynb").is_file()
    for table in ("sources.csv", "removed.csv", "mentions.csv", "claims.csv", "checks.csv", "source_dates.csv"):
        assert (out / "data" / table).is_file()
    assert (out / "figures" / "README.md").is_file() and (out / "figures" / "timeline.pdf").is_file()
    assert not (out / ".staging").exists() and not (out / ".failed").exists()


def test_each_notebook_gets_a_line_with_its_position_and_time(finished_run):
    lines = finished_run[3].splitlines()
    assert [m.groups() for line in lines if (m := TIMING.match(line))] == [
        (str(position), "6", name) for position, name in enumerate(NOTEBOOKS, 1)]
    assert "skipped (unchanged)" not in finished_run[3] and "unchanged since" not in finished_run[3]


def test_a_successful_run_is_quiet_no_kernel_warnings_or_errors(finished_run, study_runs):
    """Nothing on stderr: no "[IPKernelApp] WARNING | Kernel is running over TCP without encryption"
    (the kernels talk over local sockets), no "[IPKernelApp] ERROR | KeyboardInterrupt caught in kernel"
    (the kernel is not interrupted on the way out); on stdout one line per notebook and the summary."""
    for name in ("own", "other_env"):
        result = study_runs[name].result()
        assert result.returncode == 0 and result.stderr == "", (name, result.stderr)
    lines = study_runs["other_env"].result().stdout.splitlines()
    assert lines[0].startswith("taking over a stale lock") and lines[-1].startswith("6 sources: ")
    assert all(TIMING.match(line) for line in lines[1:-1]) and len(lines) == 8


def test_a_codebook_of_our_own_is_a_parameter(finished_run):
    claims = (finished_run[1] / "data" / "claims.csv").read_text(encoding="utf-8")
    assert "page_scrambles,html_page,asdf_scrambles,unknown,FY2016,999," in claims


def test_workers_from_make_reach_the_notebooks_that_define_them(finished_run):
    parameters = {name: json.loads((finished_run[1] / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
                  ["metadata"]["papermill"]["parameters"] for name in NOTEBOOKS}
    assert parameters["01_sources"]["workers"] == 1
    assert not [name for name in NOTEBOOKS[1:] if "workers" in parameters[name]]


def test_a_rerun_on_a_smaller_corpus_leaves_no_stale_outputs(study_runs):
    """The run under another environment went into an OUT holding a larger corpus's result (conftest.py)."""
    out, result = study_runs["other_env_out"], study_runs["other_env"].result()
    assert result.returncode == 0, result.stderr
    assert f"taking over a stale lock {out / '.lock'} left by pid {study_runs['stale_pid']}" in result.stdout
    assert sorted(p.name for p in (out / "data" / "clean").iterdir()) == [
        "html_page.txt", "insider.txt", "nikkei_piece.txt", "old_mac.txt"]  # none of EARLIER_CLEAN
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
    assert 'old_mac,old_mac:m001,body,date,day_range_year,"June 19 and 21, 2018"' in mentions


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


def test_outputs_are_identical_under_another_timezone_locale_and_hash_seed(finished_run, study_runs):
    out, again = finished_run[1], study_runs["other_env_out"]
    result = study_runs["other_env"].result()
    assert result.returncode == 0, result.stderr
    for folder in ("data", "figures", "notebooks"):  # through the links: the results are run-000001 and -000002
        first, second = snapshot(out / folder), snapshot(again / folder)
        assert first.keys() == second.keys()
        for name in first:
            if name.endswith(".ipynb"):  # injected parameters name the OUT folder
                assert _without_parameters(out / folder / name) == _without_parameters(again / folder / name), name
            else:
                assert first[name] == second[name], name


def _without_parameters(path: Path) -> dict:
    """An executed notebook without what names its folders (and how the work was spread): the injected
    parameters."""
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


# --- skipping what has not changed: the real study -------------------------------------------------
def test_a_second_run_with_nothing_changed_skips_every_notebook_and_leaves_out_as_it_was(finished_run,
                                                                                          previous_outputs):
    corpus, out = finished_run[0], previous_outputs[0]  # a study folder that was moved still counts
    codebook = corpus.parent / "my_codebook.csv"
    result = run_study(corpus, out, f"codebook_file={codebook}")  # without WORKERS=1: how, not what
    assert result.returncode == 0, result.stderr
    assert snapshot(out) == previous_outputs[1]
    assert sorted(p.name for p in (out / ".results").iterdir()) == ["current", "run-000001"]
    assert [line.split()[:2] for line in result.stdout.splitlines() if line.endswith("skipped (unchanged)")] == [
        [f"[{position}/6]", name] for position, name in enumerate(NOTEBOOKS, 1)]
    assert "unchanged since the last run: 01_sources … 06_figures (skipped; FORCE=1 reruns all)" in result.stdout
    assert "6 sources: " in result.stdout  # the summary of the run that made the result
    assert not [line for line in result.stdout.splitlines() if TIMING.match(line)]  # no notebook ran


# --- refusals, before any notebook runs ------------------------------------------------------------
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
def test_bad_source_file_is_refused_by_name_and_outputs_survive(case, previous_outputs, tmp_path, no_notebook_runs):
    out, before = previous_outputs
    # A file the manifest lists is refused if it cannot be read as text (without a manifest it is skipped:
    # see test_a_source_without_article_body_...).
    corpus = _corpus_with_manifest(tmp_path)
    make_bad, message = BAD_INPUTS[case]
    make_bad(corpus)
    with open(corpus / "sources.csv", "a", encoding="utf-8") as manifest:
        manifest.write(f"bad_file,bad.txt,{hashlib.sha256((corpus / 'bad.txt').read_bytes()).hexdigest()},,,,,news,\n")
    started = time.monotonic()
    result = run_main("--sources", corpus, "--out", out)
    assert result.returncode == 2
    assert re.search(message, result.stderr), result.stderr
    assert snapshot(out) == before
    assert time.monotonic() - started < 60  # refused up front, not after running the notebooks
    assert ".ipynb" not in result.stdout


@pytest.mark.parametrize("case", sorted(BAD_MANIFESTS))
def test_bad_manifest_is_refused_by_name_and_outputs_survive(case, previous_outputs, tmp_path, no_notebook_runs):
    out, before = previous_outputs
    corpus = _corpus_with_manifest(tmp_path)
    make_bad, message = BAD_MANIFESTS[case]
    make_bad(corpus)
    result = run_main("--sources", corpus, "--out", out)
    assert result.returncode == 2
    assert re.search(message, result.stderr), result.stderr
    assert snapshot(out) == before


def test_a_refusal_through_a_process_of_its_own_is_one_line_and_status_2(previous_outputs, tmp_path):
    out, before = previous_outputs
    corpus = _corpus_with_manifest(tmp_path)
    _edit_manifest(corpus, "24c0ba65", "00000000")
    result = run_study(corpus, out)
    assert result.returncode == 2 and result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "002_f34feaa46e2a04f2.txt: checksum mismatch" in result.stderr
    assert snapshot(out) == before


def test_a_source_without_article_body_is_skipped_with_its_reason_and_the_run_goes_on(finished_run):
    out = finished_run[1]
    status = (out / "data" / "source_status.csv").read_text(encoding="utf-8")
    assert "chrome,chrome.txt,skipped,no article body found" in status
    assert "nikkei_piece,nikkei_piece.txt,ok," in status
    assert not (out / "data" / "clean" / "chrome.txt").exists()
    assert "6 sources: " in finished_run[3] and "2 skipped: chrome (no article body found" in finished_run[3]
    assert "latin1,latin1.txt,skipped,not UTF-8 text (byte 0xe9 at offset 11); re-save it as UTF-8" in status
    assert "chrome" in (out / "notebooks" / "02_cleaning.ipynb").read_text(encoding="utf-8")


def test_interrupted_run_leaves_previous_outputs_readable(study_runs):
    run = study_runs["interrupted"]  # killed as soon as it wrote data/clean/ (conftest.py)
    run.join()
    assert run.reached, "the run never reached notebook 02"
    after = snapshot(run.out)
    # The killed run leaves its staging folder and its lock (taken over by the next run), nothing else.
    assert {k: v for k, v in after.items() if not k.startswith(".staging/") and k != ".lock"} == run.before


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


# --- skipping what has not changed: the rules, on a toy study -------------------------------------
def _notebook(path: Path, parameters: str, code: str = "") -> None:
    cells = [nbformat.v4.new_code_cell(parameters, metadata={"tags": ["parameters"]})]
    if code:
        cells.append(nbformat.v4.new_code_cell(code))
    metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                "language_info": {"name": "python"}}
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata=metadata), path)


class Toy:
    """A checkout of its own with two notebooks; `run` runs the study in it, in this process."""

    def __init__(self, root: Path):
        self.root, self.ran = root, []
        self.corpus, self.out = one_source_corpus(root.parent / "corpus"), root.parent / "out"

    def run(self, *, in_place=False, **options) -> list[str]:
        lines, self.ran[:] = [], []
        runner.run_study(None if in_place else self.corpus, None if in_place else self.out, log=lines.append,
                         **options)
        return lines


@pytest.fixture
def toy(tmp_path, monkeypatch):
    """The runner over a toy study whose notebooks are "executed" without a kernel: each writes a table
    (what it read: its sources' bytes, the table before it) and its executed record. Milliseconds a run."""
    root = tmp_path / "checkout"
    (root / "notebooks").mkdir(parents=True)
    one_source_corpus(root / "seeds")
    for name in ("01_first", "02_second"):
        _notebook(root / "notebooks" / f"{name}.ipynb", "data_dir = '../data'\nworkers = 0")
    study = Toy(root)

    def execute(notebook, output, parameters):
        study.ran.append(notebook.stem)
        parameters = parameters or {}
        data = Path(parameters.get("data_dir", root / "data"))
        sources = Path(parameters.get("sources_dir", root / "seeds"))
        data.mkdir(parents=True, exist_ok=True)
        Path(parameters.get("figures_dir", root / "figures")).mkdir(parents=True, exist_ok=True)
        earlier = "".join(p.read_text(encoding="utf-8") for p in sorted(data.glob("*.csv")))
        size = sum(p.stat().st_size for p in sources.glob("*.txt"))
        (data / f"{notebook.stem}.csv").write_text(f"{notebook.stem},{size},{len(earlier)}\n", encoding="utf-8")
        output.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(notebook, output)

    monkeypatch.setattr(runner, "PROJECT_ROOT", root)
    monkeypatch.setattr(runner, "NOTEBOOKS_DIR", root / "notebooks")
    monkeypatch.setattr(runner, "_execute", execute)
    return study


def test_toy_nothing_changed_skips_all_and_leaves_out_byte_identical(toy):
    toy.run()
    assert toy.ran == ["01_first", "02_second"]
    before = snapshot(toy.out)
    lines = toy.run(how={"workers": 3})  # how the work is spread is no reason to run again
    assert toy.ran == [] and snapshot(toy.out) == before
    assert lines == ["[1/2] 01_first   skipped (unchanged)", "[2/2] 02_second  skipped (unchanged)",
                     "unchanged since the last run: 01_first … 02_second (skipped; FORCE=1 reruns all)"]
    assert sorted(p.name for p in (toy.out / ".results").iterdir()) == ["current", "run-000001"]


def test_toy_a_changed_source_reruns_every_notebook(toy):
    toy.run()
    with (toy.corpus / "nikkei_piece.txt").open("ab") as source:
        source.write(b"\nOne more line.\n")
    lines = toy.run()
    assert toy.ran == ["01_first", "02_second"]
    assert "01_first.ipynb reruns: changed since the last run: the sources" in lines
    assert (toy.out / "data" / "01_first.csv").read_text(encoding="utf-8").startswith(
        f"01_first,{(toy.corpus / 'nikkei_piece.txt').stat().st_size},")


def test_toy_a_deleted_output_reruns_its_notebook_and_the_result_stays_complete(toy):
    toy.run()
    before = snapshot(toy.out / "data")
    (toy.out / "data" / "02_second.csv").unlink()
    lines = toy.run()
    assert toy.ran == ["02_second"]
    assert lines[0] == "[1/2] 01_first   skipped (unchanged)"
    assert lines[1] == "unchanged since the last run: 01_first (skipped; FORCE=1 reruns all)"
    assert lines[2] == (f"02_second.ipynb reruns: {toy.out / 'data' / '02_second.csv'} is missing or changed "
                        "since the last run")
    assert TIMING.match(lines[3]) and lines[3].startswith("[2/2] 02_second  ")
    # The new result is complete: the skipped notebook's table and record were carried over.
    assert os.readlink(toy.out / ".results" / "current") == "run-000002"
    assert snapshot(toy.out / "data") == before
    assert (toy.out / "notebooks" / "01_first.ipynb").is_file()


def test_toy_a_changed_notebook_reruns_it_and_every_later_one_in_place(toy):
    toy.run(in_place=True)
    assert toy.ran == ["01_first", "02_second"] and (toy.root / runner.STATE_FILE).is_file()
    toy.run(in_place=True)
    assert toy.ran == []
    _notebook(toy.root / "notebooks" / "02_second.ipynb", "data_dir = '../data'\nworkers = 0", "1 + 1")
    toy.run(in_place=True)
    assert toy.ran == ["02_second"]
    (toy.root / "data" / "01_first.csv").write_text("edited by hand\n", encoding="utf-8")
    toy.run(in_place=True)
    assert toy.ran == ["01_first", "02_second"]


@pytest.mark.parametrize("how", ["force", "check_drift"])
def test_toy_force_reruns_every_notebook(toy, how, monkeypatch):
    toy.run()
    if how == "force":
        toy.run(force=True)
    else:  # what `make test` runs: its drift check must never trust an earlier run
        from japan_russia_numbers import __main__ as command

        def in_the_toy(sources, out, extra_parameters, how, force):
            runner.run_study(toy.corpus, toy.out, log=lambda line: None, how=how, force=force)

        monkeypatch.setattr(command, "run_study", in_the_toy)
        monkeypatch.setattr(command, "changed_outputs", lambda: [])
        toy.ran[:] = []
        assert run_main("--check-drift").returncode == 0
    assert toy.ran == ["01_first", "02_second"]
    assert os.readlink(toy.out / ".results" / "current") == "run-000002"


def test_a_corrupt_record_of_the_last_run_means_everything_runs(toy):
    toy.run()
    (toy.out / ".results" / "current" / runner.STATE_FILE).write_text("{not json", encoding="utf-8")
    toy.run()
    assert toy.ran == ["01_first", "02_second"]


# --- how the work is spread: --workers, --scheduler ------------------------------------------------
def test_defined_in_takes_only_what_the_parameters_cell_defines(tmp_path):
    path = tmp_path / "01_x.ipynb"
    _notebook(path, "data_dir = '../data'\nworkers = 0   # processes\nscheduler_note = ''", "scheduler = 'not here'")
    assert runner._defined_in(path, {"workers": 3, "scheduler": "tcp://h:1", "data_dir": "d"}) == {
        "workers": 3, "data_dir": "d"}


@pytest.mark.parametrize("argv, environment, expected", [
    ([], {}, ({}, False)),
    (["--workers", "4", "--scheduler", "tcp://h:8786"], {}, ({"workers": 4, "scheduler": "tcp://h:8786"}, False)),
    (["--force"], {}, ({}, True)),
    (["--from-environment"], {"STUDY_WORKERS": "2", "STUDY_SCHEDULER": "tcp://h:1", "STUDY_FORCE": "1"},
     ({"workers": 2, "scheduler": "tcp://h:1"}, True)),
    (["--from-environment"], {"STUDY_WORKERS": "", "STUDY_SCHEDULER": "", "STUDY_FORCE": ""}, ({}, False)),
    (["--check-drift"], {}, ({}, True)),
])
def test_the_command_line_passes_workers_scheduler_and_force(argv, environment, expected, monkeypatch):
    from japan_russia_numbers import __main__ as command
    calls = []
    monkeypatch.setattr(command, "run_study", lambda *args, **kwargs: calls.append(kwargs))
    monkeypatch.setattr(command, "changed_outputs", lambda: [])
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert run_main(*argv).returncode == 0
    assert (calls[0]["how"], calls[0]["force"]) == expected


@pytest.mark.parametrize("argv, environment, message", [
    (["--workers", "many"], {}, "'many' is not a number of worker processes"),
    (["--from-environment"], {"STUDY_WORKERS": "-1"}, "WORKERS: '-1' is not a number of worker processes"),
])
def test_a_bad_number_of_workers_is_refused_in_one_line(argv, environment, message, monkeypatch):
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    result = run_main(*argv)
    assert result.returncode == 2 and message in result.stderr and result.stderr.count("\n") == 1


def test_workers_and_scheduler_reach_the_notebooks_that_define_them_in_place(tmp_path, monkeypatch):
    """A throw-away notebook run by a real kernel: it defines the two parameters and writes what it got."""
    root = tmp_path / "checkout"
    (root / "notebooks").mkdir(parents=True)
    one_source_corpus(root / "seeds")
    data = root / "data"
    writes = ("import pathlib\npathlib.Path(data_dir).mkdir(parents=True, exist_ok=True)\n"
              "pathlib.Path(data_dir, 'how.txt').write_text(f'{workers} {scheduler}')")
    _notebook(root / "notebooks" / "01_how.ipynb", f"data_dir = {str(data)!r}\nworkers = 0\nscheduler = ''", writes)
    monkeypatch.setattr(runner, "PROJECT_ROOT", root)
    monkeypatch.setattr(runner, "NOTEBOOKS_DIR", root / "notebooks")
    how = {"workers": 3, "scheduler": "tcp://127.0.0.1:9"}
    runner.run_study(log=lambda line: None, how=how)  # in place (with OUT: see test_workers_from_make_...)
    assert (data / "how.txt").read_text() == "3 tcp://127.0.0.1:9"
    # The committed record does not change with how the work was spread: no injected cell, counts close up.
    record = nbformat.read(root / "notebooks" / "01_how.ipynb", as_version=4)
    assert [c.source for c in record.cells] == [f"data_dir = {str(data)!r}\nworkers = 0\nscheduler = ''", writes]
    assert [c.execution_count for c in record.cells] == [1, 2] and record.metadata.papermill.parameters == {}


# --- the front door: make lab, setup under CI ----------------------------------------------------
def test_lab_command_allows_root_and_takes_flags_of_its_own():
    from japan_russia_numbers.__main__ import lab_command
    lab = [sys.executable, "-m", "jupyter", "lab", f"--notebook-dir={ROOT / 'notebooks'}"]
    assert lab_command(1000, []) == lab
    assert lab_command(0, ["--no-browser", "--port", "8899"]) == [*lab, "--allow-root", "--no-browser", "--port", "8899"]


def test_lab_args_arrive_verbatim(monkeypatch):
    from japan_russia_numbers.__main__ import main
    calls = []
    monkeypatch.setattr(os, "execv", lambda path, argv: calls.append(argv))
    monkeypatch.setenv("STUDY_LAB_ARGS", "--no-browser --ServerApp.root_dir='a $(shell x) `y`'")
    main(["lab", "--from-environment", "--", "--port", "8899"])
    assert calls[0][-4:] == ["--no-browser", "--ServerApp.root_dir=a $(shell x) `y`", "--port", "8899"]
    assert ("--allow-root" in calls[0]) == (os.geteuid() == 0)


def test_make_lab_hands_lab_args_over_verbatim(tmp_path):
    """Through make to the command line above, with a stand-in for the venv's python that says what it got
    (-o: the venv is taken as set up)."""
    python = tmp_path / "python"
    python.write_text('#!/bin/sh\nprintf "%s\\n" "$*" "$STUDY_LAB_ARGS"\n')
    python.chmod(0o755)
    lab_args = "--no-browser --ServerApp.root_dir='a $(shell touch PWNED) `touch PWNED2`' $$HOME"
    result = subprocess.run(["make", "--no-print-directory", "-s", "-C", str(ROOT), "-o", ".venv/.installed-from-lock",
                             "lab", f"PY={python}", f"LAB_ARGS={lab_args}"], capture_output=True, text=True, timeout=60)
    assert result.stdout == f"-m japan_russia_numbers lab --from-environment\n{lab_args}\n", result.stderr
    assert not list(ROOT.glob("PWNED*")), "make or the shell ran LAB_ARGS"


@pytest.mark.parametrize("ci", ["true", ""])
def test_setup_shows_pips_progress_but_under_ci_one_line_a_step(ci):
    """What `make` would run to set up the venv (-n: nothing is run; -W: as if the lock had changed)."""
    result = subprocess.run(["make", "--no-print-directory", "-n", "-W", "requirements.lock", "-C", str(ROOT),
                             ".venv/.installed-from-lock"], capture_output=True, text=True,
                            env={**os.environ, "CI": ci}, timeout=60)
    installs = [line for line in result.stdout.splitlines() if " -m pip install " in line]
    assert len(installs) == 2 and all(("--quiet" in line) == bool(ci) for line in installs), result.stdout
    assert 'echo "setup: installing $(grep -c \'==\' requirements.lock) pinned packages' in result.stdout


def test_under_ci_the_per_document_stage_shows_no_progress_bar(monkeypatch):
    from japan_russia_numbers import document
    monkeypatch.setenv("CI", "true")
    progress = document._progress(10_000)
    assert progress.disable
    progress.close()


# --- kernels started ahead: real kernels on a two-notebook study ---------------------------------
@pytest.fixture
def kernel_study(tmp_path, monkeypatch):
    """A checkout of its own whose notebooks run in real kernels; records the kernels started ahead."""
    root = tmp_path / "checkout"
    (root / "notebooks").mkdir(parents=True)
    one_source_corpus(root / "seeds")
    started = []
    start = runner._WarmKernels.start

    def recording_start(self, notebook):
        start(self, notebook)
        started.append(self._kernels[notebook])

    monkeypatch.setattr(runner, "PROJECT_ROOT", root)
    monkeypatch.setattr(runner, "NOTEBOOKS_DIR", root / "notebooks")
    monkeypatch.setattr(runner._WarmKernels, "start", recording_start)
    return root, started


def test_the_next_notebooks_kernel_starts_ahead_with_its_imports_and_no_trace(kernel_study):
    root, started = kernel_study
    _notebook(root / "notebooks" / "01_first.ipynb", "data_dir = '../data'", "x = 1")
    _notebook(root / "notebooks" / "02_second.ipynb", "data_dir = '../data'",
              "import sys\nprint('decimal' in sys.modules)\nimport decimal")
    runner.run_study(log=lambda line: None, force=True)
    second = json.loads((root / "notebooks" / "02_second.ipynb").read_text(encoding="utf-8"))
    code = [c for c in second["cells"] if c["cell_type"] == "code"]
    # the import already ran (in the kernel started while 01 ran), and left no output or count behind
    assert "".join(code[1]["outputs"][0]["text"]) == "True\n"
    assert [c["execution_count"] for c in code] == [1, 2]
    # each notebook's kernel was the runner's (the first's started while papermill was imported), and is stopped
    assert len(started) == 2 and not any(run_sync(km.is_alive)() for km in started)
    assert runner.import_lines(root / "notebooks" / "02_second.ipynb") == ["import sys", "import decimal"]


def test_a_failing_cell_is_named_and_the_kernel_started_ahead_is_stopped(kernel_study):
    root, started = kernel_study
    _notebook(root / "notebooks" / "01_first.ipynb", "data_dir = '../data'", "import json\n1 / 0")
    _notebook(root / "notebooks" / "02_second.ipynb", "data_dir = '../data'", "import decimal")
    with pytest.raises(runner.StudyError, match=r"^01_first\.ipynb: cell 1 .*failed with ZeroDivisionError"):
        runner.run_study(log=lambda line: None, force=True)
    assert len(started) == 2 and not any(run_sync(km.is_alive)() for km in started)  # 01's, and 02's ahead
    assert runner._warm_kernels._kernels == {}
