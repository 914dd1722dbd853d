"""A user's folders are safe: nothing the study did not make is deleted, nothing outside SOURCES is read.

Each case runs the command `make study` runs, `python -m japan_russia_numbers run --sources ... --out ...`
(in-process when it stops before any notebook runs, see `run_main`), and asserts the one-line message
and that every byte that was there before is still there. (`tests/test_runner.py` runs `make study`
itself with a path full of shell and make syntax.)
"""

import hashlib
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT, committed_snapshot, run_main, seed_copy, snapshot, start_on_small_disk
from japan_russia_numbers import studyfolder
from japan_russia_numbers.outputs import latex_escape, markdown_escape, to_latex_booktabs, to_markdown


def refused(result, *phrases: str, status: int = 2) -> None:
    """The run stopped with `status` and one line of error that contains every phrase."""
    assert result.returncode == status, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for phrase in phrases:
        assert phrase in lines[0], lines[0]


# --- where OUT may be --------------------------------------------------------------------------
def test_sources_inside_out_are_refused_and_kept(tmp_path, no_notebook_runs):
    sources = seed_copy(tmp_path / "X" / "data", with_manifest=False)
    before = snapshot(tmp_path / "X")
    refused(run_main("--sources", sources, "--out", tmp_path / "X"), "OUT and SOURCES", "overlap")
    assert snapshot(tmp_path / "X") == before


def test_out_inside_sources_is_refused(tmp_path, no_notebook_runs):
    sources = seed_copy(tmp_path / "corpus")
    before = snapshot(sources)
    refused(run_main("--sources", sources, "--out", sources / "results"), "overlap")
    assert snapshot(sources) == before and not (sources / "results").exists()


def test_the_repository_as_out_is_refused_and_its_inputs_stay(tmp_path, no_notebook_runs):
    sources = seed_copy(tmp_path / "corpus")
    inputs = committed_snapshot()
    for out in (ROOT, ROOT.parent):
        refused(run_main("--sources", sources, "--out", out), "is or contains the study's repository")
    assert committed_snapshot() == inputs


def test_a_folder_of_the_users_own_is_refused_untouched(tmp_path, no_notebook_runs):
    home = tmp_path / "thesis"
    for name in ("data", "figures", "notebooks", ".previous", ".staging"):
        (home / name).mkdir(parents=True)
        (home / name / "chapter.txt").write_text(f"my own {name}\n", encoding="utf-8")
    before = snapshot(home)
    refused(run_main("--sources", seed_copy(tmp_path / "corpus"), "--out", home), "not empty",
            "was not made by this study")
    assert snapshot(home) == before


def test_a_real_folder_in_a_marked_out_is_not_replaced(tmp_path, no_notebook_runs):
    out = tmp_path / "out"
    studyfolder.prepare(out)
    (out / "data").mkdir()
    (out / "data" / "mine.csv").write_text("a,b\n", encoding="utf-8")
    before = snapshot(out)
    refused(run_main("--sources", seed_copy(tmp_path / "corpus"), "--out", out),
            f"{out / 'data'}: not the study's own link")
    assert snapshot(out) == before


def test_a_second_run_on_the_same_out_waits_its_turn(tmp_path, no_notebook_runs):
    out = tmp_path / "out"
    studyfolder.prepare(out)
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (out / ".lock").write_text(f"{holder.pid}\n", encoding="utf-8")
        before = snapshot(out)
        refused(run_main("--sources", seed_copy(tmp_path / "corpus"), "--out", out), f"another run (pid {holder.pid})")
        assert snapshot(out) == before
    finally:
        holder.kill()
        holder.wait()


# --- reading only inside SOURCES -----------------------------------------------------------------
def _manifest_pointing_at(corpus: Path, target: str, sha256: str) -> None:
    manifest = corpus / "sources.csv"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    header, first = lines[0], lines[1].split(",")
    first[1], first[2] = target, sha256
    manifest.write_text("\n".join([header, ",".join(first), *lines[2:]]) + "\n", encoding="utf-8")


