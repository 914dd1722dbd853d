"""The annotated source page: a raw text with what the study did to it, character by character.

Three layers of spans over the raw text, all in raw offsets: what cleaning removed or repaired
(`removed.csv`: rule and reason), the quantitative mentions (`mentions.csv`: kind, value, date), and the
claims (`claims.csv`: the mention that carries a claim's value, else its quoted evidence), with their
checks (`checks.csv`). Spans of different layers may overlap (a title is removed but its mentions are kept
as a zone of their own), so the text is cut at every span boundary and each piece is wrapped in the spans
that cover it, outermost layer first. A span's first piece carries its id (`mention_id`, `claim_id`), so
`<source_id>.html#<mention_id>` is a stable link to its characters. Every text is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

import pandas as pd

LAYERS = ("removed", "claim", "mention")  # outermost first

STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 1rem auto; padding: 0 1rem; color: #222; }
nav { font-size: 0.9rem; margin-bottom: 1rem; }
.meta, .legend { color: #555; font-size: 0.9rem; }
pre.raw { white-space: pre-wrap; overflow-wrap: break-word; font: 15px/1.6 ui-monospace, monospace;
          background: #fafafa; border: 1px solid #ddd; padding: 1rem; }
.removed { color: #888; text-decoration: line-through; background: #f0f0f0; }
.removed.repair { text-decoration: underline dotted #888; background: #fff7e0; color: inherit; }
mark.mention { background: #dcebff; border-radius: 2px; }
mark.mention.kind-date { background: #e6f5e6; }
.claim { border-bottom: 2px solid #1f5fa8; }
.claim.flagged { border-bottom: 2px wavy #c0392b; }
sup.claim-ref { font: 11px system-ui, sans-serif; margin-left: 0.2em; white-space: nowrap; }
[id] { scroll-margin-top: 25vh; }
sup.claim-ref.flagged a { color: #c0392b; font-weight: bold; }
:target { outline: 3px solid #f0a500; }
table { border-collapse: collapse; font-size: 0.9rem; margin: 1rem 0; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
td.number { text-align: right; white-space: nowrap; }
.status-flag { color: #c0392b; font-weight: bold; }
"""


@dataclass
class Span:
    start: int
    end: int
    layer: str
    span_id: str = ""  # the HTML id of its first piece
    css: str = ""
    title: str = ""
    attributes: dict = field(default_factory=dict)


def _present(value) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) and str(value) != ""


def _int(value) -> int | None:
    return int(float(value)) if _present(value) else None


def mention_title(row) -> str:
    """What a mention is, in words: kind, value and unit, the date it resolves to, its zone."""
    parts = [str(row["kind"])]
    if _present(row.get("value")):
        parts.append(f"{row['value']} {row['unit']}".strip() if _present(row.get("unit")) else str(row["value"]))
    if _present(row.get("date_start")):
        dates = row["date_start"] if row.get("date_end") in ("", row["date_start"]) or not _present(
            row.get("date_end")) else f"{row['date_start']} to {row['date_end']}"
        parts.append(f"date {dates}" + (" (year inferred)" if _present(row.get("year_inferred"))
                                        and str(row["year_inferred"]) not in ("False", "0") else ""))
    if _present(row.get("zone")) and row["zone"] != "body":
        parts.append(f"zone {row['zone']}")
    return "; ".join(parts)


def flags_by_claim(checks: pd.DataFrame) -> dict[str, list[str]]:
    """The flag sentences of each claim."""
    flagged = checks.loc[checks["status"] == "flag"]
    return {claim: [f"{row['check']}: {row['detail']}" for _, row in group.iterrows()]
            for claim, group in flagged.groupby("claim_id", sort=False)}


def claim_ranges(claim, mention_spans: dict[str, tuple[int, int]]) -> list[tuple[int, int]]:
    """Where a claim sits in the raw text: the mentions that carry its value, else its quoted evidence."""
    ids = [m for m in str(claim["mention_id"]).split(";") if m in mention_spans] if _present(
        claim.get("mention_id")) else []
    if ids:
        return sorted(mention_spans[m] for m in ids)
    start, end = _int(claim.get("raw_start")), _int(claim.get("raw_end"))
    return [(start, end)] if start is not None and end is not None and end > start else []


