"""Run the whole study: every notebook in order, through papermill, as a record.

`python -m japan_russia_numbers run` executes the committed notebooks in place.
`python -m japan_russia_numbers run --sources DIR --out DIR` runs the same notebooks on another
corpus; everything is written to a staging folder first and moved into OUT only when every
notebook has succeeded, so a failed or interrupted run leaves OUT's previous outputs as they were.

A notebook runs again only when something it read has changed since the last run, or something it
wrote is gone (see `fingerprint`); a run with nothing changed takes well under a second. So this
module imports papermill, nbformat and jupyter_client (seconds to import) only to run a notebook.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from . import studyfolder
from .sources import load_sources

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PACKAGE_DIR = Path(__file__).resolve().parent
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
OUTPUT_DIRS = studyfolder.OUTPUT_DIRS
KERNEL = "python3"  # ipykernel's own spec: the kernel runs on the interpreter that runs papermill
# What a notebook writes is found in these folders (the executed notebook is recorded besides).
WRITTEN_DIRS = ("data", "figures")
# Made by hand and read by the notebooks (so is any file or folder a parameter names).
HAND_MADE_INPUTS = ("data/rules", "data/reference", "data/codebook.csv")
# Parameters that change how the study runs, not what it finds (the outputs are the same bytes
# whichever way the per-document work was spread), so they are no part of a notebook's fingerprint.
HOW_PARAMETERS = ("workers", "scheduler")
# The record of the last run: what each notebook read (its fingerprint) and wrote (file digests).
STATE_FILE = ".study-state.json"
STATE_VERSION = 1
# The parts of a fingerprint, as a rerun names them.
FINGERPRINT_PARTS = {"notebook": "the notebook", "package": "the package code", "parameters": "its parameters",
                     "sources": "the sources", "inputs": "the hand-made inputs",
                     "environment": "requirements.lock or Python", "earlier": "the earlier notebooks' outputs"}


@functools.cache
def _local_kernel_manager() -> type:
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.paths import jupyter_runtime_dir

    class LocalKernelManager(AsyncKernelManager):
        """Kernels talk to the runner over local sockets (IPC files beside the connection file), not TCP,
        which is both private to this machine and free of ipykernel's unencrypted-TCP warning."""

        def __init__(self, **kwargs):
            kwargs.setdefault("transport", "ipc")
            # Socket files live in Jupyter's runtime folder, never in the notebooks' working folder.
            runtime = Path(jupyter_runtime_dir())
            runtime.mkdir(parents=True, exist_ok=True)
            kwargs.setdefault("ip", str(runtime / f"study-kernel-{os.getpid()}-{uuid.uuid4().hex[:8]}"))
            super().__init__(**kwargs)

        async def _async_interrupt_kernel(self) -> None:
            """jupyter_client interrupts a kernel before shutting it down, in case a cell still runs
            (jupyter_client#620). None does here: papermill shuts the kernel down once every cell has
            finished, right after the reply to its last request (kernel_info), which the kernel may
            still be wrapping up; an interrupt then is logged as "[IPKernelApp] ERROR |
            KeyboardInterrupt caught in kernel.". A kernel still busy (the run itself was interrupted)
            is stopped by the shutdown request, then SIGTERM. Other interrupts are sent as usual."""
            if not self.shutting_down:
                await super()._async_interrupt_kernel()

    return LocalKernelManager


def __getattr__(name: str):
    """`runner.LocalKernelManager`, made on first use (jupyter_client is slow to import)."""
    if name == "LocalKernelManager":
        return _local_kernel_manager()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class StudyError(RuntimeError):
    """The study could not run to the end; the message says where and why."""


@dataclass(frozen=True)
class Layout:
    """Where a run reads its sources and writes its notebooks, tables and figures."""
    sources_dir: Path
    out_dir: Path | None  # None: the committed study, executed in place

    @property
    def in_place(self) -> bool:
        return self.out_dir is None

    @property
    def failed_dir(self) -> Path:
        return (self.out_dir or PROJECT_ROOT) / ".failed"

    @property
    def staging_dir(self) -> Path:
        return (self.out_dir or PROJECT_ROOT) / ".staging"

    @property
    def result_dir(self) -> Path:
        """Where the last complete outputs are: the checkout, or OUT (through its links)."""
        return self.out_dir or PROJECT_ROOT

    @property
    def written_dir(self) -> Path:
        """Where this run writes them: the checkout, or the staging folder."""
        return PROJECT_ROOT if self.in_place else self.staging_dir

    @property
    def state_file(self) -> Path:
        """The record of the last run; in OUT it lives in the current result and is replaced with it."""
        if self.in_place:
            return PROJECT_ROOT / STATE_FILE
        return self.out_dir / studyfolder.RESULTS / studyfolder.CURRENT / STATE_FILE


