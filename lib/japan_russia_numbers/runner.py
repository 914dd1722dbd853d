"""Run the whole study: every notebook in order, through papermill, as a record.

`python -m japan_russia_numbers run` executes the committed notebooks in place.
`python -m japan_russia_numbers run --sources DIR --out DIR` runs the same notebooks on another
corpus; everything is written to a staging folder first and moved into OUT only when every
notebook has succeeded, so a failed or interrupted run leaves OUT's previous outputs as they were.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

import nbformat
import papermill
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.paths import jupyter_runtime_dir

from . import studyfolder
from .cleaning import status_summary
from .outputs import read_text_table
from .sources import SourceError, load_sources

PROJECT_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
OUTPUT_DIRS = studyfolder.OUTPUT_DIRS
KERNEL = "python3"  # ipykernel's own spec: the kernel runs on the interpreter that runs papermill


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


def study_notebooks(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The study's notebooks in run order: their two-digit prefixes give the dependency order."""
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


def strip_volatile_metadata(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
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


def _execute(notebook: Path, output: Path, parameters: dict | None) -> None:
    """Execute one notebook to `output`; a failing cell raises StudyError naming it."""
    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        papermill.execute_notebook(
            str(notebook), str(output), parameters=parameters, kernel_name=KERNEL,
            cwd=str(NOTEBOOKS_DIR), progress_bar=False, log_output=False,
            kernel_manager_class=LocalKernelManager,
        )
    except papermill.PapermillExecutionError as error:
        raise StudyError(
            f"{notebook.name}: cell {error.cell_index} (execution count {error.exec_count}) "
            f"failed with {error.ename}: {' '.join(str(error.evalue).split())}"
        ) from None
    except OSError as error:  # the executed notebook could not be written (full disk, read-only)
        raise StudyError(f"{notebook.name}: {describe_os_error(error, output)}") from None


def describe_os_error(error: OSError, where: Path | str = "a file of the run") -> str:
    """One line naming the file and the problem: "/out/.staging/x.csv: No space left on device"."""
    return f"{error.filename or where}: {error.strerror or error}"


def _defined_in(notebook: Path, parameters: dict) -> dict:
    """The parameters among `parameters` that this notebook's parameters cell defines."""
    cells = nbformat.read(notebook, as_version=4).cells
    source = next((c.source for c in cells if "parameters" in c.metadata.get("tags", [])), "")
    return {k: v for k, v in parameters.items() if re.search(rf"^{re.escape(k)}\s*=", source, re.M)}


def _save_record(executed: Path, destination: Path) -> None:
    notebook = strip_volatile_metadata(nbformat.read(executed, as_version=4))
    tmp = destination.with_name(f".{destination.name}.tmp")
    nbformat.write(notebook, tmp)
    os.replace(tmp, destination)


def run_study(sources_dir: Path | None = None, out_dir: Path | None = None, log=print,
              extra_parameters: dict | None = None) -> Layout:
    """Run every notebook; raise SourceError for a bad input, StudyError for a failing cell.

    `extra_parameters` (e.g. {"codebook_file": "/my/codebook.csv"}) go to every notebook whose
    parameters cell defines them; they are only allowed with an OUT folder.
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
            _run_notebooks(layout, extra_parameters or {}, log)
        finally:
            shutil.rmtree(layout.staging_dir, ignore_errors=True)  # frees the space of a failed run
    return layout


def _run_notebooks(layout: Layout, extra_parameters: dict, log) -> None:
    shutil.rmtree(layout.failed_dir, ignore_errors=True)
    shutil.rmtree(layout.staging_dir, ignore_errors=True)
    for notebook in study_notebooks():
        log(f"running {notebook.name}")
        executed = layout.staging_dir / "notebooks" / notebook.name
        parameters = None if layout.in_place else {
            "sources_dir": str(layout.sources_dir),
            "data_dir": str(layout.staging_dir / "data"),
            "figures_dir": str(layout.staging_dir / "figures"),
            **_defined_in(notebook, extra_parameters),
        }
        try:
            _execute(notebook, executed, parameters)
        except StudyError as error:
            kept = _keep_failed(executed, layout)
            untouched = ("its committed copy was not replaced" if layout.in_place
                         else f"nothing in {layout.out_dir} was replaced")
            raise StudyError(f"{error}; {kept}; {untouched}") from None
        _save_record(executed, notebook if layout.in_place else executed)
    status = (PROJECT_ROOT / "data" if layout.in_place else layout.staging_dir / "data") / "source_status.csv"
    if status.exists():
        log(status_summary(read_text_table(status)))
    if not layout.in_place:
        studyfolder.promote(layout.staging_dir, layout.out_dir)


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
