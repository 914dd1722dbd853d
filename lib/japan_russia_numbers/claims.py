"""Stage 4: coded claims. Notebook 01 codes every number with the claims lexicon (`coding.py`,
`data/coded_claims.csv`); the hand codebook is a layer over that coding: each entry confirms an
automatic claim, overrides it (its note says why), or adds what the lexicon cannot code (statements
without a number, a quote whose period only a reader can tell). Values that follow from others are
computed, never typed, and carry their derivation.

Each codebook row quotes the cleaned text and names the mention that carries its value (and, if any,
the date mention that gives its period). The join fails loudly, naming the entry, when the quote or
the mention no longer matches what cleaning and extraction produce.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from .outputs import (PARQUET_MIN_SOURCES, format_number, read_text_table, records, write_csv, write_paper_table,
                      write_table)

CODEBOOK_COLUMNS = ["claim_id", "source_id", "metric", "subject", "period", "value", "unit", "role",
                    "qualifier", "quote", "mention", "period_mention", "event", "relative",
                    "derivation", "note"]
AS_OF_SOURCE = "as_of_source"  # the period is the source's own date
COMPARED_FIELDS = ("metric", "subject", "value", "role", "date_start", "date_end")


class CodebookError(ValueError):
    """A codebook entry that does not match the texts; the message names the entry."""


@dataclass(frozen=True)
class Claim:
    """What one number (or statement) of one source asserts, and where it stands in the raw text."""
    claim_id: str
    source_id: str
    metric: str
    subject: str
    period: str
    value: str
    unit: str
    role: str             # level, change, share, record, previous_record, number_in_series
    qualifier: str
    mention_id: str
    period_mention_id: str
    derivation: str
    quote: str
    raw_start: str
    raw_end: str
    date_start: str
    date_end: str
    compared_period: str  # for a change: the period it is measured from
    year_inferred: str
    event: str
    relative: str
    coding: str           # automatic, confirmed, overridden, by hand, derived
    rule: str             # what coded it: the lexicon's reasons, or the codebook entry
    note: str


def load_codebook(path: str | Path) -> pd.DataFrame:
    """The codebook as text; a missing column or a repeated claim id is an error naming the file."""
    path = Path(path)
    frame = read_text_table(path)
    missing = [c for c in CODEBOOK_COLUMNS if c not in frame.columns]
    if missing:
        raise CodebookError(f"{path}: missing column(s) {', '.join(missing)}")
    repeated = frame.loc[frame["claim_id"].duplicated(), "claim_id"].tolist()
    if repeated:
        raise CodebookError(f"{path}: claim_id {repeated[0]!r} appears more than once")
    return frame[CODEBOOK_COLUMNS]


def period_bounds(period: str) -> tuple[str, str]:
    """ISO bounds of a typed period: "2017", "2017-11", "FY2016" (April-March), "2018-07-09"."""
    if match := re.fullmatch(r"FY(\d{4})", period):
        year = int(match[1])
        return f"{year}-04-01", f"{year + 1}-03-31"
    if re.fullmatch(r"\d{4}", period):
        return f"{period}-01-01", f"{period}-12-31"
    if re.fullmatch(r"\d{4}-\d{2}", period):
        start = dt.date.fromisoformat(period + "-01")
        end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return start.isoformat(), end.isoformat()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", period):
        return period, period
    return "", ""


def _find_mention(surface: str, mentions: pd.DataFrame, quote_start: int, quote_end: int,
                  where: str) -> pd.Series:
    """The first extracted mention with this surface inside the quote's span."""
    inside = mentions[(mentions["surface"] == surface) & (mentions["start"] >= quote_start)
                      & (mentions["end"] <= quote_end)]
    if inside.empty:
        raise CodebookError(f"{where}: no extracted mention {surface!r} inside the quote; cleaning or "
                            "extraction changed, or the codebook entry is wrong")
    return inside.iloc[0]


