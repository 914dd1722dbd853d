"""The whole per-document pipeline on real web pages, scored against hand labels.

The development corpus (`tests/data/dev_corpus/`) holds 32 real public web pages saved verbatim,
boilerplate and all, each labelled by hand before any code was changed for it: every number a careful
researcher tabulates, with its zone (title, standfirst, body, caption, boilerplate). This script runs
the pipeline a corpus run uses (clean, then extract) on every page and reports:

- pages processed, skipped (and why);
- recall of body numbers by value and position, per kind; recall in titles, standfirsts and captions;
- precision: mentions in the body output that match a labelled quantity (value and position);
- boilerplate leaks: mentions reported where the labels say boilerplate;
- raw-offset errors: mentions whose `raw[raw_start:raw_end]` is not their surface;
- quantulum3 on the same raw pages (by value and position), and throughput.

Writes benchmarks/dev_corpus.md. Run from the repository root:
    .venv/bin/python benchmarks/dev_corpus.py
"""

from __future__ import annotations

import csv
import math
import sys
import time
import warnings
from collections import Counter, defaultdict
from pathlib import Path

from japan_russia_numbers.document import process_document

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Classifier dependencies not installed")
    from quantulum3 import parser as quantulum3

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "dev_corpus"
RESULTS = ROOT / "benchmarks" / "dev_corpus.md"
NUMERIC_KINDS = {"number", "ordinal", "percent", "money"}
SCORED_KINDS = NUMERIC_KINDS | {"date"}  # `name` rows say what is not a quantity; scored apart


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def nth(text: str, needle: str, n: int) -> int:
    at = -1
    for _ in range(n + 1):
        at = text.find(needle, at + 1)
        if at < 0:
            raise ValueError(f"{needle!r} occurs fewer than {n + 1} times")
    return at


def labels_by_file(pages: dict[str, str], corpus: Path) -> dict[str, list[dict]]:
    found = defaultdict(list)
    for row in read_csv(corpus / "labels.csv"):
        start = nth(pages[row["file"]], row["surface"], int(row["occurrence"]))
        found[row["file"]].append({**row, "start": start, "end": start + len(row["surface"])})
    return found


def same_value(label: dict, kind: str, value: str, date_start: str) -> bool:
    if label["kind"] in NUMERIC_KINDS:
        try:
            # a label rounds a fraction to the decimals it writes ("two-thirds": 0.6667)
            decimals = len(label["value"].partition(".")[2])
            return math.isclose(float(label["value"]), float(value), rel_tol=1e-9) or (
                decimals >= 3 and round(float(value), decimals) == float(label["value"]))
        except ValueError:
            return False
    if label["kind"] == "date":
        return not label["date_start"] or label["date_start"] == date_start
    return True


def overlapping(label: dict, start: int, end: int) -> bool:
    return start < label["end"] and label["start"] < end


def score_ours(pages, labels, meta):
    status, found, leaks, offset_errors, seconds = {}, {}, [], [], 0.0
    false_positives, true_positives, names_as_quantities = [], 0, []
    for file, raw in pages.items():
        began = time.perf_counter()
        result = process_document(raw, meta[file]["page_id"], url=meta[file]["url"], file_name=file)
        seconds += time.perf_counter() - began
        status[file] = (result.status, result.reason)
        found[file] = result.mentions
        for m in result.mentions:
            if raw[m.raw_start:m.raw_end] != m.surface:
                offset_errors.append((file, m.surface))
            if m.kind == "name":
                continue
            hits = [l for l in labels[file] if overlapping(l, m.raw_start, m.raw_end)]
            if any(l["zone"] == "boilerplate" for l in hits):
                leaks.append((file, m.surface))
            elif any(l["kind"] == "name" for l in hits):
                names_as_quantities.append((file, m.surface))
            elif any(same_value(l, m.kind, str(m.value), m.date_start) for l in hits if l["kind"] in SCORED_KINDS):
                true_positives += 1
            elif getattr(m, "zone", "body") == "body":
                false_positives.append((file, m.surface, m.kind, m.value))
    return status, found, leaks, offset_errors, seconds, true_positives, false_positives, names_as_quantities


def recall(labels, found, zones, by=lambda l: l["kind"]):
    hit, total, missed = Counter(), Counter(), []
    for file, rows in labels.items():
        for l in rows:
            if l["zone"] not in zones or l["kind"] not in SCORED_KINDS:
                continue
            total[by(l)] += 1
            if any(overlapping(l, m.raw_start, m.raw_end) and m.kind != "name"
                   and same_value(l, m.kind, str(m.value), m.date_start) for m in found.get(file, [])):
                hit[by(l)] += 1
            else:
                missed.append((file, l["surface"], l["kind"], l["value"] or l["date_start"]))
    return hit, total, missed


def position_recall(labels, found) -> tuple[int, int]:
    """Body labels whose span some non-name mention overlaps, whatever value it carries."""
    rows = [(file, l) for file, ls in labels.items() for l in ls
            if l["zone"] == "body" and l["kind"] in SCORED_KINDS]
    hit = sum(any(overlapping(l, m.raw_start, m.raw_end) and m.kind != "name" for m in found.get(file, []))
              for file, l in rows)
    return hit, len(rows)


