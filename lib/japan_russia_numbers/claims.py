"""Stage 4: coded claims. A person decides what a number means (the codebook); code checks it.

Each codebook row quotes the cleaned text and names the mention that carries its value (and, if any,
the date mention that gives its period). The join fails loudly, naming the entry, when the quote or
the mention no longer matches what cleaning and extraction produce. Derived claims are computed from
other claims, never typed, and carry their derivation.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, asdict
from pathlib import Path

import pandas as pd

from .outputs import format_number, read_text_table, write_csv, write_paper_table

CODEBOOK_COLUMNS = ["claim_id", "source_id", "metric", "subject", "period", "value", "unit",
                    "qualifier", "quote", "mention", "period_mention", "event", "relative",
                    "derivation", "note"]
AS_OF_SOURCE = "as_of_source"  # the period is the source's own date


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
    qualifier: str
    mention_id: str
    period_mention_id: str
    derivation: str
    quote: str
    raw_start: str
    raw_end: str
    date_start: str
    date_end: str
    year_inferred: str
    event: str
    relative: str
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
                 value, entry["unit"], entry["qualifier"], mention_id, period_mention_id, "",
                 entry["quote"], str(raw_start), str(raw_end), date_start, date_end, inferred,
                 entry["event"], entry["relative"], entry["note"])


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
                 entry["period"], format_number(result), entry["unit"], entry["qualifier"],
                 f"{left.mention_id};{right.mention_id}", "", derivation,
                 f"{left.quote} … {right.quote}", "", "", start, end, "", entry["event"],
                 entry["relative"], entry["note"])


def code_claims(codebook: pd.DataFrame, mentions: pd.DataFrame, cleaned: dict, stated_dates: dict,
                codebook_name: str = "codebook") -> tuple[list[Claim], list[str]]:
    """Claims of the sources in this corpus, and the ids of entries about sources not in it."""
    claims: dict[str, Claim] = {}
    skipped = []
    for entry in codebook.to_dict("records"):
        where = f"{codebook_name}, claim {entry['claim_id']!r}"
        if entry["source_id"] not in cleaned:
            skipped.append(entry["claim_id"])
            continue
        if entry["derivation"]:
            claims[entry["claim_id"]] = _derive(entry, claims, where)
            continue
        source_mentions = mentions[mentions["source_id"] == entry["source_id"]]
        claims[entry["claim_id"]] = _code_entry(entry, cleaned[entry["source_id"]], source_mentions,
                                                stated_dates.get(entry["source_id"], ""), where)
    return list(claims.values()), skipped


CLAIM_COLUMNS = list(Claim.__dataclass_fields__)


def claims_table(claims: list[Claim]) -> pd.DataFrame:
    return pd.DataFrame([asdict(c) for c in claims], columns=CLAIM_COLUMNS)


# --- tables for papers -----------------------------------------------------------------------
def scrambles_table(claims: pd.DataFrame) -> pd.DataFrame:
    """Scrambles by fiscal year and country as the articles report or imply them."""
    rows = claims[claims["metric"] == "asdf_scrambles"]
    return pd.DataFrame({
        "fiscal_year": rows["period"], "country": rows["subject"],
        "scrambles": rows["value"].astype(int), "basis": rows["qualifier"],
        "source_id": rows["source_id"], "derivation": rows["derivation"], "claim_id": rows["claim_id"],
    }).sort_values(["fiscal_year", "country", "basis"]).reset_index(drop=True)


def meeting_tally_table(claims: pd.DataFrame, manifest: pd.DataFrame) -> pd.DataFrame:
    """Abe-Putin meeting tallies by source, with the date each source states."""
    rows = claims[claims["metric"] == "abe_putin_meetings"].merge(
        manifest[["source_id", "outlet", "stated_date"]], on="source_id")
    return pd.DataFrame({
        "source_id": rows["source_id"], "outlet": rows["outlet"], "stated_date": rows["stated_date"],
        "meetings": rows["value"].astype(int), "quote": rows["quote"],
    }).sort_values(["stated_date", "source_id"]).reset_index(drop=True)


def two_plus_two_table(claims: pd.DataFrame) -> pd.DataFrame:
    """The Japan-Russia 2+2 meetings, as each source numbers and dates them."""
    rows = claims[claims["metric"] == "two_plus_two_meeting"]
    return pd.DataFrame({
        "meeting": rows["value"].astype(int), "date_as_stated": rows["period"],
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


def sanctions_table(claims: pd.DataFrame, manifest: pd.DataFrame) -> pd.DataFrame:
    """Japan's sanctions on Russia as each source describes them."""
    rows = claims[claims["metric"].isin(["japan_sanctions_stance", "visa_bans"])].merge(
        manifest[["source_id", "stated_date"]], on="source_id")
    stance = [f"{q} ({v} {u})" if v else q for q, v, u in
              zip(rows["qualifier"], rows["value"], rows["unit"])]
    table = pd.DataFrame({
        "source_id": rows["source_id"], "stated_date": rows["stated_date"], "period": rows["period"],
        "description": stance, "quote": rows["quote"],
    })
    undated_last = table["stated_date"].replace("", "9999")
    return table.iloc[sorted(range(len(table)), key=lambda i: (undated_last.iloc[i], table["source_id"].iloc[i],
                                                          table["period"].iloc[i]))].reset_index(drop=True)


def money_table(claims: pd.DataFrame) -> pd.DataFrame:
    """Money amounts: full amount and ISO currency."""
    rows = claims[claims["unit"].isin(["JPY", "USD", "EUR", "RUB", "CNY", "GBP"])]
    return pd.DataFrame({
        "source_id": rows["source_id"], "what": rows["metric"], "to": rows["subject"],
        "amount": rows["value"].astype(float).astype("int64"), "currency": rows["unit"],
        "period": rows["period"], "note": rows["qualifier"], "quote": rows["quote"],
    }).reset_index(drop=True)


PAPER_TABLES = {
    "scrambles_by_fiscal_year": "Fighter scrambles by fiscal year and country, as reported or derived in the sources",
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


def write_claims_outputs(claims: list[Claim], manifest: pd.DataFrame, data_dir: str | Path) -> dict:
    """data/claims.csv and every paper table as CSV, LaTeX and Markdown."""
    data_dir = Path(data_dir)
    table = claims_table(claims)
    write_csv(table, data_dir / "claims.csv")
    tables = paper_tables(table, manifest)
    for name, frame in tables.items():
        write_paper_table(frame, data_dir / "tables", name, PAPER_TABLES[name])
    return tables