def _code_entry(entry: dict, cleaned, mentions: pd.DataFrame, stated_date: str, where: str) -> Claim:
    quote_start = cleaned.text.find(entry["quote"])
    if quote_start < 0:
        raise CodebookError(f"{where}: quote not found in the cleaned text: {entry['quote'][:80]!r}")
    quote_end = quote_start + len(entry["quote"])
    value, mention_id = entry["value"], ""
    if entry["mention"]:
        mention = _find_mention(entry["mention"], mentions, quote_start, quote_end, where)
        mention_id = mention["mention_id"]
        if not value or float(value) != float(mention["value"]):
            raise CodebookError(f"{where}: codebook value {value!r} but the mention {entry['mention']!r} "
                                f"has value {mention['value']!r}")
        value = format_number(float(value))
    period, (date_start, date_end), inferred, period_mention_id = entry["period"], ("", ""), "", ""
    if entry["period_mention"]:
        dated = _find_mention(entry["period_mention"], mentions, quote_start, quote_end, where)
        period_mention_id, inferred = dated["mention_id"], dated["year_inferred"]
        date_start, date_end = dated["date_start"], dated["date_end"]
        if not period:
            period = dated["value"] or "year unknown"
        elif typed := period_bounds(period)[0]:
            if not date_start <= typed <= date_end:
                raise CodebookError(f"{where}: period {period!r} lies outside the date mention "
                                    f"{entry['period_mention']!r} ({date_start} to {date_end})")
            date_start, date_end = period_bounds(period)  # the coder narrowed the mention's range
    if period == AS_OF_SOURCE:
        period = f"as of {stated_date}" if stated_date else "as of an undated text"
        date_start = date_end = stated_date
    elif period and not date_start:
        date_start, date_end = period_bounds(period)
    raw_start, raw_end = cleaned.raw_span(quote_start, quote_end)
    return Claim(entry["claim_id"], entry["source_id"], entry["metric"], entry["subject"], period,
                 value, entry["unit"], entry["role"], entry["qualifier"], mention_id, period_mention_id, "",
                 entry["quote"], str(raw_start), str(raw_end), date_start, date_end, "", inferred,
                 entry["event"], entry["relative"], "by hand", f"codebook entry {entry['claim_id']}",
                 entry["note"])


def _derive(entry: dict, coded: dict[str, Claim], where: str) -> Claim:
    match = re.fullmatch(r"\s*(\S+)\s*([-+])\s*(\S+)\s*", entry["derivation"])
    if not match or match[1] not in coded or match[3] not in coded:
        raise CodebookError(f"{where}: derivation {entry['derivation']!r} must be 'claim_id - claim_id' "
                            "or 'claim_id + claim_id' over claims coded before it")
    left, operator, right = coded[match[1]], match[2], coded[match[3]]
    a, b = float(left.value), float(right.value)
    result = a - b if operator == "-" else a + b
    symbol = "−" if operator == "-" else "+"
    derivation = (f"{format_number(a)} {symbol} {format_number(b)} = {format_number(result)} "
                  f"({left.claim_id} {symbol} {right.claim_id})")
    start, end = period_bounds(entry["period"])
    return Claim(entry["claim_id"], entry["source_id"], entry["metric"], entry["subject"],
                 entry["period"], format_number(result), entry["unit"], entry["role"] or "level",
                 entry["qualifier"], f"{left.mention_id};{right.mention_id}", "", derivation,
                 f"{left.quote} … {right.quote}", "", "", start, end, "", "", entry["event"],
                 entry["relative"], "derived", f"codebook entry {entry['claim_id']}", entry["note"])


def automatic_claims(coded: pd.DataFrame) -> list[Claim]:
    """The lexicon's claims of the body (`data/coded_claims.csv`) as claims."""
    body = coded[coded["zone"] == "body"]
    return [Claim(r["claim_id"], r["source_id"], r["metric"], r["subject"], r["period"], r["value"], r["unit"],
                  r["role"], "", r["mention_id"], "", "", r["quote"], str(r["raw_start"]), str(r["raw_end"]),
                  r["date_start"], r["date_end"], r["compared_period"], "", "", "", "automatic", r["rule"], "")
            for r in records(body)]


def _differences(automatic: Claim, hand: Claim) -> list[str]:
    return [f"{name} {getattr(automatic, name) or 'none'!r} → {getattr(hand, name) or 'none'!r}"
            for name in COMPARED_FIELDS if str(getattr(automatic, name)) != str(getattr(hand, name))]


AGREEMENT_COLUMNS = ["entry", "source_id", "outcome", "automatic_claim", "differences", "reason"]