@pytest.mark.parametrize("how", ["dotdot", "absolute"])
def test_a_manifest_file_outside_sources_is_refused_unread(how, tmp_path, no_notebook_runs):
    secret = tmp_path / "secret" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("Top secret: 12345 scrambles were flown from my diary.\n", encoding="utf-8")
    corpus = seed_copy(tmp_path / "a" / "corpus")
    target = "../../secret/secret.txt" if how == "dotdot" else str(secret)
    _manifest_pointing_at(corpus, target, hashlib.sha256(secret.read_bytes()).hexdigest())
    out = tmp_path / "out"
    refused(run_main("--sources", corpus, "--out", out), repr(target), "is not a plain path inside",
            "read only from inside SOURCES")
    assert not out.exists()


def test_a_symlink_leading_outside_sources_is_refused(tmp_path, no_notebook_runs):
    secret = tmp_path / "secret.txt"
    secret.write_text("Top secret: 12345 scrambles.\n", encoding="utf-8")
    corpus = seed_copy(tmp_path / "corpus", with_manifest=False)
    (corpus / "linked.txt").symlink_to(secret)
    refused(run_main("--sources", corpus, "--out", tmp_path / "out"), f"{corpus / 'linked.txt'}: is a link to {secret}")
    assert not (tmp_path / "out").exists()


# --- bad manifests -------------------------------------------------------------------------------
def test_a_manifest_with_a_header_and_no_rows_is_refused(tmp_path, no_notebook_runs):
    corpus = seed_copy(tmp_path / "corpus")
    manifest = corpus / "sources.csv"
    manifest.write_text(manifest.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    refused(run_main("--sources", corpus, "--out", tmp_path / "out"), "sources.csv: lists no sources")


def test_an_over_long_source_id_is_refused(tmp_path, no_notebook_runs):
    corpus = seed_copy(tmp_path / "corpus")
    manifest = corpus / "sources.csv"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("nikkei,", "n" * 300 + ",", 1),
                        encoding="utf-8")
    refused(run_main("--sources", corpus, "--out", tmp_path / "out"), "300 characters is over the limit of 100")


def test_an_over_long_file_name_gets_a_short_id(tmp_path):
    from japan_russia_numbers.sources import slugify
    slug = slugify("a" * 240)
    assert len(slug) <= 100 and slug.startswith("aaaa") and slug != slugify("a" * 241)


# --- full and read-only disks --------------------------------------------------------------------
def on_small_disk(result: subprocess.CompletedProcess):
    """The outcome of a run with OUT on a tmpfs of its own (conftest.start_on_small_disk), and what it left."""
    assert result.returncode != 99, f"could not mount a tmpfs in a private namespace: {result.stderr}"
    *message, left = result.stderr.strip().splitlines()
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout, "\n".join(message)), left


def test_a_read_only_out_ends_in_one_line(tmp_path):
    run = start_on_small_disk(tmp_path, seed_copy(tmp_path / "corpus"), "1m", read_only=True)
    result, _ = on_small_disk(run.result())
    refused(result, "Read-only file system", "out/.japan-russia-study")


def test_a_full_disk_ends_in_one_line_and_frees_the_staging_space(study_runs):
    result, left = on_small_disk(study_runs["full_disk"].result())  # the seeds, on a disk of 200k
    refused(result, "No space left on device", status=result.returncode)
    assert result.returncode in (1, 2) and "/.staging/" in result.stderr  # names the file it could not write
    assert ".staging" not in left.split(), left


# --- promotion is all-or-nothing -----------------------------------------------------------------
KILLER = textwrap.dedent("""\
    import os, signal, sys
    from pathlib import Path
    from japan_russia_numbers import studyfolder
    staging, out, kill_at = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    calls = 0
    def counted(call):
        def wrapper(*args, **kwargs):
            global calls
            calls += 1
            if calls == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            return call(*args, **kwargs)
        return wrapper
    for name in ("replace", "rename", "symlink", "mkdir", "unlink", "rmdir", "remove"):
        setattr(os, name, counted(getattr(os, name)))
    studyfolder.promote(staging, out)
    """)