def source_spans(mentions: pd.DataFrame, removed: pd.DataFrame, claims: pd.DataFrame,
                 flags: dict[str, list[str]]) -> list[Span]:
    """Every span of one source's page, from its rows of the study's tables."""
    spans = []
    for _, row in removed.iterrows():
        spans.append(Span(int(row["raw_start"]), int(row["raw_end"]), "removed", css=f"removed {row['action']}",
                          title=f"{row['action']} by rule {row['rule']}: {row['reason']}"
                                + (f" (becomes {row['replacement']!r})" if _present(row.get("replacement")) else ""),
                          attributes={"data-rule": row["rule"]}))
    mention_spans = {}
    for _, row in mentions.iterrows():
        start, end = int(row["raw_start"]), int(row["raw_end"])
        mention_spans[row["mention_id"]] = (start, end)
        spans.append(Span(start, end, "mention", row["mention_id"], f"mention kind-{row['kind']}",
                          mention_title(row), {"data-mention": row["mention_id"]}))
    for _, claim in claims.iterrows():
        claim_id = claim["claim_id"]
        what = f"claim {claim_id}: {claim['metric']}, {claim['subject']}, {claim['period']}"
        if _present(claim.get("value")):
            what += f", {claim['value']} {claim['unit'] if _present(claim.get('unit')) else ''}".rstrip()
        flag_lines = flags.get(claim_id, [])
        for number, (start, end) in enumerate(claim_ranges(claim, mention_spans)):
            spans.append(Span(start, end, "claim", claim_id if number == 0 else "",
                              "claim flagged" if flag_lines else "claim",
                              "\n".join([what, *flag_lines]), {"data-claim": claim_id}))
    return spans


def _open(span: Span, first: bool) -> str:
    tag = "mark" if span.layer == "mention" else "span"
    attributes = {"id": span.span_id if first and span.span_id else None, "class": span.css,
                  "title": span.title, **span.attributes}
    text = " ".join(f'{name}="{escape(str(value), quote=True)}"' for name, value in attributes.items()
                    if value not in (None, ""))
    return f"<{tag} {text}>"


def _close(span: Span) -> str:
    return "</mark>" if span.layer == "mention" else "</span>"


def annotate(raw: str, spans: list[Span], claim_links: dict[str, tuple[str, str, bool]] | None = None) -> str:
    """The raw text as HTML, each piece wrapped in the spans that cover it; after a claim's last piece a
    superscript link to its row (`claim_links`: claim id -> (href, label, flagged))."""
    claim_links = claim_links or {}
    spans = [s for s in spans if 0 <= s.start < s.end <= len(raw)]
    cuts = sorted({0, len(raw), *(s.start for s in spans), *(s.end for s in spans)})
    order = {layer: n for n, layer in enumerate(LAYERS)}
    opened: set[int] = set()
    last_end = {}
    for span in spans:
        if span.layer == "claim":
            last_end[span.attributes["data-claim"]] = max(last_end.get(span.attributes["data-claim"], 0), span.end)
    pieces = []
    for start, end in zip(cuts, cuts[1:]):
        covering = sorted((n for n, s in enumerate(spans) if s.start <= start and end <= s.end),
                          key=lambda n: (order[spans[n].layer], spans[n].start, -spans[n].end, n))
        pieces.extend(_open(spans[n], n not in opened) for n in covering)
        opened.update(covering)
        pieces.append(escape(raw[start:end], quote=False))
        pieces.extend(_close(spans[n]) for n in reversed(covering))
        for claim_id, claim_end in last_end.items():
            if claim_end == end and claim_id in claim_links:
                href, label, flagged = claim_links[claim_id]
                pieces.append(f'<sup class="claim-ref{" flagged" if flagged else ""}">'
                              f'<a href="{escape(href, quote=True)}">{escape(label)}</a></sup>')
    return "".join(pieces)
