"""Our mention extractor against quantulum3 on the five cleaned seed texts.

Scores both against the hand-labelled quantities in tests/data/labelled_mentions.csv (every kind
but `name`), times both, and lists the kinds of mistake quantulum3 makes on these texts. Prints the
report and writes it to benchmarks/results.md. Exits 1 unless ours beats quantulum3 on precision
and on recall and is at least MIN_SPEEDUP times faster.

Run from the repository root: .venv/bin/python benchmarks/extractor_vs_quantulum3.py
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import sys
import time
import warnings
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from japan_russia_numbers.cleaning import clean_sources, load_source_rules
from japan_russia_numbers.mentions import extract_mentions
from japan_russia_numbers.sources import load_sources

# Plain quantulum3, without its optional `classifier` extra (whose shipped model does not load with
# current scikit-learn); it warns about that on import.
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Classifier dependencies not installed")
    from quantulum3 import parser as quantulum3

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
RULES = ROOT / "data" / "rules" / "cleaning_rules.csv"
GOLD = ROOT / "tests" / "data" / "labelled_mentions.csv"
RESULTS = ROOT / "benchmarks" / "results.md"

NUMERIC_KINDS = {"number", "ordinal", "percent", "money"}  # these must also match the gold value
MIN_SPEEDUP = 100    # ours must be at least this many times faster
MIN_SECONDS = 1.0    # each timed run repeats the texts until it takes at least this long
EXAMPLES = 4         # quantulum3 errors listed per kind of error


@dataclass(frozen=True)
class Span:
    """A labelled or predicted quantity, located in the raw file of one source."""
    source_id: str
    start: int
    end: int
    surface: str
    value: float | None  # the numeric value; None where there is none (dates)
    label: str           # gold kind, our kind, or quantulum3's unit
    entity: str = ""     # quantulum3's kind of unit: "dimensionless", "currency", "mass", ...

    def overlaps(self, other: Span) -> bool:
        return self.source_id == other.source_id and self.start < other.end and other.start < self.end

    def describe(self) -> str:
        value = "" if self.value is None else f", {self.value:g}"
        return f"{self.source_id}: `{self.surface}` ({self.label}{value})"


# --- inputs ----------------------------------------------------------------------------------
def load_gold(path: Path, sources, raw_texts: dict[str, str]) -> tuple[list[Span], list[str]]:
    """Labelled quantities (no `name` rows) as raw spans, and the rows that could not be used."""
    source_of_file = {s.file: s.source_id for s in sources}
    gold, unusable = [], []
    with open(path, newline="", encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            if row["kind"] == "name":
                continue
            where = f"line {line} ({row['file']}, {row['surface']!r}, occurrence {row['occurrence']})"
            source_id = source_of_file.get(row["file"])
            if source_id is None:
                unusable.append(f"{where}: file not in the manifest")
                continue
            start = nth_occurrence(raw_texts[source_id], row["surface"], int(row["occurrence"]))
            if start < 0:
                unusable.append(f"{where}: surface not found that often in the raw file")
                continue
            value = None
            if row["kind"] in NUMERIC_KINDS:
                try:
                    value = float(row["value"].replace(",", ""))
                except ValueError:
                    unusable.append(f"{where}: value {row['value']!r} is not a number")
                    continue
            gold.append(Span(source_id, start, start + len(row["surface"]), row["surface"], value,
                             row["kind"]))
    order = {s.source_id: i for i, s in enumerate(sources)}
    return sorted(gold, key=lambda g: (order[g.source_id], g.start)), unusable


def nth_occurrence(text: str, surface: str, occurrence: int) -> int:
    """Offset of the 0-based `occurrence` of `surface` (each search starts one past the last hit)."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.find(surface, start + 1)
        if start < 0:
            break
    return start


# --- the two extractors ----------------------------------------------------------------------
def run_ours(cleaned, sources) -> list[list]:
    return [extract_mentions(c, s.stated_date) for c, s in zip(cleaned, sources)]


def run_quantulum3(cleaned, sources) -> list[list]:
    return [quantulum3.parse(c.text) for c in cleaned]


def our_predictions(cleaned, sources) -> list[Span]:
    """Our mentions except names, which say that a token is not a quantity."""
    return [Span(m.source_id, m.raw_start, m.raw_end, m.surface,
                 m.value if isinstance(m.value, (int, float)) else None, m.kind)
            for mentions in run_ours(cleaned, sources) for m in mentions if m.kind != "name"]


