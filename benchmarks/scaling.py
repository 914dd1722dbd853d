"""The whole study at 100, 1,000 and 10,000 documents: wall time per stage, documents per second, peak
memory, and the ratio of the full study to its floor.

Each corpus is made of the development corpus's real pages (`tests/data/dev_corpus/pages/`), copied
round-robin, each copy with a distinct first line so no two documents are the same. The study runs end
to end exactly as a user runs it (`python -m japan_russia_numbers run --sources DIR --out DIR`, which is
what `make study SOURCES=DIR OUT=DIR` calls), and peak memory is the largest sum of the proportional set
sizes (PSS) of the runner and everything it starts (kernels, worker processes, the child that writes a
PDF), sampled every 200 ms: a page that forked processes share is counted once, not once per process.

The floor is what no study can avoid: for each notebook, starting a kernel and running its imports
(measured by executing a copy of each notebook cut down to its parameters and import lines). The seed
study (five documents) is also run cold and compared with that floor.

Writes benchmarks/scaling.md. Run from the repository root (takes a few minutes):
    .venv/bin/python benchmarks/scaling.py [SIZES...]
default: 100, 1,000 and 10,000 one-page documents, and 10,000 article-sized ones (36 MB)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import psutil

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "tests" / "data" / "dev_corpus" / "pages"
RESULTS = ROOT / "benchmarks" / "scaling.md"
PYTHON = sys.executable
TIMING = re.compile(r"^\[\s*\d+/\d+\] (?P<notebook>\d\d_\w+)\s+(?P<seconds>[\d.]+) s$")  # "[3/6] 03_mentions 1.8 s"


# The target corpus is 10,000 documents of about 35 MB, 3.5 KB a document. The development
# pages are the search tool's excerpts (1.6 KB on average), so an article-sized document is made of
# consecutive whole pages until it is at least ARTICLE_BYTES long (3.6 KB on average, 36 MB for 10,000).
ARTICLE_BYTES = 2_600


def build_corpus(folder: Path, size: int, min_bytes: int = 0) -> int:
    """`size` documents from the development pages, each with a distinct first line and as many whole
    pages in turn as make it at least `min_bytes` long (one page when 0); returns bytes."""
    pages = [p.read_bytes() for p in sorted(PAGES.glob("*.txt"))]
    folder.mkdir(parents=True)
    total, taken = 0, 0
    for number in range(size):
        data = f"Copy {number} of the development corpus\n".encode()
        while True:
            data += pages[taken % len(pages)]
            taken += 1
            if len(data) >= min_bytes:
                break
            data += b"\n\n"
        (folder / f"doc{number:05d}.txt").write_bytes(data)
        total += len(data)
    return total


class PeakMemory:
    """The largest total memory of a process and its descendants, sampled in a thread: the sum of their
    proportional set sizes (PSS), which splits a page shared by several processes among them, so a forked
    worker is not counted a second time for the pages it shares with its parent (as a sum of RSS would)."""

    def __init__(self, process: subprocess.Popen):
        self.root, self.peak, self.done = psutil.Process(process.pid), 0, threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        while not self.done.is_set():
            try:
                processes = [self.root, *self.root.children(recursive=True)]
                total = 0
                for p in processes:
                    try:
                        total += p.memory_full_info().pss
                    except psutil.Error:
                        pass
                self.peak = max(self.peak, total)
            except psutil.Error:
                pass
            time.sleep(0.2)  # reading PSS costs about ten times as much as RSS

    def stop(self) -> int:
        self.done.set()
        self.thread.join()
        return self.peak


def run_study(sources: Path, out: Path, *extra: str) -> tuple[float, int, dict[str, float], str]:
    """(wall seconds, peak bytes, seconds per notebook, output) of one study run."""
    began = time.perf_counter()
    process = subprocess.Popen([PYTHON, "-m", "japan_russia_numbers", "run", "--sources", str(sources),
                                "--out", str(out), *extra], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    memory = PeakMemory(process)
    output, _ = process.communicate()
    wall = time.perf_counter() - began
    peak = memory.stop()
    if process.returncode != 0:
        raise SystemExit(f"the study failed on {sources}:\n{output}")
    stages = {m["notebook"] + ".ipynb": float(m["seconds"]) for line in output.splitlines()
              if (m := TIMING.match(line.strip()))}
    return wall, peak, stages, output


def floor_seconds(workdir: Path) -> dict[str, float]:
    """Per notebook: a kernel started and the notebook's imports run, nothing else."""
    import papermill

    from japan_russia_numbers.runner import KERNEL, NOTEBOOKS_DIR, LocalKernelManager, study_notebooks

    floors = {}
    for notebook in study_notebooks():
        source = nbformat.read(notebook, as_version=4)
        imports = "\n".join(line for cell in source.cells if cell.cell_type == "code"
                            for line in cell.source.splitlines()
                            if re.match(r"(?:import|from)\s+\S+", line))
        cut = nbformat.v4.new_notebook(metadata=source.metadata, cells=[nbformat.v4.new_code_cell(imports)])
        path = workdir / f"floor_{notebook.name}"
        nbformat.write(cut, path)
        began = time.perf_counter()
        papermill.execute_notebook(str(path), str(path), kernel_name=KERNEL, cwd=str(NOTEBOOKS_DIR),
                                   progress_bar=False, log_output=False, kernel_manager_class=LocalKernelManager)
        floors[notebook.name] = time.perf_counter() - began
    return floors