def code_claims(codebook: pd.DataFrame, mentions: pd.DataFrame, cleaned: dict, stated_dates: dict,
                coded: pd.DataFrame | None = None, codebook_name: str = "codebook"):
    """The corpus's claims: the automatic ones (`coded`, the lexicon's) with the codebook laid over
    them. Returns (claims, the ids of entries about sources not in this corpus, the agreement table:
    per entry, confirmed / overridden / by hand / derived, and why)."""
    automatic = automatic_claims(coded) if coded is not None else []
    by_mention = {c.mention_id: c for c in automatic}
    claims: dict[str, Claim] = {}
    replaced: dict[str, str] = {}  # automatic claim id -> codebook entry
    skipped, agreement = [], []
    for entry in codebook.to_dict("records"):
        where = f"{codebook_name}, claim {entry['claim_id']!r}"
        if entry["source_id"] not in cleaned:
            skipped.append(entry["claim_id"])
            continue
        if entry["derivation"]:
            claims[entry["claim_id"]] = _derive(entry, claims, where)
            agreement.append([entry["claim_id"], entry["source_id"], "derived", "",
                              claims[entry["claim_id"]].derivation, entry["note"]])
            continue
        source_mentions = mentions[mentions["source_id"] == entry["source_id"]]
        hand = _code_entry(entry, cleaned[entry["source_id"]], source_mentions,
                           stated_dates.get(entry["source_id"], ""), where)
        match = by_mention.get(hand.mention_id) if hand.mention_id else None
        if match is None:
            outcome, differences = "by hand", ""
        else:
            replaced[match.claim_id] = entry["claim_id"]
            differences = "; ".join(_differences(match, hand))
            outcome = "overridden" if differences else "confirmed"
        if outcome != "confirmed" and not entry["note"]:
            raise CodebookError(f"{where}: {outcome} entries need a note that says why")
        claims[entry["claim_id"]] = replace(
            hand, coding=outcome, compared_period=match.compared_period if match else "",
            rule=f"{match.rule}; confirmed by codebook entry {entry['claim_id']}" if outcome == "confirmed"
            else hand.rule)
        agreement.append([entry["claim_id"], entry["source_id"], outcome, match.claim_id if match else "",
                          differences, entry["note"]])
    kept = [c for c in automatic if c.claim_id not in replaced]
    return (kept + list(claims.values()), skipped,
            pd.DataFrame(agreement, columns=AGREEMENT_COLUMNS))


def agreement_summary(agreement: pd.DataFrame, automatic: int) -> str:
    """One sentence on how the codebook and the lexicon agree."""
    counts = agreement["outcome"].value_counts()
    parts = [f"{counts.get(k, 0)} {k}" for k in ("confirmed", "overridden", "by hand", "derived") if counts.get(k)]
    entries = len(agreement)
    coded = f"The lexicon coded {automatic} claim{'s' if automatic != 1 else ''}"
    if not entries:
        return f"{coded}; the codebook has no entries about this corpus."
    return (f"{coded}; of the codebook's {entries} entr{'ies' if entries != 1 else 'y'} about this corpus: "
            + (", ".join(parts) or "none") + ".")


def coding_summary(claims: list[Claim], automatic: pd.DataFrame, skipped: list[str]) -> str:
    """One line for the run's log: claims coded, how, and codebook entries about other corpora."""
    how = pd.Series([c.coding for c in claims]).value_counts() if claims else pd.Series(dtype=int)
    parts = ", ".join(f"{n:,} {k}" for k, n in how.items())
    text = f"{len(claims):,} claims in the article bodies" + (f" ({parts})" if parts else "")
    other_zones = int((automatic["zone"] != "body").sum())
    if other_zones:
        text += f"; {other_zones:,} more in titles, standfirsts and captions, kept apart"
    if skipped:
        text += f"; {len(skipped):,} codebook entries are about sources not in this corpus"
    return text


def inferred_year_pointer(table: pd.DataFrame) -> str:
    """A sentence for the reader of a table with year-less dates: whose years were taken from the text's
    stated date, and where the study tests that date (notebook 05), or "" when there are none."""
    inferred = table.loc[table["year_inferred"] != "", "source_id"]
    if inferred.empty:
        return ""
    sources = list(dict.fromkeys(inferred))
    named = ", ".join(sources[:5]) + (f" and {len(sources) - 5:,} more" if len(sources) > 5 else "")
    return (f"{len(inferred):,} date{'s' if len(inferred) != 1 else ''} in this table (from {named}) "
            f"{'were' if len(inferred) != 1 else 'was'} printed without a year and take the year of the text's "
            "stated date (`year_inferred`). Notebook 05 tests each stated date against the text's content; where "
            "it finds the date contradicted, these years are off too (see its dating arguments).")


