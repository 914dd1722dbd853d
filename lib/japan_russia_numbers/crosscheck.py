"""Stage 5: cross-check the claims across sources and against official records; date each source.

Dating uses four kinds of evidence, each turned into an earliest or latest bound with a sentence:
1. the latest dated event a text refers to as past (explicit years only, not future tense);
2. relative expressions ("this week", "in the past month") tied to an event that other sources
   or official records date;
3. counts that only grow: a text that knows of n 2+2 meetings was written before the (n+1)th;
4. the Abe-Putin tally compared with the tally of a source whose date is already consistent.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field

from pathlib import Path

import pandas as pd

from .claimchecks import CHECK_COLUMNS, SCRAMBLES, OfficialRecords, claim_checks, period_words, reference_series
from .outputs import PARQUET_MIN_SOURCES, records, write_csv, write_table

# words that look ahead: plans, schedules and aims ("is seeking to supply ... by 2030"), and a period that
# "starts" or "begins" (in the present tense, one still to come: "the 2023 financial year that starts on April 1")
FUTURE = re.compile(r"\b(?:expected|will|shall|plans? to|planned|scheduled|upcoming|approaching|"
                    r"(?:seek|aim|intend|hope)(?:s|ing|ed)? to|targets?|forecasts?|projected|starts|begins|"
                    r"(?:is|are) due|due to (?:be|visit|meet|hold|take)|next|to be held)\b", re.I)
# Window in which a text was written, relative to the event it describes with this expression:
# (days before the event's first day, days after its last day).
RELATIVE_WINDOWS = {
    "today": (0, 0), "yesterday": (-1, 1), "this week": (6, 6), "this past week": (0, 7),
    "last week": (-1, 14), "this month": (30, 30), "in the past month": (0, 31),
    "last month": (-1, 62), "this year": (365, 365),
}
MONOTONE_TALLY = "abe_putin_meetings"
MEETING_SERIES = "two_plus_two_meeting"


@dataclass
class SourceDate:
    """What the text says about its own date, and the bounds its content puts on it."""
    source_id: str
    stated_date: str
    earliest: dt.date | None = None
    latest: dt.date | None = None
    evidence: list[str] = field(default_factory=list)

    def bound(self, earliest: dt.date | None = None, latest: dt.date | None = None, why: str = "") -> None:
        """Narrow the window and record why (evidence is kept even where an earlier bound was tighter)."""
        if earliest and (self.earliest is None or earliest > self.earliest):
            self.earliest = earliest
        if latest and (self.latest is None or latest < self.latest):
            self.latest = latest
        self.evidence.append(why)

    @property
    def verdict(self) -> str:
        if not self.stated_date:
            return "undated"
        stated = dt.date.fromisoformat(self.stated_date)
        too_early = self.earliest and stated < self.earliest
        too_late = self.latest and stated > self.latest
        return "contradicted" if too_early or too_late else "consistent"

    @property
    def best_date(self) -> dt.date | None:
        """The stated date if the content allows it, else the middle of the inferred window."""
        if self.verdict == "consistent":
            return dt.date.fromisoformat(self.stated_date)
        if self.earliest and self.latest:
            return self.earliest + (self.latest - self.earliest) / 2
        return self.earliest or self.latest


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _fmt(day: dt.date) -> str:
    return f"{day.day} {day:%B} {day.year}"  # locale-independent: %B is English in the C locale


# --- event dates from other sources and official records ---------------------------------------
def event_witnesses(claims: pd.DataFrame) -> dict[str, list[tuple]]:
    """event -> the dates the first two texts that date it give (two, so that one remains whichever text is
    being dated), in corpus order; dates whose year was inferred from a text's stated date are left out."""
    witnesses: dict[str, list[tuple]] = {}
    dated = claims[(claims["event"] != "") & (claims["date_start"] != "") & (claims["year_inferred"] == "")]
    for row in dated.itertuples():
        found = witnesses.setdefault(row.event, [])
        if len(found) < 2 and all(source != row.source_id for source, _ in found):
            found.append((row.source_id, (_day(row.date_start), _day(row.date_end),
                                          f"{row.source_id}, which dates it to {period_words(row.period)} ({row.claim_id})")))
    return witnesses