def quantulum3_predictions(cleaned, sources) -> list[Span]:
    """quantulum3's quantities, their cleaned spans mapped to raw offsets."""
    predictions = []
    for c, quantities in zip(cleaned, run_quantulum3(cleaned, sources)):
        for q in quantities:
            start, end = q.span
            if end > start:
                raw_start, raw_end = c.raw_span(start, end)
                predictions.append(Span(c.source_id, raw_start, raw_end, q.surface, float(q.value),
                                        q.unit.name, q.unit.entity.name))
    return predictions


# --- scoring ---------------------------------------------------------------------------------
@dataclass
class Score:
    true_positives: list[Span]
    false_positives: list[Span]
    missed: list[Span]

    @property
    def precision(self) -> float:
        return ratio(len(self.true_positives), len(self.true_positives) + len(self.false_positives))

    @property
    def recall(self) -> float:
        return ratio(len(self.true_positives), len(self.true_positives) + len(self.missed))

    @property
    def f1(self) -> float:
        return ratio(2 * self.precision * self.recall, self.precision + self.recall)


def ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def same_value(prediction: Span, gold: Span) -> bool:
    """Dates match on overlap alone; numeric kinds must also carry the gold value."""
    if gold.label not in NUMERIC_KINDS:
        return True
    return prediction.value is not None and math.isclose(prediction.value, gold.value, rel_tol=1e-9)


def score(predictions: list[Span], gold: list[Span]) -> Score:
    """Each prediction takes the first unmatched gold span it overlaps and whose value it carries."""
    matched: set[int] = set()
    hits, misses = [], []
    for prediction in predictions:
        index = next((i for i, g in enumerate(gold)
                      if i not in matched and prediction.overlaps(g) and same_value(prediction, g)), None)
        if index is None:
            misses.append(prediction)
        else:
            matched.add(index)
            hits.append(prediction)
    return Score(hits, misses, [g for i, g in enumerate(gold) if i not in matched])


# --- speed -----------------------------------------------------------------------------------
@dataclass
class Timing:
    repeats: int
    seconds: float  # best of 3 runs of `repeats` passes over the texts
    megabytes_per_second: float


def measure(run, cleaned, sources) -> Timing:
    """Best of 3 timed runs, each repeating the texts until it takes at least MIN_SECONDS."""
    run(cleaned, sources)  # warm-up: lazy loading and caches
    start = time.perf_counter()
    run(cleaned, sources)
    repeats = max(1, math.ceil(MIN_SECONDS / (time.perf_counter() - start)))
    best = math.inf
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(repeats):
            run(cleaned, sources)
        best = min(best, time.perf_counter() - start)
    megabytes = repeats * sum(len(c.text.encode("utf-8")) for c in cleaned) / 1e6
    return Timing(repeats, best, megabytes / best)


# --- quantulum3's errors ---------------------------------------------------------------------
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def quantulum3_errors(predictions: list[Span], gold: list[Span]) -> dict[str, list[str]]:
    """Kinds of mistake found in quantulum3's output, each with its instances in text order."""
    errors: dict[str, list[str]] = {
        "a physical unit read into ordinary words": [],
        "a range collapsed to its midpoint": [],
        "a labelled quantity given the wrong value": [],
        "one labelled quantity split into pieces": [],
        "a quantity where the labels have none": [],
        "a labelled quantity not found at all": [],
    }
    for p in predictions:
        if p.entity not in ("dimensionless", "currency"):  # these texts measure nothing physical
            errors["a physical unit read into ordinary words"].append(p.describe())
        numbers = [float(n) for n in NUMBER.findall(p.surface)]
        if len(numbers) >= 2 and math.isclose(p.value, (numbers[0] + numbers[1]) / 2) \
                and p.value not in numbers:
            errors["a range collapsed to its midpoint"].append(p.describe())
        overlapped = [g for g in gold if p.overlaps(g)]
        if not overlapped:
            errors["a quantity where the labels have none"].append(p.describe())
        for g in overlapped:
            if not same_value(p, g):
                errors["a labelled quantity given the wrong value"].append(
                    f"{p.describe()}, labelled ({g.label}, {g.value:g})")
    for g in gold:
        pieces = [p for p in predictions if p.overlaps(g)]
        if len(pieces) > 1:
            errors["one labelled quantity split into pieces"].append(
                f"{g.describe()} read as " + ", ".join(f"`{p.surface}`" for p in pieces))
        if not pieces:
            errors["a labelled quantity not found at all"].append(g.describe())
    return errors