def main(runs: list[tuple[int, int]]) -> int:
    """`runs`: (documents, least bytes of a document) of each corpus."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="scaling-") as tmp:
        tmp = Path(tmp)
        floors = floor_seconds(tmp)
        floor = sum(floors.values())
        seed_wall, seed_peak, seed_stages, _ = run_study(ROOT / "seeds", tmp / "seeds_out")
        for size, min_bytes in runs:
            corpus, out = tmp / f"corpus_{size}_{min_bytes}", tmp / f"out_{size}_{min_bytes}"
            size_bytes = build_corpus(corpus, size, min_bytes)
            wall, peak, stages, _ = run_study(corpus, out)
            name = f"{size:,}" + (f" ({size_bytes / size / 1000:.1f} KB each)" if min_bytes else "")
            rows.append((name, size, size_bytes, wall, peak, stages))
            print(f"{name} documents: {wall:.1f} s, peak {peak / 2**20:,.0f} MiB", flush=True)
            shutil.rmtree(corpus)
            shutil.rmtree(out, ignore_errors=True)

    names = sorted(floors)
    lines = ["# The study at scale", "",
             "Corpora of real pages from the development corpus (copies with distinct first lines; in the corpus "
             f"marked \"KB each\" a document is as many whole pages in turn as make it at least {ARTICLE_BYTES:,} "
             "bytes, the size of a news article, so that 10,000 of them are the issue's 35 MB), run end to end with `python -m japan_russia_numbers run --sources DIR --out DIR` on this machine "
             f"({psutil.cpu_count()} cores). Written by `benchmarks/scaling.py`. Peak memory is the largest sum of the "
             "proportional set sizes of every process of the run (pages shared by forked processes counted once).", "",
             "| documents | MB | wall (s) | documents/s | peak memory (MiB) | wall / floor |",
             "|---:|---:|---:|---:|---:|---:|"]
    lines += [f"| {name} | {b / 1e6:.1f} | {w:.1f} | {n / w:,.0f} | {p / 2**20:,.0f} | {w / floor:.2f} |"
              for name, n, b, w, p, _ in rows]
    lines += ["", "Wall time per notebook (s), as the runner reports it:", "",
              "| notebook | floor | seeds | " + " | ".join(f"{name} docs" for name, *_ in rows) + " |",
              "|---|---:|---:|" + "---:|" * len(rows)]
    for name in names:
        cells = [f"{floors[name]:.1f}", f"{seed_stages.get(name, float('nan')):.1f}"]
        cells += [f"{stages.get(name, float('nan')):.1f}" for *_, stages in rows]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += ["", f"The floor (kernel start and imports of every notebook) is {floor:.1f} s. The seed study "
              f"(5 documents) ran cold in {seed_wall:.1f} s, {seed_wall / floor:.2f}× its floor, with a peak of "
              f"{seed_peak / 2**20:,.0f} MiB.", ""]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:]]
    sys.exit(main([(n, 0) for n in sizes] or [(100, 0), (1000, 0), (10000, 0), (10000, ARTICLE_BYTES)]))