def _result(folder: Path, version: str) -> Path:
    for name in studyfolder.OUTPUT_DIRS:
        (folder / name).mkdir(parents=True)
        (folder / name / "table.csv").write_text(f"{version}\n", encoding="utf-8")
    return folder


def _versions(out: Path) -> set[str]:
    return {(out / name / "table.csv").read_text(encoding="utf-8").strip() for name in studyfolder.OUTPUT_DIRS}


def test_a_kill_at_any_step_of_the_promotion_leaves_the_old_or_the_new_result(tmp_path):
    outcomes = []
    for kill_at in range(1, 100):
        out = tmp_path / f"out{kill_at}"
        studyfolder.prepare(out)
        studyfolder.promote(_result(out / ".staging", "old"), out)
        _result(out / ".staging", "new")
        child = subprocess.run([sys.executable, "-c", KILLER, str(out / ".staging"), str(out), str(kill_at)])
        versions = _versions(out)
        assert versions in ({"old"}, {"new"}), (kill_at, versions)
        outcomes.append(versions.pop())
        if child.returncode == 0:  # the promotion finished before the kill_at-th step
            break
        # The next run recovers: a new promotion succeeds and no retired result is left behind.
        shutil.rmtree(out / ".staging", ignore_errors=True)
        studyfolder.promote(_result(out / ".staging", "next"), out)
        assert _versions(out) == {"next"}
        runs = sorted(p.name for p in (out / ".results").iterdir())
        assert runs == ["current", os.readlink(out / ".results" / "current")], runs
    assert child.returncode == 0 and outcomes[0] == "old" and outcomes[-1] == "new"
    assert len(outcomes) > 3  # the kill landed inside the move several times


# --- tables safe for LaTeX and Markdown ----------------------------------------------------------
HOSTILE_CELL = "Russia’s −12 “drop” [click](javascript:alert(1)) https://x.example\r\nnext\x07 | <b> 中 ５ café"


def test_latex_tables_are_ascii_and_compile():
    import pandas as pd
    table = to_latex_booktabs(pd.DataFrame({"quote": [HOSTILE_CELL], "n": [1]}), "A caption with − and ’")
    assert table.isascii(), [c for c in table if not c.isascii()]
    assert r"Russia's $-$12 ``drop''" in table and r"caf\'{e}" in table and "[U+4E2D]" in table
    for path in (ROOT / "data" / "tables").glob("*.tex"):
        assert path.read_text(encoding="utf-8").isascii(), path.name
    if shutil.which("pdflatex"):  # compiled for real where TeX is installed
        document = "\\documentclass{article}\\usepackage{booktabs}\\begin{document}\n%s\\end{document}\n"
        folder = Path(os.environ.get("TMPDIR", "/tmp")) / f"latex-{os.getpid()}"
        folder.mkdir(exist_ok=True)
        (folder / "t.tex").write_text(document % table, encoding="ascii")
        compiled = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "t.tex"],
                                  cwd=folder, capture_output=True, text=True, timeout=120)
        assert compiled.returncode == 0, compiled.stdout[-2000:]


def test_markdown_cells_carry_no_links_html_or_control_characters():
    import pandas as pd
    cell = markdown_escape(HOSTILE_CELL)
    assert "[click](" not in cell and r"\[click\]" in cell and "<b>" not in cell
    assert "javascript:" not in cell and "https://" not in cell
    assert not any(ord(c) < 32 for c in cell) and "\\|" in cell and "Russia’s" in cell
    table = to_markdown(pd.DataFrame({"outlet": [HOSTILE_CELL]}))
    assert len(table.strip().splitlines()) == 3  # header, rule, one row
    assert latex_escape("\x07") == ""