def event_dates(witnesses: dict[str, list[tuple]], events: pd.DataFrame, excluding: str,
                official: dict[str, tuple] | None = None) -> dict[str, tuple]:
    """event -> (start, end, how known), from official records first, else another source's claim (never
    the claims of the source being dated: no circularity). `official`: `official_event_dates(events)`, when
    the caller has it already."""
    known = {event: next(date for source, date in found if source != excluding)
             for event, found in witnesses.items() if any(source != excluding for source, _ in found)}
    known.update(official_event_dates(events) if official is None else official)
    return known


def official_event_dates(events: pd.DataFrame) -> dict[str, tuple]:
    """event -> (start, end, how known) of every event the official records date."""
    return {row.event_id: (_day(row.date_start), _day(row.date_end), f"the official record: {row.citation}")
            for row in events.itertuples()}


# --- the four kinds of evidence --------------------------------------------------------------
# the columns of the mentions table that dating a source reads (`date_sources`, `latest_past_events`)
DATING_COLUMNS = ["source_id", "mention_id", "kind", "surface", "date_start", "year_inferred", "start", "sentence"]


def latest_past_events(mentions: pd.DataFrame) -> dict[str, dict]:
    """Per source, the latest explicitly dated event its text refers to as past (one pass over the corpus)."""
    dated = mentions[(mentions["kind"] == "date") & (mentions["year_inferred"] == "") & (mentions["date_start"] != "")]
    latest: dict[str, dict] = {}
    # each source's dates from the latest back, until one whose sentence does not look ahead
    for row in reversed(records(dated.sort_values(["source_id", "date_start", "start"], kind="stable"))):
        if row["source_id"] not in latest and not FUTURE.search(row["sentence"]):
            latest[row["source_id"]] = row
    return latest


def bound_by_past_events(window: SourceDate, latest: dict | None) -> None:
    """The latest explicitly dated event the text refers to as past gives an earliest date."""
    if latest is None:
        return
    window.bound(earliest=_day(latest["date_start"]),
                 why=f"the latest dated event it refers to as past is “{latest['surface']}” "
                     f"({latest['mention_id']}), so it was written on or after {_fmt(_day(latest['date_start']))}")


def bound_by_relative_expressions(window: SourceDate, claims: pd.DataFrame, events: pd.DataFrame,
                                  witnesses: dict[str, list[tuple]], official: dict[str, tuple] | None = None) -> None:
    """"this week" and the like, tied to an event dated elsewhere, bound the writing date both ways."""
    own = claims[(claims["source_id"] == window.source_id) & (claims["relative"] != "")]
    known = event_dates(witnesses, events, window.source_id, official)
    for row in own.itertuples():
        if row.event not in known or row.relative not in RELATIVE_WINDOWS:
            continue
        start, end, how = known[row.event]
        before, after = RELATIVE_WINDOWS[row.relative]
        earliest, latest = start - dt.timedelta(days=before), end + dt.timedelta(days=after)
        window.bound(earliest, latest,
                     f"it describes {_event_words(row.event, events)} as “{row.relative}” ({row.claim_id}); that "
                     f"took place {_span(start, end)} per {how}, so it was written {_span(earliest, latest)}")


