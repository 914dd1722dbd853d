"""The OUT folder of a run on another corpus: refused unless it is ours, locked, replaced atomically.

A study folder looks like this once a run has succeeded:

    OUT/.japan-russia-study     marker: this folder was made by the study and may be replaced
    OUT/.results/run-000003/    the complete result of the latest run (data/, figures/, notebooks/)
    OUT/.results/current        symlink -> run-000003
    OUT/data, OUT/figures, OUT/notebooks   symlinks -> .results/current/<name>

A run writes into `OUT/.staging/`, renames it to a new `run-NNNNNN`, and then switches
`current` with one atomic rename. Whenever the process dies, `current` names either the previous
complete result or the new one, never a half. Nothing else in OUT is ever touched.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

MARKER = ".japan-russia-study"
LOCK = ".lock"
RESULTS = ".results"
CURRENT = "current"
OUTPUT_DIRS = ("data", "figures", "notebooks")


class FolderError(ValueError):
    """OUT or SOURCES cannot be used as asked; the message names the folder and the reason."""


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_folders(sources_dir: Path, out_dir: Path, project_root: Path) -> None:
    """Refuse an OUT that could lose files the study did not make, before anything is written."""
    sources_dir, out_dir = sources_dir.resolve(), out_dir.resolve()
    if _inside(project_root, out_dir):
        raise FolderError(f"{out_dir}: OUT is or contains the study's repository ({project_root}); "
                          "choose a folder of its own for the results")
    if _inside(sources_dir, out_dir) or _inside(out_dir, sources_dir):
        raise FolderError(f"{out_dir}: OUT and SOURCES ({sources_dir}) overlap; a run replaces what is "
                          "in OUT, so it must be neither inside SOURCES nor hold it")
    if out_dir.exists() and not out_dir.is_dir():
        raise FolderError(f"{out_dir}: OUT exists and is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
        raise FolderError(f"{out_dir}: OUT is not empty and was not made by this study (no {MARKER} "
                          "file); give an empty or new folder, or one an earlier run made")
    for name in OUTPUT_DIRS:
        entry = out_dir / name
        if (entry.exists() or entry.is_symlink()) and not _is_our_link(entry):
            raise FolderError(f"{entry}: not the study's own link into {RESULTS}/; move it away, "
                              "the study will not replace it")


def _is_our_link(entry: Path) -> bool:
    return entry.is_symlink() and os.readlink(entry) == f"{RESULTS}/{CURRENT}/{entry.name}"


def prepare(out_dir: Path) -> None:
    """Create OUT if needed and mark it as a study folder."""
    out_dir.mkdir(parents=True, exist_ok=True)
    marker = out_dir / MARKER
    if not marker.exists():
        marker.write_text("This folder holds the results of `make study SOURCES=... OUT=...`.\n"
                          "The study replaces data/, figures/ and notebooks/ here on every run.\n",
                          encoding="utf-8")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def locked(folder: Path, log=print):
    """Hold `folder/.lock` (the holder's pid) for the duration; take over a dead holder's lock."""
    lock = folder / LOCK
    for _ in range(2):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            holder = lock.read_text(encoding="utf-8").strip()
            if holder.isdigit() and _pid_alive(int(holder)):
                raise FolderError(f"{lock}: another run (pid {holder}) is using this folder; "
                                  "wait for it to finish") from None
            log(f"taking over a stale lock {lock} left by pid {holder or '?'}, which is no longer running")
            lock.unlink(missing_ok=True)
            continue
        with os.fdopen(fd, "w") as handle:
            handle.write(f"{os.getpid()}\n")
        break
    else:
        raise FolderError(f"{lock}: could not take the lock; another run started at the same moment")
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)


def _replace_symlink(link: Path, target: str) -> None:
    """Point `link` at `target` with one rename, so it always names something complete."""
    tmp = link.with_name(f".{link.name}.new")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, link)


def promote(staging: Path, out_dir: Path) -> Path:
    """Make the staged result OUT's current one; return its folder. Atomic at every instant."""
    results = out_dir / RESULTS
    results.mkdir(exist_ok=True)
    numbers = [int(p.name[4:]) for p in results.glob("run-*") if p.name[4:].isdigit()]
    run = results / f"run-{max(numbers, default=0) + 1:06d}"
    os.replace(staging, run)
    _replace_symlink(results / CURRENT, run.name)  # the one step that switches results
    for name in OUTPUT_DIRS:
        if not _is_our_link(out_dir / name):
            _replace_symlink(out_dir / name, f"{RESULTS}/{CURRENT}/{name}")
    remove_retired(out_dir)
    return run


def remove_retired(out_dir: Path) -> None:
    """Delete earlier results (and any left by a run killed while promoting), keeping the current."""
    results = out_dir / RESULTS
    current = os.readlink(results / CURRENT) if (results / CURRENT).is_symlink() else None
    for old in results.glob("run-*"):
        if old.name != current:
            shutil.rmtree(old, ignore_errors=True)
