"""Shared fixtures: the real seeds, throw-away corpora built from them, and the study runs that the
runner tests share.

A full study run takes half a minute, most of it kernels starting and importing. The few that the
runner tests need (`study_runs`) start in the background as soon as the session starts, at the lowest
priority, so they use the machine's second core while the unit tests run on the first; the runner
tests run after the unit tests and wait for them. Checks that stop before any notebook runs call the
command line in-process.
"""

import contextlib
import hashlib
import io
import os
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from japan_russia_numbers.sources import load_sources

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
COMMITTED_OUTPUTS = ("data", "figures", "notebooks")

HTML_SOURCE = (
    '<html><head><title>Scramble <script>alert("x")</script> report</title></head>\n\n'
    "<p>Japan scrambled fighter jets 999 times in fiscal 2016, the <b>Joint Staff</b> said on Friday, "
    "a record for the force.</p>\n<script>document.write('injected')</script>\n"
)
# A folder name that make or a shell would run commands from, if either interpreted it.
HOSTILE_NAME = "my corpus $(shell touch PWNED) `touch PWNED2` $$(touch PWNED3) \"dq\" 'sq' \u00fc\u65e5"


@pytest.fixture(scope="session")
def seed_sources():
    """The study's five sources, verified."""
    return {s.source_id: s for s in load_sources(SEEDS)}


@pytest.fixture(scope="session")
def seed_documents(seed_sources):
    """The per-document work on the five seeds, as notebook 01 does it: (cleaned texts by id, mentions
    table, automatically coded claims table, stated dates by id)."""
    import pandas as pd
    from japan_russia_numbers.cleaning import load_source_rules
    from japan_russia_numbers.coding import CODED_COLUMNS, coded_row, load_lexicon
    from japan_russia_numbers.document import process_document
    from japan_russia_numbers.mentions import mentions_table

    rules, lexicon = load_source_rules(ROOT / "data/rules/cleaning_rules.csv"), load_lexicon(ROOT / "data/rules")
    results = [process_document(s.read_text(), s.source_id, rules, s.stated_date, s.url, s.file, lexicon)
               for s in seed_sources.values()]
    mentions = mentions_table([m for r in results for m in r.mentions]).astype({"value": str, "start": int})
    coded = pd.DataFrame([coded_row(k) for r in results for k in r.claims], columns=CODED_COLUMNS).astype(str)
    return ({r.source_id: r.cleaned for r in results}, mentions, coded,
            {s.source_id: s.stated_date for s in seed_sources.values()})


@pytest.fixture
def corpus_copy(tmp_path):
    """A writable copy of the seeds folder, manifest included."""
    target = tmp_path / "corpus"
    shutil.copytree(SEEDS, target)
    return target


# --- running the study ---------------------------------------------------------------------------
def run_study(sources, out, *params, **env):
    """`python -m japan_russia_numbers run --sources ... --out ...`, as `make study` calls it."""
    return subprocess.run(study_command(sources, out, *params), capture_output=True, text=True,
                          env={**os.environ, **env}, stdin=subprocess.DEVNULL, timeout=600)


def study_command(sources, out, *params) -> list[str]:
    return [sys.executable, "-m", "japan_russia_numbers", "run", "--sources", str(sources), "--out", str(out),
            *[f"--param={p}" for p in params]]


def run_main(*args: str) -> subprocess.CompletedProcess:
    """The same command line, called in this process: for runs that stop before any notebook runs,
    in milliseconds instead of a new interpreter's seconds. Exit status, stdout and stderr as a run's."""
    from japan_russia_numbers.__main__ import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(["run", *map(str, args)])
        except SystemExit as stop:  # argparse refusing the command line
            status = stop.code
    return subprocess.CompletedProcess(args, status, out.getvalue(), err.getvalue())


@pytest.fixture
def no_notebook_runs(monkeypatch):
    """For a run that must stop before any notebook runs: running one fails the test at once."""
    from japan_russia_numbers import runner

    def refuse(notebook, *_):
        raise AssertionError(f"{notebook.name} ran: the run should have stopped before any notebook")

    monkeypatch.setattr(runner, "_execute", refuse)


def make_command(sources, out, *variables: str) -> list[str]:
    """`make study SOURCES=... OUT=... VARIABLE=...` exactly as a user types it."""
    return ["make", "--no-print-directory", "-C", str(ROOT), "study", f"SOURCES={sources}", f"OUT={out}", *variables]