def bound_by_meeting_series(window: SourceDate, claims: list[dict], events: pd.DataFrame,
                            witnesses: dict[str, list[tuple]], official: dict[str, tuple] | None = None) -> None:
    """A text that knows of n meetings held was written after the nth and before the (n+1)th (`claims`: rows
    of the claims table, as `records` gives them)."""
    own = [c for c in claims if c["source_id"] == window.source_id and c["metric"] == MEETING_SERIES]
    status = [c["qualifier"] or ("expected" if FUTURE.search(c["quote"]) else "held") for c in own]
    held = [int(float(c["value"])) for c, q in zip(own, status) if q == "held"]
    expected = [int(float(c["value"])) - 1 for c, q in zip(own, status) if q == "expected"]
    if not held + expected:
        return
    count = max(held + expected)
    known = event_dates(witnesses, events, window.source_id, official)
    this, following = known.get(f"two_plus_two_{count}"), known.get(f"two_plus_two_{count + 1}")
    told = _meeting_words(held, expected)
    after = f"after the {_ordinal(count)} ({_fmt(this[0])}, per {this[2]})" if this else ""
    before = (f"before the {_ordinal(count + 1)} ({_fmt(following[0])}, per {following[2]})" if following else "")
    if after or before:
        window.bound(this[0] if this else None, following[0] if following else None,
                     f"it {told}, so it was written " + " and ".join(p for p in (after, before) if p))


def _meeting_words(held: list[int], expected: list[int]) -> str:
    """"mentions the first and second 2+2 meetings as held", "... and the third as expected"."""
    def listed(numbers):
        words = [_ordinal(n) for n in sorted(set(numbers))]
        return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    parts = []
    if held:
        parts.append(f"the {listed(held)} 2+2 meeting{'s' if len(set(held)) > 1 else ''} as held")
    if expected:
        parts.append(f"the {listed([n + 1 for n in expected])} as expected, not yet held")
    return "mentions " + " and ".join(parts)


def _event_words(event: str, events: pd.DataFrame) -> str:
    """An event as the official record describes it ("the G7 Ise-Shima Summit hosted by Japan"), else its
    name in words."""
    described = events.loc[events["event_id"] == event, "description"]
    return f"the {described.iloc[0]}" if len(described) else f"the {event.replace('_', ' ')}"


def _span(start: dt.date, end: dt.date) -> str:
    return f"on {_fmt(start)}" if start == end else f"between {_fmt(start)} and {_fmt(end)}"


def bound_by_tally(window: SourceDate, claims: pd.DataFrame, anchors: dict[str, dt.date]) -> None:
    """A tally that only grows, compared with sources whose dates are already consistent."""
    tallies = claims[claims["metric"] == MONOTONE_TALLY]
    own = tallies[tallies["source_id"] == window.source_id]
    for mine in own.itertuples():
        for other in tallies[tallies["source_id"].isin(anchors) & (tallies["source_id"] != window.source_id)].itertuples():
            when = anchors[other.source_id]
            if int(mine.value) < int(other.value):
                window.bound(latest=when, why=f"its tally of {mine.value} Abe–Putin meetings ({mine.claim_id}) "
                             f"is below the {other.value} that {other.source_id} reported as of {_fmt(when)}")
            elif int(mine.value) > int(other.value):
                window.bound(earliest=when, why=f"its tally of {mine.value} Abe–Putin meetings ({mine.claim_id}) "
                             f"exceeds the {other.value} that {other.source_id} reported as of {_fmt(when)}")


def _ordinal(n: int) -> str:
    return {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}.get(n, f"{n}th")