def study_notebooks(folder: Path | None = None) -> list[Path]:
    """The study's notebooks in run order: their two-digit prefixes give the dependency order."""
    return sorted((folder or NOTEBOOKS_DIR).glob("[0-9][0-9]_*.ipynb"))


def strip_volatile_metadata(notebook):
    """Drop what changes on every run, so an unchanged study rewrites identical bytes."""
    record = notebook.metadata.get("papermill", {})
    # Timestamps, durations and machine-specific paths differ on every run; the parameters stay.
    notebook.metadata["papermill"] = {"parameters": record.get("parameters", {})}
    # The kernel's Python patch release (3.11.x) varies between machines that run the same lock.
    notebook.metadata.get("language_info", {}).pop("version", None)
    for cell in notebook.cells:
        cell.metadata.pop("papermill", None)  # per-cell start/end times, durations, status
        cell.metadata.pop("execution", None)  # iopub/shell timestamps
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"  # papermill gives it a random id
    return notebook


def without_injected_parameters(notebook):
    """The record without papermill's injected cell, later execution counts closed up. In place only
    `workers` and `scheduler` are ever injected, and they change how the study runs, not what it
    finds: the committed notebooks stay the same bytes whichever were given."""
    cells = notebook.cells
    index = next((i for i, c in enumerate(cells) if "injected-parameters" in c.metadata.get("tags", [])), None)
    if index is None:
        return notebook
    del cells[index]
    for cell in cells[index:]:
        if cell.cell_type == "code" and cell.execution_count:
            cell.execution_count -= 1
            for output in cell.outputs:
                if output.get("execution_count"):
                    output["execution_count"] -= 1
    notebook.metadata["papermill"]["parameters"] = {}
    return notebook


def _without_iri_checker() -> None:
    """Import papermill and nbformat without jsonschema's IRI format checker, `rfc3987_syntax`: jsonschema
    loads it when installed (jupyter-events pulls it in) and it builds some 35 Earley parsers on import,
    about 2.7 s here, for a format no notebook schema uses (python-jsonschema/jsonschema#1428)."""
    sys.modules.setdefault("rfc3987_syntax", None)  # None: `import rfc3987_syntax` raises ImportError


def import_lines(notebook: Path) -> list[str]:
    """The notebook's top-level import statements, in order."""
    return [line for cell in _read_json(notebook)["cells"] if cell["cell_type"] == "code"
            for line in "".join(cell["source"]).splitlines() if re.match(r"(?:import|from)\s+\S+", line)]


class _WarmKernels:
    """The runner starts every notebook's kernel itself, ahead of the notebook: while one notebook runs,
    the kernel of the next starts and runs the next notebook's imports (as IPython `exec_lines`, which
    leave no output and no execution count), on another core; the first notebook's starts while papermill
    is imported. The notebook then runs in it as in a fresh kernel; only the wait is gone. The runner stops
    each kernel at once when its notebook is done (every cell has finished and its outputs are in the
    runner; a polite shutdown request races with the kernel's own socket teardown and can log a spurious
    "Socket operation on non-socket")."""

    def __init__(self):
        self._kernels: dict[Path, object] = {}

    def start(self, notebook: Path) -> None:
        from jupyter_core.utils import run_sync

        km = _local_kernel_manager()(kernel_name=KERNEL)
        arguments = ["--HistoryManager.hist_file=:memory:"]  # as nbclient starts a kernel
        arguments += [f"--IPKernelApp.exec_lines={line}" for line in import_lines(notebook)]
        run_sync(km.start_kernel)(extra_arguments=arguments, cwd=str(NOTEBOOKS_DIR))
        self._kernels[notebook] = km

    def take(self, notebook: Path):
        return self._kernels.pop(notebook, None)

    def stop(self, km) -> None:
        from jupyter_core.utils import run_sync

        run_sync(km.shutdown_kernel)(now=True)

    def close(self) -> None:
        while self._kernels:
            self.stop(self._kernels.popitem()[1])


_warm_kernels = _WarmKernels()