def metric_counts(table: pd.DataFrame) -> pd.DataFrame:
    """Claims per metric and role, with the number of texts that give them."""
    if table.empty:
        return pd.DataFrame(columns=["metric", "role", "claims", "texts"])
    grouped = table.groupby(["metric", "role"], dropna=False)
    return pd.DataFrame({"claims": grouped.size(), "texts": grouped["source_id"].nunique()}).reset_index()


CLAIM_COLUMNS = list(Claim.__dataclass_fields__)


def claims_table(claims: list[Claim]) -> pd.DataFrame:
    frame = pd.DataFrame([vars(c) for c in claims], columns=CLAIM_COLUMNS)  # flat fields: no deep copy
    return frame.sort_values(["source_id", "claim_id"], kind="stable").reset_index(drop=True)


# --- tables for papers -----------------------------------------------------------------------
def scrambles_table(claims: pd.DataFrame) -> pd.DataFrame:
    """Scramble counts (levels and records) by period and country, as the articles report or imply them."""
    rows = claims[(claims["metric"] == "asdf_scrambles") & claims["role"].isin(["level", "record"])
                  & (claims["unit"] == "scrambles")]
    return pd.DataFrame({
        "period": rows["period"], "country": rows["subject"],
        "scrambles": pd.to_numeric(rows["value"]).astype("int64"), "role": rows["role"],
        "coding": rows["coding"], "source_id": rows["source_id"], "derivation": rows["derivation"],
        "claim_id": rows["claim_id"],
    }).sort_values(["period", "country", "source_id", "claim_id"]).reset_index(drop=True)


def meeting_tally_table(claims: pd.DataFrame, manifest: pd.DataFrame) -> pd.DataFrame:
    """Abe-Putin meeting tallies by source, with the date each source states."""
    rows = claims[claims["metric"] == "abe_putin_meetings"].merge(
        manifest[["source_id", "outlet", "stated_date"]], on="source_id")
    return pd.DataFrame({
        "source_id": rows["source_id"], "outlet": rows["outlet"], "stated_date": rows["stated_date"],
        "meetings": pd.to_numeric(rows["value"]).astype("int64"), "quote": rows["quote"],
    }).sort_values(["stated_date", "source_id"]).reset_index(drop=True)


def two_plus_two_table(claims: pd.DataFrame) -> pd.DataFrame:
    """The Japan-Russia 2+2 meetings, as each source numbers and dates them."""
    rows = claims[claims["metric"] == "two_plus_two_meeting"]
    return pd.DataFrame({
        "meeting": pd.to_numeric(rows["value"]).astype("int64"), "date_as_stated": rows["period"],
        "year_inferred": rows["year_inferred"], "status": rows["qualifier"],
        "source_id": rows["source_id"], "quote": rows["quote"],
    }).sort_values(["meeting", "source_id"]).reset_index(drop=True)


def military_visits_table(claims: pd.DataFrame) -> pd.DataFrame:
    """Senior Russian military officers' visits to Japan, as each source dates them."""
    rows = claims[claims["metric"] == "russian_military_visit"]
    return pd.DataFrame({
        "officer": rows["subject"], "period_as_stated": rows["period"],
        "year_inferred": rows["year_inferred"], "when_written": rows["relative"],
        "source_id": rows["source_id"], "quote": rows["quote"],
    }).sort_values(["officer", "source_id", "period_as_stated"]).reset_index(drop=True)


SANCTION_METRICS = ["japan_sanctions_stance", "visa_bans", "asset_freezes", "sanctioned_targets", "export_bans"]


def sanctions_table(claims: pd.DataFrame, manifest: pd.DataFrame) -> pd.DataFrame:
    """Japan's sanctions on Russia as each source describes them."""
    rows = claims[claims["metric"].isin(SANCTION_METRICS)].merge(
        manifest[["source_id", "stated_date"]], on="source_id")
    stance = [f"{q or m.replace('_', ' ')} ({v} {u})" if v else q for q, v, u, m in
              zip(rows["qualifier"], rows["value"], rows["unit"], rows["metric"])]
    table = pd.DataFrame({
        "source_id": rows["source_id"], "stated_date": rows["stated_date"], "period": rows["period"],
        "description": stance, "quote": rows["quote"],
    })
    keys = list(zip(table["stated_date"].replace("", "9999").tolist(), table["source_id"].tolist(),
                    table["period"].tolist()))  # undated last
    return table.iloc[sorted(range(len(table)), key=keys.__getitem__)].reset_index(drop=True)