def date_sources(manifest: pd.DataFrame, mentions: pd.DataFrame, claims: pd.DataFrame,
                 events: pd.DataFrame) -> dict[str, SourceDate]:
    """Every source's stated date checked against the bounds its content implies."""
    windows = {row.source_id: SourceDate(row.source_id, row.stated_date) for row in manifest.itertuples()}
    latest = latest_past_events(mentions)  # one pass over the corpus, not a scan per source
    # Only claims of these kinds are evidence of a date (events dated elsewhere, "this week", numbered
    # meetings, tallies); each source's search runs on them alone, not on the whole claims table.
    claims = claims[(claims["event"] != "") | (claims["relative"] != "")
                    | claims["metric"].isin([MEETING_SERIES, MONOTONE_TALLY])]
    # only the sources with claims of each kind have that kind of evidence: look at no others
    relative = set(claims.loc[claims["relative"] != "", "source_id"])
    series = set(claims.loc[claims["metric"] == MEETING_SERIES, "source_id"])
    tallied = set(claims.loc[claims["metric"] == MONOTONE_TALLY, "source_id"])
    witnesses, official = event_witnesses(claims), official_event_dates(events)
    by_source = dict(tuple(claims[claims["source_id"].isin(relative)].groupby("source_id", sort=False)))
    series_by_source: dict[str, list[dict]] = {}
    for claim in records(claims[claims["metric"] == MEETING_SERIES]):
        series_by_source.setdefault(claim["source_id"], []).append(claim)
    for window in windows.values():
        bound_by_past_events(window, latest.get(window.source_id))
        if window.source_id in relative:
            bound_by_relative_expressions(window, by_source[window.source_id], events, witnesses, official)
        if window.source_id in series:
            bound_by_meeting_series(window, series_by_source[window.source_id], events, witnesses, official)
    anchors = {s: _day(w.stated_date) for s, w in windows.items() if w.verdict == "consistent"}
    for window in windows.values():
        if window.source_id in tallied:
            bound_by_tally(window, claims, anchors)
    return windows


def source_dates_table(windows: dict[str, SourceDate]) -> pd.DataFrame:
    rows = [{"source_id": w.source_id, "stated_date": w.stated_date,
             "earliest": w.earliest.isoformat() if w.earliest else "",
             "latest": w.latest.isoformat() if w.latest else "",
             "verdict": w.verdict, "evidence": "; ".join(w.evidence)} for w in windows.values()]
    return pd.DataFrame(rows)


def dating_arguments(windows: dict[str, SourceDate], limit: int = 20) -> str:
    """The dating argument of each source, as Markdown paragraphs: the contradicted sources first, then the
    others in manifest order, at most `limit` (the rest are in data/source_dates.csv)."""
    ordered = sorted(windows.values(), key=lambda w: w.verdict != "contradicted")
    shown = [dating_argument(w) for w in ordered[:limit]]
    if len(ordered) > limit:
        shown.append(f"… and {len(ordered) - limit:,} more sources, each with its evidence in `data/source_dates.csv`.")
    return "\n\n".join(shown)


def dating_argument(window: SourceDate) -> str:
    """The dating of one source in plain sentences, generated from its evidence."""
    stated = f"states {_fmt(_day(window.stated_date))}" if window.stated_date else "prints no date"
    if not window.earliest and not window.latest:  # no evidence either way: say so, and claim no fit
        return (f"**{window.source_id}** {stated}; nothing in its content dates it"
                + (", so there is nothing to test the stated date against." if window.stated_date else "."))
    span = (f"between {_fmt(window.earliest)} and {_fmt(window.latest)}" if window.earliest and window.latest
            else f"on or after {_fmt(window.earliest)}" if window.earliest
            else f"on or before {_fmt(window.latest)}")
    # Evidence quotes source text; escape it, since the argument is rendered as Markdown.
    reasons = " ".join(html.escape(f"{e[0].upper()}{e[1:]}.", quote=False) for e in window.evidence)
    verdict = {"consistent": "The stated date fits.", "undated": "There is no stated date to test.",
               "contradicted": "The stated date is contradicted by the content."}[window.verdict]
    return " ".join(filter(None, [f"**{window.source_id}** {stated}; its content places it {span}.", reasons, verdict]))


# --- consistency checks ----------------------------------------------------------------------
@dataclass(frozen=True)
class Check:
    check: str
    sources: str
    status: str  # "ok", "flag", or "not_applicable" (nothing to check; never "ok")
    detail: str
    claim_id: str = ""