def quantulum3_recall(pages, labels):
    hit = total = 0
    began = time.perf_counter()
    for file, raw in pages.items():
        quantities = quantulum3.parse(raw)
        for l in labels[file]:
            if l["zone"] != "body" or l["kind"] not in NUMERIC_KINDS:
                continue
            total += 1
            hit += any(q.span[0] < l["end"] and l["start"] < q.span[1] and
                       math.isclose(q.value, float(l["value"] or "nan"), rel_tol=1e-9) for q in quantities)
    return hit, total, time.perf_counter() - began


def main(corpus: Path = CORPUS, results: Path = RESULTS) -> int:
    meta = {row["file"]: row for row in read_csv(corpus / "pages.csv")}
    pages = {file: (corpus / "pages" / file).read_bytes().decode("utf-8") for file in sorted(meta)}
    labels = labels_by_file(pages, corpus)
    (status, found, leaks, offset_errors, seconds, true_positives, false_positives,
     names_as_quantities) = score_ours(pages, labels, meta)
    body_hit, body_total, missed = recall(labels, found, {"body"})
    other_hit, other_total, _ = recall(labels, found, {"title", "standfirst", "caption"}, by=lambda l: l["zone"])
    numeric_hit = sum(body_hit[k] for k in NUMERIC_KINDS)
    numeric_total = sum(body_total[k] for k in NUMERIC_KINDS)
    position_hit, position_total = position_recall(labels, found)
    q_hit, q_total, q_seconds = quantulum3_recall(pages, labels)
    reported = true_positives + len(false_positives)
    size = sum(len(p.encode("utf-8")) for p in pages.values())
    statuses = Counter(s for s, _ in status.values())

    lines = [f"# The pipeline on {len(pages)} hand-labelled real pages: `{corpus.relative_to(ROOT)}`", "",
             f"{len(pages)} real web pages ({size:,} bytes), labelled by hand: "
             f"{sum(len(v) for v in labels.values())} labels in `{(corpus / 'labels.csv').relative_to(ROOT)}`.",
             "A mention is right if its raw span overlaps a label's and it carries the label's value "
             "(dates: the label's first day, where the label gives one).", "",
             "## Pages", "",
             f"Processed: {len(pages)}; " + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items())) + ".", ""]
    lines += [f"- {file}: {s} ({reason})" for file, (s, reason) in status.items() if s != "ok"]
    lines += ["", "## Accuracy", "", "| measure | value |", "|---|---:|",
              f"| recall, body, every kind (position and value) | {sum(body_hit.values())}/{sum(body_total.values())} = "
              f"{sum(body_hit.values()) / max(sum(body_total.values()), 1):.3f} |",
              f"| recall, body, by position only (a mention on the label's span, any value) | "
              f"{position_hit}/{position_total} = {position_hit / max(position_total, 1):.3f} |",
              f"| recall, body, numbers/ordinals/percent/money | {numeric_hit}/{numeric_total} = "
              f"{numeric_hit / max(numeric_total, 1):.3f} |",
              f"| quantulum3 recall, same numeric labels, raw pages | {q_hit}/{q_total} = {q_hit / max(q_total, 1):.3f} |",
              f"| precision, body mentions | {true_positives}/{reported} = {true_positives / max(reported, 1):.3f} |",
              f"| boilerplate numbers reported as mentions | {len(leaks)} on {len(pages)} pages |",
              f"| names reported as quantities | {len(names_as_quantities)} |",
              f"| raw-offset errors | {len(offset_errors)} |",
              "", "Recall by kind (body):", "", "| kind | found | labelled | recall |", "|---|---:|---:|---:|"]
    lines += [f"| {k} | {body_hit[k]} | {body_total[k]} | {body_hit[k] / body_total[k]:.3f} |"
              for k in sorted(body_total)]
    lines += ["", "Recall outside the body (kept as zones of their own):", "",
              "| zone | found | labelled |", "|---|---:|---:|"]
    lines += [f"| {z} | {other_hit[z]} | {other_total[z]} |" for z in sorted(other_total)]
    lines += ["", "## Throughput", "",
              f"Ours: {size / 1e6 / seconds:.2f} MB/s (clean and extract); quantulum3: "
              f"{size / 1e6 / q_seconds:.3f} MB/s (extract only).", "",
              "## What we got wrong", "", "Body labels missed:", ""]
    lines += [f"- {f}: `{s}` ({k} {v})" for f, s, k, v in missed] or ["- none"]
    lines += ["", "Body mentions matching no label:", ""]
    lines += [f"- {f}: `{s}` ({k} {v})" for f, s, k, v in false_positives] or ["- none"]
    lines += ["", "Boilerplate numbers reported:", ""]
    lines += [f"- {f}: `{s}`" for f, s in leaks] or ["- none"]
    lines += ["", "Names reported as quantities:", ""]
    lines += [f"- {f}: `{s}`" for f, s in names_as_quantities] or ["- none"]
    report = "\n".join(lines) + "\n"
    results.write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    # Optional: another labelled corpus (same layout) and where to write its report, e.g. the held-out pages.
    sys.exit(main(*(Path(a).resolve() for a in sys.argv[1:3])))