def money_table(claims: pd.DataFrame) -> pd.DataFrame:
    """Money amounts: full amount and ISO currency."""
    rows = claims[claims["unit"].isin(["JPY", "USD", "EUR", "RUB", "CNY", "GBP"])]
    return pd.DataFrame({
        "source_id": rows["source_id"], "what": rows["metric"], "to": rows["subject"],
        "amount": rows["value"].astype(float).astype("int64"), "currency": rows["unit"],
        "period": rows["period"], "note": rows["qualifier"], "quote": rows["quote"],
    }).reset_index(drop=True)


PAPER_TABLES = {
    "scrambles_by_fiscal_year": "Fighter scrambles by period (fiscal years and parts of them) and country, as reported or derived in the sources",
    "abe_putin_meeting_tallies": "Abe-Putin meeting tallies by source, with the date each source states",
    "two_plus_two_meetings": "Japan-Russia 2+2 ministerial meetings, as each source numbers and dates them",
    "russian_military_visits": "Senior Russian military visits to Japan, as each source dates them",
    "japan_sanctions_on_russia": "Japan's sanctions on Russia, as each source describes them",
    "money_amounts": "Money amounts in the sources, as full amounts with ISO currency codes",
}


def paper_tables(claims: pd.DataFrame, manifest: pd.DataFrame) -> dict[str, pd.DataFrame]:
    return {
        "scrambles_by_fiscal_year": scrambles_table(claims),
        "abe_putin_meeting_tallies": meeting_tally_table(claims, manifest),
        "two_plus_two_meetings": two_plus_two_table(claims),
        "russian_military_visits": military_visits_table(claims),
        "japan_sanctions_on_russia": sanctions_table(claims, manifest),
        "money_amounts": money_table(claims),
    }


def write_claims_outputs(claims: list[Claim], manifest: pd.DataFrame, data_dir: str | Path,
                         agreement: pd.DataFrame | None = None) -> dict:
    """data/claims.csv (Parquet for a corpus of `PARQUET_MIN_SOURCES` or more), the codebook's agreement
    with the lexicon (data/codebook_agreement.csv) and every paper table as CSV, LaTeX and Markdown."""
    data_dir = Path(data_dir)
    table = claims_table(claims)
    write_table(table, data_dir / "claims.csv", columnar=len(manifest) >= PARQUET_MIN_SOURCES)
    if agreement is not None:
        write_csv(agreement, data_dir / "codebook_agreement.csv")
    tables = paper_tables(table, manifest)
    for name, frame in tables.items():
        write_paper_table(frame, data_dir / "tables", name, PAPER_TABLES[name])
    return tables


# --- undated texts: a year read from the official series -------------------------------------------
SERIES_DATED = "read from the official series"  # in a claim's rule: the series cannot check its period
# in a change's rule: it is measured from a period the series cannot place, so it is not checked
SERIES_UNCOMPARED = "measured from a period its sentence names but the series cannot place"
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_SERIES_DATABLE_ROLES = {"level", "record"}
SERIES_SPAN_YEARS = 5  # the fiscal years one undated text's counts are dated by lie at most this far apart
_SERIES_FOLLOWING_ROLES = {"share", "change"}