def check_tally_order(claims: pd.DataFrame, dates: dict[str, dt.date | None], label: str) -> Check:
    """The meeting tally must not fall as the source date rises."""
    tallies = claims[claims["metric"] == MONOTONE_TALLY]
    ordered = sorted((dates[s], int(float(v)), s) for s, v in zip(tallies["source_id"], tallies["value"]) if dates.get(s))
    name = f"abe_putin_tally_by_{label}_date"
    if len(ordered) < 2:
        return Check(name, ", ".join(s for _, _, s in ordered), "not_applicable",
                     f"{'no dated text gives' if not ordered else 'only one dated text gives'} an Abe–Putin meeting tally")
    falls = [(a, b) for a, b in zip(ordered, ordered[1:]) if b[1] < a[1]]
    how = "as stated" if label == "stated" else "as the study dates them"
    sequence = "; ".join(f"{s} counts {v} on {_fmt(d)}" for d, v, s in ordered)
    detail = (f"In date order ({how}): {sequence}. "
              + ("The tally never falls." if not falls else "The tally falls: " + "; ".join(
                  f"from {a[1]} ({a[2]}) to {b[1]} ({b[2]})" for a, b in falls) + "."))
    return Check(name, ", ".join(s for _, _, s in ordered), "flag" if falls else "ok", detail)


def verification_table(claims: pd.DataFrame, checks: pd.DataFrame, reference: dict) -> pd.DataFrame:
    """Every scramble count of the articles beside the official figure, with its reference check."""
    references = checks[checks["check"] == "reference"]
    found = dict(zip(references["claim_id"].tolist(), zip(references["status"].tolist(), references["detail"].tolist())))
    counts = claims[(claims["metric"] == SCRAMBLES) & (claims["unit"] == "scrambles")
                    & claims["role"].isin(["level", "record", "previous_record"])]
    rows = []
    for claim in records(counts):
        official = reference.get((claim["period"], claim["subject"]))
        status, detail = found.get(claim["claim_id"], ("not_applicable", ""))
        rows.append([claim["claim_id"], claim["source_id"], claim["period"], claim["subject"], claim["role"],
                     claim["value"], claim["coding"], official.value if official else "", status, detail])
    columns = ["claim_id", "source_id", "period", "country", "role", "claimed", "coding", "official", "status", "detail"]
    return pd.DataFrame(rows, columns=columns)


def check_meeting_chronology(claims: pd.DataFrame, events: pd.DataFrame) -> list[Check]:
    """2+2 meetings: sources agree on each meeting's date, and agree with the official record. A meeting a
    text names without a date it can be read against (an undated page's "the first round of 2+2
    consultations") has nothing to check."""
    rows = claims[(claims["metric"] == MEETING_SERIES) & (claims["date_start"] != "") & (claims["date_end"] != "")]
    official = {r.event_id: r for r in events.itertuples()}
    checks = []
    for number, group in rows.groupby(rows["value"].astype(int)):
        spans = [(_day(s), _day(e), src, p, q) for s, e, src, p, q in
                 zip(group["date_start"], group["date_end"], group["source_id"], group["period"], group["qualifier"])]
        problems = [f"{a[2]} ({a[3]}) and {b[2]} ({b[3]}) do not overlap"
                    for i, a in enumerate(spans) for b in spans[i + 1:] if a[1] < b[0] or b[1] < a[0]]
        record = official.get(f"two_plus_two_{number}")
        if record is not None:
            day = _day(record.date_start)
            problems += [f"{src} has it {q} on {p}, but it took place on {_fmt(day)} ({record.citation})"
                         for s, e, src, p, q in spans if not s <= day <= e]
        told = "; ".join(f"{src}: {q} {p}" for _, _, src, p, q in spans)
        checks.append(Check(f"two_plus_two_meeting_{number}", ", ".join(sorted(set(group["source_id"]))),
                            "flag" if problems else "ok", told + ("; " + "; ".join(problems) if problems else "")))
    return checks