# --- report ----------------------------------------------------------------------------------
def report(cleaned, gold_path, gold, unusable, scores, timings, speedup, errors, failures) -> str:
    text_bytes = sum(len(c.text.encode("utf-8")) for c in cleaned)
    gold_path = gold_path.resolve()
    gold_name = gold_path.relative_to(ROOT) if gold_path.is_relative_to(ROOT) else gold_path
    lines = [
        "# Our extractor against quantulum3",
        "",
        f"Five seed texts, cleaned: {text_bytes:,} bytes of UTF-8. Gold: {len(gold)} labelled quantities "
        f"in `{gold_name}` (`name` rows left out). quantulum3 {version('quantulum3')}, "
        "as pip installs it (without its optional `classifier` extra).",
        "",
        "A prediction is correct if its raw span overlaps a gold span not yet matched and, for "
        "numbers, ordinals, percentages and money, carries the gold value (dates: overlap alone).",
        "",
        "## Accuracy",
        "",
        "| extractor | predictions | correct | gold missed | precision | recall | F1 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, s in scores.items():
        lines.append(f"| {name} | {len(s.true_positives) + len(s.false_positives)} | "
                     f"{len(s.true_positives)} | {len(s.missed)} | {s.precision:.3f} | "
                     f"{s.recall:.3f} | {s.f1:.3f} |")
    lines += [
        "",
        "## Throughput",
        "",
        f"Best of 3 runs, each over the five texts repeated until it takes at least {MIN_SECONDS:g} s "
        "(MB = 10^6 bytes of UTF-8 input).",
        "",
        "| extractor | repeats | seconds | MB/s |",
        "|---|---:|---:|---:|",
    ]
    for name, t in timings.items():
        lines.append(f"| {name} | {t.repeats} | {t.seconds:.3f} | {t.megabytes_per_second:.4f} |")
    lines += ["", f"Speed ratio ours/quantulum3: {speedup:.0f}x (required: at least {MIN_SPEEDUP}x).",
              "", "## quantulum3's errors on these texts", ""]
    for kind, found in errors.items():
        if found:
            lines.append(f"- {kind} ({len(found)}): " + "; ".join(found[:EXAMPLES])
                         + ("; ..." if len(found) > EXAMPLES else ""))
    lines += ["", "## Where ours disagrees with the gold labels", ""]
    s = scores["ours"]
    lines.append("- predicted, not in the gold: "
                 + ("; ".join(p.describe() for p in s.false_positives) or "none"))
    lines.append("- in the gold, not predicted: " + ("; ".join(g.describe() for g in s.missed) or "none"))
    if unusable:
        lines += ["", "## Gold rows left out", ""] + [f"- {u}" for u in unusable]
    lines += ["", "## Verdict", ""]
    lines += [f"- FAIL: {f}" for f in failures] or ["- PASS: ours is better on precision and recall "
                                                   f"and at least {MIN_SPEEDUP}x faster."]
    return "\n".join(lines) + "\n"


def verdict(scores: dict[str, Score], speedup: float) -> list[str]:
    ours, theirs = scores["ours"], scores["quantulum3"]
    failures = []
    if ours.precision <= theirs.precision:
        failures.append(f"precision {ours.precision:.3f} is not above quantulum3's {theirs.precision:.3f}")
    if ours.recall <= theirs.recall:
        failures.append(f"recall {ours.recall:.3f} is not above quantulum3's {theirs.recall:.3f}")
    if speedup < MIN_SPEEDUP:
        failures.append(f"ours is {speedup:.0f}x as fast as quantulum3, not at least {MIN_SPEEDUP}x")
    return failures


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--gold", type=Path, default=GOLD, help="labelled mentions (CSV)")
    arguments.add_argument("--out", type=Path, default=RESULTS, help="where the Markdown report goes")
    args = arguments.parse_args()

    sources = load_sources(SEEDS)
    cleaned = clean_sources(sources, load_source_rules(RULES))
    gold, unusable = load_gold(args.gold, sources, {c.source_id: c.raw for c in cleaned})
    predictions = {"ours": our_predictions(cleaned, sources),
                   "quantulum3": quantulum3_predictions(cleaned, sources)}
    scores = {name: score(p, gold) for name, p in predictions.items()}
    timings = {"ours": measure(run_ours, cleaned, sources),
               "quantulum3": measure(run_quantulum3, cleaned, sources)}
    speedup = timings["ours"].megabytes_per_second / timings["quantulum3"].megabytes_per_second
    errors = quantulum3_errors(predictions["quantulum3"], gold)
    failures = verdict(scores, speedup)
    text = report(cleaned, args.gold, gold, unusable, scores, timings, speedup, errors, failures)
    print(text, end="")
    args.out.write_text(text, encoding="utf-8")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