def _execute(notebook: Path, output: Path, parameters: dict | None) -> None:
    """Execute one notebook to `output`; a failing cell raises StudyError naming it. The kernel of the
    notebook after it in the study starts meanwhile (`_WarmKernels`; `run_study` stops it if the run ends
    here)."""
    km = _warm_kernels.take(notebook)
    if km is None:  # the first notebook of a run: its kernel starts now, while papermill is imported
        _warm_kernels.start(notebook)
        km = _warm_kernels.take(notebook)
    _without_iri_checker()
    import papermill

    output.parent.mkdir(parents=True, exist_ok=True)
    following = study_notebooks()
    following = following[following.index(notebook) + 1:] if notebook in following else []
    if following:
        _warm_kernels.start(following[0])
    try:
        papermill.execute_notebook(
            str(notebook), str(output), parameters=parameters, kernel_name=KERNEL,
            cwd=str(NOTEBOOKS_DIR), progress_bar=False, log_output=False, km=km,
        )
    except papermill.PapermillExecutionError as error:
        raise StudyError(
            f"{notebook.name}: cell {error.cell_index} (execution count {error.exec_count}) "
            f"failed with {error.ename}: {' '.join(str(error.evalue).split())}"
        ) from None
    except OSError as error:  # the executed notebook could not be written (full disk, read-only)
        raise StudyError(f"{notebook.name}: {describe_os_error(error, output)}") from None
    finally:
        _warm_kernels.stop(km)  # the runner's kernel, not papermill's: the runner stops it


def describe_os_error(error: OSError, where: Path | str = "a file of the run") -> str:
    """One line naming the file and the problem: "/out/.staging/x.csv: No space left on device"."""
    return f"{error.filename or where}: {error.strerror or error}"


def _read_json(notebook: Path) -> dict:
    return json.loads(notebook.read_bytes())


def _defined_in(notebook: Path, parameters: dict) -> dict:
    """The parameters among `parameters` that this notebook's parameters cell defines."""
    cells = _read_json(notebook)["cells"]
    source = next(("".join(c["source"]) for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])), "")
    return {k: v for k, v in parameters.items() if re.search(rf"^{re.escape(k)}\s*=", source, re.M)}


def _save_record(executed: Path, destination: Path, in_place: bool) -> None:
    _without_iri_checker()
    import nbformat

    notebook = strip_volatile_metadata(nbformat.read(executed, as_version=4))
    if in_place:
        notebook = without_injected_parameters(notebook)
    tmp = destination.with_name(f".{destination.name}.tmp")
    nbformat.write(notebook, tmp)
    os.replace(tmp, destination)