def check_event(claims: pd.DataFrame, events: pd.DataFrame, windows: dict[str, SourceDate],
                event: str, label: str) -> Check:
    """All sources that refer to one event: same values for the same metric, and dates that fit."""
    rows = claims[claims["event"] == event]
    record = events[events["event_id"] == event]
    if rows.empty:
        return Check(label, "", "not_applicable", f"no text of the corpus refers to {event.replace('_', ' ')}")
    problems, told = [], []
    for metric, group in rows[rows["value"] != ""].groupby("metric"):
        values = sorted(set(group["value"]))
        told.append(f"{metric} = {', '.join(values)} in {', '.join(sorted(set(group['source_id'])))}")
        if len(values) > 1:
            problems.append(f"{metric} differs between sources")
    for row in rows[rows["date_start"] != ""].itertuples():
        if not record.empty and not _day(row.date_start) <= _day(record.iloc[0].date_start) <= _day(row.date_end):
            problems.append(f"{row.source_id} dates it {row.period}, official {record.iloc[0].date_start}")
        else:
            told.append(f"{row.source_id} dates it {row.period}")
    for row in rows[rows["relative"] != ""].itertuples():
        told.append(f"{row.source_id} calls it “{row.relative}” (its inferred window: "
                    f"{windows[row.source_id].earliest} to {windows[row.source_id].latest})")
    if not record.empty:
        told.append(f"official: {record.iloc[0].date_start} ({record.iloc[0].citation})")
    return Check(label, ", ".join(sorted(set(rows["source_id"]))), "flag" if problems else "ok",
                 "; ".join(dict.fromkeys(told + problems)))


def check_visits(claims: pd.DataFrame) -> list[Check]:
    """A visit dated by several sources: flag dates that disagree or rest on an inferred year."""
    checks = []
    visits = claims[(claims["metric"] == "russian_military_visit") & (claims["date_start"] != "")]
    for officer, group in visits.groupby("subject"):
        explicit = group[group["year_inferred"] == ""]
        inferred = group[group["year_inferred"] != ""]
        problems = [f"{r.source_id} puts it in {r.period} only by taking the year {r.year_inferred} from its "
                    f"stated date, while {e.source_id} dates it {e.period}"
                    for r in inferred.itertuples() for e in explicit.itertuples()
                    if not (_day(r.date_start) <= _day(e.date_end) and _day(e.date_start) <= _day(r.date_end))]
        told = "; ".join(f"{r.source_id}: {r.period}" for r in group.itertuples())
        checks.append(Check(f"visit_{officer.split()[-1].lower()}", ", ".join(sorted(set(group["source_id"]))),
                            "flag" if problems else "ok", told + ("; " + "; ".join(problems) if problems else "")))
    return checks


def check_sanctions_by_date(claims: pd.DataFrame, windows: dict[str, SourceDate]) -> Check:
    """Japan's stance, ordered by the (stated or inferred) date of each source, never returns to
    "no sanctions" after a source has reported sanctions in force."""
    rows = claims[claims["metric"] == "japan_sanctions_stance"]
    if len(rows) < 2:
        return Check("japan_sanctions_stance_by_date", ", ".join(rows["source_id"]), "not_applicable",
                     "fewer than two texts describe Japan's sanctions stance: no order to check")
    dated = sorted((windows[s].best_date or dt.date.max, s, q) for s, q in zip(rows["source_id"], rows["qualifier"]))
    reported = False
    problems = []
    for day, source, stance in dated:
        says_none = bool(re.match(r"no\b", stance))
        if says_none and reported:
            problems.append(f"{source} says '{stance}' after sanctions were reported")
        reported = reported or not says_none
    sequence = "; ".join(f"{d.isoformat() if d != dt.date.max else 'undated'} {s}: {q}" for d, s, q in dated)
    return Check("japan_sanctions_stance_by_date", ", ".join(s for _, s, _ in dated),
                 "flag" if problems else "ok", sequence + ("; " + "; ".join(problems) if problems else ""))