def date_by_series(claims: list[Claim], reference: dict, undated: set[str]) -> list[Claim]:
    """Scramble counts without a period in texts that carry no date ("1,004 scrambles ... in the year through
    March"): a count that is the official figure of exactly one fiscal year for its subject takes that year,
    as a historian dates an undated report by the record it quotes; a change or share in the same sentence
    ("479 times, a decrease of 96") takes the year of the counts dated there, if they agree on one.
    `reference` is `claimchecks.reference_series`; `undated` the ids of the sources with no date."""
    from .coding import YEARLESS_PART, fiscal_period

    yearless_part = re.compile(re.escape(YEARLESS_PART) + r" ([\w-]+)")

    def part_of(claim: Claim) -> str:  # "H1" of "... in the first half" in a text with no date; "" for a year
        found = yearless_part.search(claim.rule)
        return found[1] if found else ""

    years_by: dict[tuple[str, str, int], set[int]] = {}  # (part, subject, official figure): its fiscal years
    for (period, subject), official in reference.items():
        if fiscal := re.fullmatch(r"FY(\d{4})(?: (\S+))?", period):
            years_by.setdefault((fiscal[2] or "", subject, official.value), set()).add(int(fiscal[1]))

    def years_of(claim: Claim) -> set[int]:
        value = float(claim.value) if re.fullmatch(r"\d+(?:\.0)?", claim.value) else None
        return set(years_by.get((part_of(claim), claim.subject, value), ()))

    def dated(claim: Claim, year: int, part: str, why: str) -> Claim:
        period = fiscal_period(year, part)
        # a change is from the year before, unless its sentence names a year it may be measured from ("more
        # than double the levels seen before 2007"), which the series cannot tell
        compared = claim.compared_period or (
            fiscal_period(year - 1, part).label if claim.role == "change" and not _YEAR.search(claim.quote) else "")
        if claim.role == "change" and not compared:
            why += f"; {SERIES_UNCOMPARED}"
        return replace(claim, period=period.label, date_start=period.start.isoformat(),
                       date_end=period.end.isoformat(), compared_period=compared, rule=f"{claim.rule}; {why}")

    def open_scramble(claim: Claim, roles: set) -> bool:
        return (claim.source_id in undated and claim.metric == "asdf_scrambles" and not claim.period
                and claim.role in roles)

    out = list(claims)
    found: dict[int, int] = {}  # claim index: the one fiscal year whose figure it is
    several: dict[int, set[int]] = {}  # claim index: the fiscal years whose figure it is, when more than one
    for i, claim in enumerate(out):
        if open_scramble(claim, _SERIES_DATABLE_ROLES) and claim.unit == "scrambles" and (years := years_of(claim)):
            if len(years) == 1:
                found[i] = years.pop()
            else:
                several[i] = years
    for source in {out[i].source_id for i in found}:
        # one text's dated counts lie within a few years of each other ("156 last year, compared with 96 and
        # 38 in the previous two years"); a count far from the year most of them give matched by chance
        years = Counter(year for i, year in found.items() if out[i].source_id == source)
        (top, count), *rest = years.most_common()
        if rest and rest[0][1] == count and max(years) - min(years) > SERIES_SPAN_YEARS:
            top = None  # no year most of them give, and they lie far apart: none is trusted
        for i in [i for i in found if out[i].source_id == source]:
            if top is None or abs(found[i] - top) > SERIES_SPAN_YEARS:
                del found[i]
        for i in [i for i in several if out[i].source_id == source]:
            if top in several[i]:  # "464" is FY2014's China figure and FY2024's: the text's other counts say which
                found[i] = top
    by_sentence: dict[tuple[str, str], set[tuple[int, str]]] = {}  # (source, sentence): (year, part) dated there
    for i, year in found.items():
        claim = out[i]
        part = part_of(claim)
        what = f"the {part} of " if part else ""
        out[i] = dated(claim, year, part, f"period FY{year}{' ' + part if part else ''} {SERIES_DATED}: {what}the "
                                          f"one fiscal year whose official figure for {claim.subject} it is (the text "
                                          "has no date)")
        by_sentence.setdefault((claim.source_id, claim.raw_start), set()).add((year, part))
    # a text with no date reports one half or quarter: its other counts of that part that the series does not
    # hold ("267 times from April to September" against Russian aircraft, beside China's 287, FY2017 H1's
    # official figure) are of the same year, when the counts it dated agree on one
    by_part: dict[tuple[str, str], set[int]] = {}
    for i, year in found.items():
        if part_of(out[i]):
            by_part.setdefault((out[i].source_id, part_of(out[i])), set()).add(year)
    for i, claim in enumerate(out):
        years = by_part.get((claim.source_id, part_of(claim)), set()) if part_of(claim) else set()
        if open_scramble(claim, _SERIES_DATABLE_ROLES | _SERIES_FOLLOWING_ROLES) and len(years) == 1:
            year, part = next(iter(years)), part_of(claim)
            out[i] = dated(claim, year, part, f"period FY{year} {part}, the year of the text's other counts of its "
                                              f"{part}, which are official figures (the text has no date)")
            by_sentence.setdefault((claim.source_id, claim.raw_start), set()).add((year, part))
    for i, claim in enumerate(out):
        periods = by_sentence.get((claim.source_id, claim.raw_start), set())
        if open_scramble(claim, _SERIES_FOLLOWING_ROLES) and len(periods) == 1:
            year, part = next(iter(periods))
            out[i] = dated(claim, year, part, f"period FY{year}{' ' + part if part else ''}, the period the counts "
                                              "of its sentence are the official figures of (the text has no date)")
    return out


def undated_sources(data_dir: str | Path) -> set[str]:
    """The sources of a run whose text, URL and file name gave no date (`source_status.csv`)."""
    status = read_text_table(Path(data_dir) / "source_status.csv", columns=["source_id", "context_date"])
    return set(status.loc[status["context_date"] == "", "source_id"])