# --- what a notebook read and wrote --------------------------------------------------------------
def _digest(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def _file_digest(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _tree_digest(path: Path) -> str:
    """A file's digest; for a folder, every file's name, link target and bytes below it."""
    if path.is_file():
        return _file_digest(path)
    entries = []
    for top, folders, files in os.walk(path):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        for name in sorted(files):
            file = Path(top, name)
            entries.append([file.relative_to(path).as_posix(), os.readlink(file) if file.is_symlink() else "",
                            _file_digest(file) if file.exists() else "dangling link"])
    return _digest(entries)


def _notebook_digest(notebook: Path) -> str:
    """The notebook as code: all of the file but what a run writes into it (outputs, counts, timings)."""
    content = _read_json(notebook)
    content.get("metadata", {}).pop("papermill", None)
    for cell in content.get("cells", []):
        cell.pop("outputs", None)
        cell.pop("execution_count", None)
        for key in ("papermill", "execution"):
            cell.get("metadata", {}).pop(key, None)
    return _digest(content)


def _shared_fingerprint(layout: Layout, extra_parameters: dict) -> dict:
    """The parts of the fingerprint that every notebook shares."""
    named = sorted({NOTEBOOKS_DIR / v for v in extra_parameters.values()  # relative to the notebooks' cwd
                    if isinstance(v, str) and v and (NOTEBOOKS_DIR / v).exists()})
    return {
        "package": _tree_digest(PACKAGE_DIR),
        "sources": _digest(str(layout.sources_dir), _tree_digest(layout.sources_dir)),
        "inputs": _digest([_tree_digest(PROJECT_ROOT / p) for p in HAND_MADE_INPUTS],
                          [[str(p), _tree_digest(p)] for p in named]),
        "environment": _digest(sys.version, _tree_digest(PROJECT_ROOT / "requirements.lock")),
    }


def fingerprint(notebook: Path, layout: Layout, parameters: dict | None, shared: dict, earlier: list[dict]) -> dict:
    """What a notebook reads: its code, the package, its parameters (not `workers` or `scheduler`: see
    HOW_PARAMETERS), the sources, the hand-made inputs, the lock, and what the notebooks before it
    wrote. The staging folder is named relative to OUT, so a study folder that was moved still counts."""
    staging = str(layout.staging_dir)
    what = {k: v.replace(staging, "OUT/.staging") if isinstance(v, str) else v
            for k, v in (parameters or {}).items() if k not in HOW_PARAMETERS}
    return {**shared, "notebook": _notebook_digest(notebook), "parameters": _digest(what),
            "earlier": _digest([record["outputs"] for record in earlier])}


def _identities(root: Path) -> dict[str, tuple]:
    """(inode, mtime, size) of every file in the output folders. Outputs are written atomically, so a
    file a notebook wrote shows up as changed even when it has the same bytes as before."""
    found = {}
    for name in WRITTEN_DIRS:
        for top, _, files in os.walk(root / name):
            for file in files:
                stat = Path(top, file).lstat()
                found[Path(top, file).relative_to(root).as_posix()] = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
    return found


def _why_rerun(record: dict | None, current: dict, result_dir: Path) -> str:
    """Why a notebook must run again; "" when its last run stands: the same fingerprint, and every
    file it wrote (its executed notebook too) still there with the same bytes."""
    if not record:
        return "no record of an earlier run"
    changed = [FINGERPRINT_PARTS.get(k, k) for k in current if record["fingerprint"].get(k) != current[k]]
    if changed:
        return "changed since the last run: " + ", ".join(changed)
    for name, digest in record["outputs"].items():
        if not (result_dir / name).is_file() or _file_digest(result_dir / name) != digest:
            return f"{result_dir / name} is missing or changed since the last run"
    return ""


def _read_state(path: Path) -> dict:
    """The record of the last run, or an empty one (none yet, unreadable, or of another version)."""
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) and state.get("version") == STATE_VERSION else {}


def _write_state(path: Path, records: dict, summary: str = "") -> None:
    state = {"version": STATE_VERSION, "notebooks": records, "summary": summary}
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(state, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _status_summary(data_dir: Path) -> str:
    """"5 sources: 4 ok, 1 skipped: ..." from the run's source_status.csv, if it wrote one."""
    if not (data_dir / "source_status.csv").exists():
        return ""
    from .cleaning import status_summary
    from .outputs import read_text_table
    return status_summary(read_text_table(data_dir / "source_status.csv"))


# --- the run -------------------------------------------------------------------------------------
def run_study(sources_dir: Path | None = None, out_dir: Path | None = None, log=print,
              extra_parameters: dict | None = None, how: dict | None = None, force: bool = False) -> Layout:
    """Run every notebook that needs it; raise SourceError for a bad input, StudyError for a failing cell.

    `extra_parameters` (e.g. {"codebook_file": "/my/codebook.csv"}) go to every notebook whose
    parameters cell defines them; they are only allowed with an OUT folder. `how` ({"workers": 4,
    "scheduler": "tcp://host:8786"}) goes the same way, in place too. `force` reruns every notebook.
    """
    layout = Layout(Path(sources_dir or PROJECT_ROOT / "seeds").resolve(),
                    Path(out_dir).resolve() if out_dir else None)
    if not layout.in_place:
        studyfolder.check_folders(layout.sources_dir, layout.out_dir, PROJECT_ROOT)
    load_sources(layout.sources_dir)  # checksums, encodings, sizes: fail before any output is touched
    if not layout.in_place:
        studyfolder.prepare(layout.out_dir)
    with studyfolder.locked(layout.out_dir or PROJECT_ROOT, log):
        try:
            _run_notebooks(layout, extra_parameters or {}, how or {}, force, log)
        finally:
            _warm_kernels.close()  # none is left after a complete run; one may be after a failed one
            shutil.rmtree(layout.staging_dir, ignore_errors=True)  # frees the space of a failed run
    return layout


def _parameters(layout: Layout, notebook: Path, extra: dict) -> dict | None:
    defined = _defined_in(notebook, extra)
    if layout.in_place:
        return defined or None
    return {"sources_dir": str(layout.sources_dir), "data_dir": str(layout.staging_dir / "data"),
            "figures_dir": str(layout.staging_dir / "figures"), **defined}


def _unchanged(notebooks: list[Path], layout: Layout, extra: dict, shared: dict, previous: dict) -> tuple[dict, str]:
    """The records of the first notebooks whose last run stands, and why the next one must run."""
    records: dict[str, dict] = {}
    for notebook in notebooks:
        current = fingerprint(notebook, layout, _parameters(layout, notebook, extra), shared, list(records.values()))
        why = _why_rerun(previous.get(notebook.name), current, layout.result_dir)
        if why:
            return records, why
        records[notebook.name] = previous[notebook.name]
    return records, ""


def _notebook_line(notebooks: list[Path], position: int, what: str) -> str:
    """"[3/6] 03_mentions    1.8 s": where a notebook is in the run, its name, what became of it."""
    total, width = str(len(notebooks)), max(len(n.stem) for n in notebooks)
    return f"[{position:>{len(total)}}/{total}] {notebooks[position - 1].stem:<{width}}  {what}"


def _run_notebooks(layout: Layout, extra: dict, how: dict, force: bool, log) -> None:
    notebooks = study_notebooks()
    state = {} if force else _read_state(layout.state_file)
    previous = state.get("notebooks", {})
    shared = _shared_fingerprint(layout, extra)
    records, why = _unchanged(notebooks, layout, extra, shared, previous)  # this run's records, in order
    for position in range(1, len(records) + 1):
        log(_notebook_line(notebooks, position, "skipped (unchanged)"))
    if records:
        names = [Path(name).stem for name in records]
        span = names[0] if len(names) == 1 else f"{names[0]} … {names[-1]}"
        log(f"unchanged since the last run: {span} (skipped; FORCE=1 reruns all)")
    if len(records) == len(notebooks):
        if state.get("summary"):
            log(state["summary"])
        return
    if previous:
        log(f"{notebooks[len(records)].name} reruns: {why}")
    shutil.rmtree(layout.failed_dir, ignore_errors=True)
    shutil.rmtree(layout.staging_dir, ignore_errors=True)
    if not layout.in_place:  # the promoted result must be complete: the unchanged outputs go with it
        _copy_outputs(records.values(), layout.result_dir, layout.staging_dir)
    for position, notebook in enumerate(notebooks[len(records):], len(records) + 1):
        if layout.in_place:  # this notebook's and the later ones' outputs are about to change
            _write_state(layout.state_file, records)
        parameters = _parameters(layout, notebook, {**extra, **how})
        current = fingerprint(notebook, layout, parameters, shared, list(records.values()))
        started = time.monotonic()
        outputs = _run_one(notebook, parameters, layout)
        if layout.in_place:  # the run rewrote the notebook: the same code, in a file that is new
            current["notebook"] = _notebook_digest(notebook)
        records[notebook.name] = {"fingerprint": current, "outputs": outputs}
        log(_notebook_line(notebooks, position, f"{time.monotonic() - started:.1f} s"))
    summary = _status_summary(layout.written_dir / "data")
    if summary:
        log(summary)
    if layout.in_place:
        _write_state(layout.state_file, records, summary)
    else:
        _write_state(layout.staging_dir / STATE_FILE, records, summary)
        studyfolder.promote(layout.staging_dir, layout.out_dir)


def _run_one(notebook: Path, parameters: dict | None, layout: Layout) -> dict[str, str]:
    """Execute a notebook and save its record; return what it wrote: path -> digest."""
    root = layout.written_dir
    before = _identities(root)
    executed = layout.staging_dir / "notebooks" / notebook.name
    try:
        _execute(notebook, executed, parameters)
    except StudyError as error:
        kept = _keep_failed(executed, layout)
        untouched = ("its committed copy was not replaced" if layout.in_place
                     else f"nothing in {layout.out_dir} was replaced")
        raise StudyError(f"{error}; {kept}; {untouched}") from None
    record = notebook if layout.in_place else executed
    _save_record(executed, record, layout.in_place)
    written = sorted({name for name, identity in _identities(root).items() if before.get(name) != identity}
                     | {f"notebooks/{notebook.name}"})
    return {name: _file_digest(root / name) for name in written}


def _copy_outputs(records, result_dir: Path, staging: Path) -> None:
    """Copy what the skipped notebooks wrote from the current result into staging."""
    for record in records:
        for name in record["outputs"]:
            target = staging / name
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(result_dir / name, target)
            except OSError as error:
                raise StudyError(f"copying the unchanged outputs: {describe_os_error(error, target)}") from None


def _keep_failed(executed: Path, layout: Layout) -> str:
    """Move a failed notebook out of staging; say where it went, or that it could not be kept."""
    kept = layout.failed_dir / executed.name
    try:
        layout.failed_dir.mkdir(parents=True, exist_ok=True)
        os.replace(executed, kept)
    except OSError:  # not written at all, or a full or read-only disk: the error above says why
        return "the failed notebook could not be kept"
    return f"the failed notebook is kept at {kept}"


def changed_outputs(root: Path = PROJECT_ROOT) -> list[str] | None:
    """Committed outputs that differ from the checkout's files, or are new; None outside git."""
    if not (root / ".git").exists():
        return None
    result = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all", "--", *OUTPUT_DIRS],
        cwd=root, capture_output=True, text=True, check=True,
    )
    return [line[3:] for line in result.stdout.splitlines()]
