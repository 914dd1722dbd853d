"""How well the claims lexicon codes the scramble figures of real articles, and how well the checks flag
the figures that contradict the official series.

Usage: python benchmarks/scramble_claims.py [FOLDER] [REPORT.md]
FOLDER (default tests/data/scrambles/dev) holds `pages/*.txt`, `pages.csv` and `claims.csv`, the
scramble figures a careful reader tabulates, labelled by hand before any code ran on the pages (layout in
the folder's README). Each page goes through the per-document work of a corpus run (clean, date, extract,
code) with the page's published date as its stated date, as a researcher's manifest would give it.

A labelled figure is coded right when a coded claim of metric `asdf_scrambles` carries the mention at
its characters and has the labelled subject, period, value and role. A figure contradicts the official
series when its labelled subject, period and value differ from the Joint Staff's figure in
`data/reference/asdf_scramble_series.csv` (unless the page says it rounds: "just over 700" for 704); the
reference check should flag exactly those.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))

from japan_russia_numbers.claimchecks import claim_checks, reference_series, rounded_count  # noqa: E402
from japan_russia_numbers.claims import automatic_claims, claims_table, date_by_series  # noqa: E402
from japan_russia_numbers.coding import CODED_COLUMNS, coded_row, load_lexicon  # noqa: E402
from japan_russia_numbers.document import process_document  # noqa: E402

FIELDS = ("subject", "period", "value", "role")
LEVELS = {"level", "record", "previous_record"}


def nth_occurrence(text: str, surface: str, n: int) -> int:
    at = -1
    for _ in range(n + 1):
        at = text.find(surface, at + 1)
        if at < 0:
            return -1
    return at


def _number(value: str) -> float | None:
    try:
        return float(str(value).replace(",", ""))
    except ValueError:
        return None


def score(folder: Path) -> tuple[str, dict]:
    lexicon = load_lexicon(ROOT / "data/rules")
    reference = reference_series(pd.read_csv(ROOT / "data/reference/asdf_scramble_series.csv", dtype=str,
                                             keep_default_na=False))
    pages = list(csv.DictReader(open(folder / "pages.csv", encoding="utf-8")))
    labels = list(csv.DictReader(open(folder / "claims.csv", encoding="utf-8")))
    coded_rows, mention_spans, undated = [], {}, set()
    for page in pages:
        raw = (folder / "pages" / page["file"]).read_text(encoding="utf-8")
        result = process_document(raw, page["page_id"], (), page.get("published", ""), page.get("url", ""),
                                  page["file"], lexicon)
        coded_rows += [coded_row(c) for c in result.claims]
        if not result.context_date:
            undated.add(page["page_id"])
        mention_spans.update({m.mention_id: (m.raw_start, m.raw_end) for m in result.mentions})
    coded = pd.DataFrame(coded_rows, columns=CODED_COLUMNS).astype(str)
    coded = coded.assign(zone="body")  # score every zone: titles and standfirsts are labelled too
    claims = claims_table(date_by_series(automatic_claims(coded), reference, undated))
    checks = claim_checks(claims, reference)
    reference_status = dict(zip(checks.loc[checks["check"] == "reference", "claim_id"],
                                checks.loc[checks["check"] == "reference", "status"]))
    by_page = {p["file"]: p["page_id"] for p in pages}
    scrambles = claims[claims["metric"] == "asdf_scrambles"]
    located = {}
    for claim in scrambles.itertuples():
        start, end = mention_spans.get(claim.mention_id, (-1, -1))
        located.setdefault((claim.source_id, start), claim)
    right, right_but_role, field_right, misses, matched_claims = 0, 0, Counter(), [], set()
    contradicting, flagged_right, missed_flags = 0, 0, []
    for label in labels:
        raw = (folder / "pages" / label["file"]).read_text(encoding="utf-8")
        start = nth_occurrence(raw, label["surface"], int(label["occurrence"] or 0))
        page_id = by_page[label["file"]]
        claim = next((c for (source, s), c in located.items()  # the claim whose mention starts on the label
                      if source == page_id and start - 2 <= s < start + len(label["surface"])), None)
        expected = {"subject": label["subject"], "period": label["period"], "value": _number(label["value"]),
                    "role": label["role"]}
        official = reference.get((label["period"], label["subject"]))
        # a round figure the page says it rounds ("just over 700" for 704) does not contradict the series
        said = {"value": label["value"], "quote": raw[max(0, start - 40):start + len(label["surface"])]}
        contradicts = (label["role"] in LEVELS and label["unit"] == "scrambles" and official is not None
                       and expected["value"] != official.value and not rounded_count(said, official.value))
        contradicting += contradicts
        if claim is None:
            misses.append(f"{label['file']} “{label['surface']}” ({label['subject']}, {label['period']}, "
                          f"{label['role']}): not coded")
            if contradicts:
                missed_flags.append(f"{label['file']} “{label['surface']}”: not coded, so not flagged")
            continue
        matched_claims.add(claim.claim_id)
        got = {"subject": claim.subject, "period": claim.period, "value": _number(claim.value), "role": claim.role}
        wrong = [f for f in FIELDS if got[f] != expected[f]]
        for f in FIELDS:
            field_right[f] += got[f] == expected[f]
        if not wrong:
            right += 1
        if not [f for f in wrong if f != "role"]:
            right_but_role += 1
        else:
            misses.append(f"{label['file']} “{label['surface']}”: " + "; ".join(
                f"{f} {got[f]!r} for {expected[f]!r}" for f in wrong))
        if contradicts:
            if reference_status.get(claim.claim_id) == "flag":
                flagged_right += 1
            else:
                missed_flags.append(f"{label['file']} “{label['surface']}”: {reference_status.get(claim.claim_id)}")
    false_flags = [f"{c.source_id} {c.value} ({c.subject}, {c.period})" for c in scrambles.itertuples()
                   if reference_status.get(c.claim_id) == "flag" and not _is_true_flag(c, labels, by_page, reference)]
    extra = [f"{c.source_id} {c.value} ({c.subject}, {c.period}, {c.role})" for c in scrambles.itertuples()
             if c.claim_id not in matched_claims]
    n = len(labels)
    numbers = {"pages": len(pages), "labels": n, "right": right, "right_but_role": right_but_role, "recall": right / n if n else 0.0,
               "fields": {f: field_right[f] / n if n else 0.0 for f in FIELDS},
               "contradicting": contradicting, "flagged": flagged_right, "false_flags": len(false_flags),
               "unlabelled_claims": len(extra)}
    lines = [f"# Scramble claims on `{folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder}`", "",
             "Written by `benchmarks/scramble_claims.py`; see its docstring for how it scores.", "",
             f"- pages: {len(pages)}; labelled scramble figures: {n}",
             f"- coded with the right subject, period, value and role: **{right}/{n} ({numbers['recall']:.1%})**",
             f"- coded with the right subject, period and value (the issue's measure, which leaves out the role): "
             f"{right_but_role}/{n} ({right_but_role / n if n else 0:.1%})",
             "- by field: " + ", ".join(f"{f} {v:.1%}" for f, v in numbers["fields"].items()),
             f"- figures that contradict the official series: {contradicting}; flagged by the reference check: "
             f"{flagged_right}; false flags: {len(false_flags)}",
             f"- coded scramble claims with no label (numbers a reader would not tabulate, or coded twice): {len(extra)}",
             "", "## Misses", ""] + [f"- {m}" for m in misses] + ["", "## Contradicting figures not flagged", ""] + \
        [f"- {m}" for m in missed_flags] + ["", "## False flags", ""] + [f"- {m}" for m in false_flags] + \
        ["", "## Coded, not labelled", ""] + [f"- {m}" for m in extra]
    return "\n".join(lines) + "\n", numbers


def _is_true_flag(claim, labels, by_page, reference) -> bool:
    """A flag is true when a label of the same page, value, subject and period contradicts the series."""
    for label in labels:
        if by_page[label["file"]] != claim.source_id or _number(label["value"]) != _number(claim.value):
            continue
        official = reference.get((label["period"], label["subject"]))
        if official is not None and _number(label["value"]) != official.value:
            return True
    return False


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else ROOT / "tests/data/scrambles/dev"
    out = Path(argv[2]) if len(argv) > 2 else ROOT / "benchmarks/scramble_claims.md"
    report, _ = score(folder.resolve())
    out.write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