def snapshot(folder: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file under a folder, also as seen through its links."""
    found = {}
    for top, _, files in os.walk(folder, followlinks=True):
        for name in files:
            path = Path(top, name)
            found[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return dict(sorted(found.items()))


def committed_snapshot() -> dict[str, dict[str, str]]:
    """The checkout's committed outputs (hidden files left out: the temporary file of an atomic write)."""
    return {d: {k: v for k, v in snapshot(ROOT / d).items() if not Path(k).name.startswith(".")}
            for d in COMMITTED_OUTPUTS}


def small_corpus(folder: Path) -> Path:
    """Two seeds without a manifest, one more with CR-only line ends, an HTML page with script (and
    Windows line ends in places), a page of chrome without a body, and a Latin-1 file."""
    folder.mkdir()
    shutil.copy(SEEDS / "002_f34feaa46e2a04f2.txt", folder / "nikkei_piece.txt")
    shutil.copy(SEEDS / "003_e0e16d8f34210287.txt", folder / "insider.txt")
    tni = (SEEDS / "000_87ed16cc0efeee3f.txt").read_bytes()
    (folder / "old_mac.txt").write_bytes(tni.replace(b"\r\n", b"\n").replace(b"\n", b"\r"))
    (folder / "html_page.txt").write_bytes(HTML_SOURCE.replace("\n\n", "\r\n\n", 1).encode("utf-8"))
    (folder / "chrome.txt").write_text("What's new\n\nLast edited:\nBack\nTop Bottom\n", encoding="utf-8")
    # Without a manifest a file that is not UTF-8 is skipped with its reason (with one, it is refused).
    (folder / "latin1.txt").write_bytes("Kuriles caf\u00e9, 390 scrambles in fiscal 2017.".encode("latin-1"))
    return folder


def one_source_corpus(folder: Path) -> Path:
    folder.mkdir()
    shutil.copy(SEEDS / "002_f34feaa46e2a04f2.txt", folder / "nikkei_piece.txt")
    return folder


# Background runs yield the processor to everything else.
NICE = ["nice", "-n", "19"]


class Background:
    """A command started now at the lowest priority, its outcome collected later by `result()`."""

    def __init__(self, args: list[str], folder: Path, env: dict | None = None):
        self.args = args
        self.stdout, self.stderr = (open(folder / name, "w+", encoding="utf-8") for name in ("stdout", "stderr"))
        self.process = subprocess.Popen([*NICE, *args], stdout=self.stdout, stderr=self.stderr, text=True,
                                        stdin=subprocess.DEVNULL, env={**os.environ, **(env or {})},
                                        start_new_session=True)
        self._result = None

    def result(self, timeout: float = 600) -> subprocess.CompletedProcess:
        if self._result is None:
            status = self.process.wait(timeout)
            outputs = []
            for handle in (self.stdout, self.stderr):
                handle.seek(0)
                outputs.append(handle.read())
                handle.close()
            self._result = subprocess.CompletedProcess(self.args, status, *outputs)
        return self._result

    def stop(self) -> None:
        """End the run if no test waited for it (only some tests were selected)."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.result()


class Interrupted(threading.Thread):
    """A run on OUT, killed with its whole process group as soon as it has written data/clean/."""

    def __init__(self, corpus: Path, out: Path):
        super().__init__(daemon=True)
        self.out, self.before, self.reached = out, snapshot(out), False
        self.process = subprocess.Popen([*NICE, *study_command(corpus, out)], stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, start_new_session=True)
        self.start()

    def run(self) -> None:
        deadline = time.monotonic() + 300
        while not self.reached and self.process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
            self.reached = (self.out / ".staging" / "data" / "clean").exists()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        self.join()


def _unshared_disk_script() -> str:
    """OUT on a tmpfs of $SIZE of its own (a private mount namespace), read-only if $READ_ONLY=1."""
    return "\n".join([
        'mount -t tmpfs -o size="$SIZE" tmpfs "$DISK" || exit 99',
        'mkdir "$DISK/out"',
        'if [ "$READ_ONLY" = 1 ]; then mount -o remount,ro "$DISK" || exit 99; fi',
        '"$PYTHON" -m japan_russia_numbers run --sources "$CORPUS" --out "$DISK/out"',
        "status=$?",
        'echo "left: $(ls -A "$DISK/out" | tr \'\\n\' \' \')" >&2',
        "exit $status",
    ]) + "\n"


def start_on_small_disk(folder: Path, corpus: Path, size: str, read_only: bool) -> Background:
    """The run with OUT on a tmpfs of `size` of its own."""
    disk = folder / "disk"
    disk.mkdir()
    env = {"SIZE": size, "DISK": str(disk), "CORPUS": str(corpus), "PYTHON": sys.executable,
           "READ_ONLY": "1" if read_only else "0"}
    return Background(["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", _unshared_disk_script()],
                      folder, env)


def seed_copy(folder: Path, with_manifest: bool = True) -> Path:
    folder.mkdir(parents=True)
    for path in SEEDS.iterdir():
        if with_manifest or path.suffix == ".txt":
            shutil.copy(path, folder / path.name)
    return folder


# What an earlier run on a larger corpus left in data/clean/ (chrome.txt: a page that had a body then).
EARLIER_CLEAN = ("tni_forum.txt", "stratfor_diary.txt", "chrome.txt")


def _earlier_result_of_a_larger_corpus(out: Path) -> None:
    """OUT holding a complete earlier result of a larger corpus."""
    from japan_russia_numbers import studyfolder

    studyfolder.prepare(out)
    staging = out / ".staging"
    for name in studyfolder.OUTPUT_DIRS:
        (staging / name).mkdir(parents=True)
    (staging / "data" / "clean").mkdir()
    for old in EARLIER_CLEAN:
        (staging / "data" / "clean" / old).write_text(f"an earlier run's {old}\n", encoding="utf-8")
    studyfolder.promote(staging, out)


def _stale_lock(out: Path) -> int:
    """The lock of a run that was killed; its pid."""
    dead = subprocess.Popen(["true"])
    dead.wait()
    (out / ".lock").write_text(f"{dead.pid}\n")
    return dead.pid


# Which test files need the shared runs: they start only when one of these is collected.
RUNNER_TESTS = {"test_runner.py", "test_folder_safety.py", "test_site.py"}


def pytest_collection_modifyitems(items):
    """The runner tests go after the unit tests, so the background runs they wait for have time to finish,
    and before nbval, which executes the notebooks in the checkout (rewriting data/ and figures/) and so
    must not run while the runner tests check that a run with OUT leaves the checkout untouched."""
    items.sort(key=lambda item: 2 if item.path.suffix == ".ipynb" else item.path.name in RUNNER_TESTS)


@pytest.fixture(scope="session", autouse=True)
def study_runs(request, tmp_path_factory):
    """The full study runs that the runner tests share, started in the background (see the top)."""
    if not RUNNER_TESTS & {item.path.name for item in request.session.items}:
        yield {}
        return
    base = tmp_path_factory.mktemp("own-corpus")
    corpus, codebook = small_corpus(base / HOSTILE_NAME), base / "my_codebook.csv"
    codebook.write_text(
        (ROOT / "data" / "codebook.csv").read_text(encoding="utf-8").splitlines()[0] + "\n"
        "page_scrambles,html_page,asdf_scrambles,unknown,FY2016,999,scrambles,level,reported,"
        "Japan scrambled fighter jets 999 times in fiscal 2016,999,fiscal 2016,,,,"
        "the researcher leaves the country open\n", encoding="utf-8")
    runs = {"committed_before": committed_snapshot(), "corpus": corpus, "codebook": codebook,
            "own_out": base / f"out {HOSTILE_NAME}"}
    # The study on a small corpus of our own, through make, with paths full of shell and make syntax.
    runs["own"] = Background(make_command(corpus, runs["own_out"], f"PARAMS=codebook_file={shlex.quote(str(codebook))}",
                                          "WORKERS=1"), tmp_path_factory.mktemp("own-run"))
    # The same again under another time zone, locale and hash seed, whose bytes must not change, in an OUT
    # that holds the result of a larger corpus (which must not leave stale outputs) and a stale lock.
    folder = tmp_path_factory.mktemp("other-environment")
    runs["other_env_out"] = folder / "out"
    _earlier_result_of_a_larger_corpus(runs["other_env_out"])
    runs["stale_pid"] = _stale_lock(runs["other_env_out"])
    runs["other_env"] = Background(study_command(corpus, runs["other_env_out"], f"codebook_file={codebook}"), folder,
                                   {"TZ": "Pacific/Kiritimati", "LC_ALL": "C", "LANG": "C", "PYTHONHASHSEED": "4242"})
    # A run killed in the middle, in an OUT that holds a complete earlier result.
    folder = tmp_path_factory.mktemp("interrupted")
    _earlier_result_of_a_larger_corpus(folder / "out")
    runs["interrupted"] = Interrupted(one_source_corpus(folder / "corpus"), folder / "out")
    # The seeds with OUT on a disk that fills up during the run.
    folder = tmp_path_factory.mktemp("full-disk")
    runs["full_disk"] = start_on_small_disk(folder, seed_copy(folder / "corpus"), "200k", read_only=False)
    # The committed study's site, built now (Sphinx runs in a process of its own) for the site tests to read;
    # nbval, which rewrites the checkout's outputs, runs after them.
    if "test_site.py" in {item.path.name for item in request.session.items}:
        from concurrent.futures import ThreadPoolExecutor

        from japan_russia_numbers import site
        folder = tmp_path_factory.mktemp("site") / "site"
        builder = ThreadPoolExecutor(1)
        runs["site"] = builder.submit(lambda: site.build_site(ROOT, SEEDS, folder, in_place=True, project_root=ROOT,
                                                              log=lambda *_: None))
        builder.shutdown(wait=False)
    yield runs
    for run in runs.values():
        if isinstance(run, (Background, Interrupted)):
            run.stop()