def run_checks(claims: pd.DataFrame, events: pd.DataFrame, series: pd.DataFrame,
               windows: dict[str, SourceDate], official: OfficialRecords = OfficialRecords()
               ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(checks table, scramble verification table): every claim checked against the official records
    (`series`, and the meetings and sanctions of `official`), the other sources and its own text; then the
    checks across the corpus."""
    reference = reference_series(series)
    per_claim = claim_checks(claims, reference, official)
    stated = {s: _day(w.stated_date) for s, w in windows.items() if w.stated_date}
    inferred = {s: w.best_date for s, w in windows.items()}
    checks = [check_tally_order(claims, stated, "stated"), check_tally_order(claims, inferred, "inferred")]
    checks += check_meeting_chronology(claims, events)
    checks.append(check_event(claims, events, windows, "sochi_summit_2016", "eight_point_plan_sochi_may_2016"))
    checks += check_visits(claims)
    checks.append(check_sanctions_by_date(claims, windows))
    corpus = pd.DataFrame([[c.check, c.claim_id, c.sources, c.status, c.detail] for c in checks],
                          columns=CHECK_COLUMNS)
    table = pd.concat([per_claim, corpus], ignore_index=True)
    return table, verification_table(claims, per_claim, reference)


def check_summary(checks: pd.DataFrame) -> str:
    """One sentence: how many checks of each status, and of which kind the flags are."""
    if checks.empty:
        return "There was nothing to check: the corpus has no coded claims."
    counts = checks["status"].value_counts()
    flags = checks[checks["status"] == "flag"]["check"].value_counts()
    text = (f"{len(checks):,} check{'s' if len(checks) != 1 else ''}: {counts.get('ok', 0):,} ok, "
            f"{counts.get('flag', 0):,} flagged, {counts.get('not_applicable', 0):,} with nothing to check against.")
    if not flags.empty:
        text += " The flags: " + ", ".join(f"{n:,} {k.replace('_', ' ')}" for k, n in flags.items()) + "."
    return text


def sources_in_date_order(source_dates: pd.DataFrame) -> list[str]:
    """Source ids ordered by their best date: stated if consistent, else the inferred window."""
    def key(row):
        if row.verdict == "consistent":
            return row.stated_date
        bounds = [d for d in (row.earliest, row.latest) if d]
        if len(bounds) == 2:
            return (_day(bounds[0]) + (_day(bounds[1]) - _day(bounds[0])) / 2).isoformat()
        return bounds[0] if bounds else "9999"
    return [row.source_id for row in sorted(source_dates.itertuples(), key=lambda r: (key(r), r.source_id))]


def tally_points(claims: pd.DataFrame, source_dates: pd.DataFrame) -> pd.DataFrame:
    """Each source's meeting tally with its stated date and inferred window, for plotting."""
    tallies = claims[claims["metric"] == MONOTONE_TALLY][["source_id", "value"]].rename(columns={"value": "meetings"})
    table = tallies.merge(source_dates[["source_id", "stated_date", "earliest", "latest", "verdict"]], on="source_id")
    return table.assign(meetings=table["meetings"].astype(int))


def write_crosscheck_outputs(windows, checks: pd.DataFrame, verification: pd.DataFrame, data_dir) -> None:
    """source_dates.csv, checks.csv (Parquet for a corpus of `PARQUET_MIN_SOURCES` or more) and
    scrambles_vs_official.csv."""
    data_dir = Path(data_dir)
    write_csv(source_dates_table(windows), data_dir / "source_dates.csv")
    write_table(checks, data_dir / "checks.csv", columnar=len(windows) >= PARQUET_MIN_SOURCES)
    write_csv(verification, data_dir / "scrambles_vs_official.csv")


def checks_for_reading(checks: pd.DataFrame) -> pd.DataFrame:
    """The checks with the flags first, then the ok ones, then those with nothing to check."""
    order = checks["status"].map({"flag": 0, "ok": 1, "not_applicable": 2})
    return checks.assign(_order=order).sort_values(["_order"], kind="stable").drop(columns="_order").reset_index(drop=True)
