"""Stage 5, per claim: every coded number checked three ways, each with a status and a sentence.

- `reference`: against the official series (`data/reference/asdf_scramble_series.csv`, rows with
  `used=yes`): exact; off by a little; the right figure attached to the wrong year or the wrong subject;
  two figures of one text swapped; a change against the official change; a share against the official
  share. A tally of Abe–Putin meetings against the meetings the record numbers
  (`abe_putin_meetings.csv`), and a count of visa bans against Japan's packages
  (`japan_sanctions_on_russia.csv`).
- `other_sources`: against the other texts of the corpus that give the same metric, subject, period and
  role.
- `arithmetic`: against the text's own other figures: its parts against its total, a change against the
  two levels it gives, a percentage against the share its own counts make.

Statuses are `ok`, `flag` (the sentence says what disagrees with what) and `not_applicable` (nothing to
check against, and the sentence says why); a check with nothing to check is never `ok`.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from .claims import SERIES_DATED, SERIES_UNCOMPARED
from .outputs import records

SCRAMBLES = "asdf_scrambles"
LEVEL_ROLES = {"level", "record", "previous_record"}
# A count this close to the official one is "off by a little" (a typo, a preliminary figure), not a
# different claim: within 1% of the official figure, and at least 2.
CLOSE_SHARE, CLOSE_MIN = 0.01, 2
PERCENT_TOLERANCE = 1.0  # percentage points: texts round shares and changes to whole percents
# "over 70%", "nearly 40 percent", "about a quarter": a text that says it rounds gets 5 points
APPROXIMATE = re.compile(r"\b(?:over|more than|nearly|almost|about|around|roughly|some|approximately|close to|"
                         r"less than|under)\s+(?:a |an )?(?:\d|half|third|quarter|fifth)", re.I)
APPROXIMATE_TOLERANCE = 5.0
CHECK_COLUMNS = ["check", "claim_id", "sources", "status", "detail"]


@dataclass(frozen=True)
class Official:
    value: int
    citation: str


def reference_series(series: pd.DataFrame) -> dict[tuple[str, str], Official]:
    """(period, subject) -> the official figure the study uses (rows marked `used=yes`)."""
    used = series[series["used"].str.lower() == "yes"] if "used" in series else series
    return {(r["period"], r["subject"]): Official(int(float(r["scrambles"])), r["citation"])
            for r in used.to_dict("records")}


def _num(value) -> float:
    return float(value)


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


def _day_words(iso: str) -> str:
    year, month, day = (int(x) for x in iso.split("-"))
    return f"{day} {_MONTHS[month - 1]} {year}"


@functools.lru_cache(maxsize=4096)  # a corpus's claims share a few hundred periods
def period_words(period: str) -> str:
    """A period as a reader says it: "FY2017", "October 2016", "2013", "as of 9 December 2018",
    "11 to 13 December 2017"."""
    if match := re.fullmatch(r"as of (\d{4}-\d\d-\d\d)", period):
        return f"as of {_day_words(match[1])}"
    if match := re.fullmatch(r"(\d{4})-(\d\d)", period):
        return f"{_MONTHS[int(match[2]) - 1]} {match[1]}"
    if re.fullmatch(r"\d{4}-\d\d-\d\d", period):
        return _day_words(period)
    if match := re.fullmatch(r"(\d{4})-01-01/(\d{4})-12-31", period):
        return match[1] if match[1] == match[2] else f"{match[1]} to {match[2]}"
    if match := re.fullmatch(r"(\d{4}-\d\d-\d\d)/(\d{4}-\d\d-\d\d)", period):
        start, end = match[1], match[2]
        if start[:7] == end[:7] and start.endswith("-01") and end[8:] >= "28":
            return f"{_MONTHS[int(start[5:7]) - 1]} {start[:4]}"
        return f"{_day_words(start)} to {_day_words(end)}"
    return period


def _in_period(period: str) -> str:
    words = period_words(period)
    return words if words.startswith(("as of", "since")) else f"in {words}"


def _subject_words(subject: str) -> str:
    return {"total": "in all", "other": "for other countries", "": ""}.get(subject, f"for {subject}")


def _previous_period(period: str) -> str:
    """The same part of the fiscal year before: FY2017 -> FY2016, "FY2017 H1" -> "FY2016 H1"."""
    head, _, part = period.partition(" ")
    if head.startswith("FY") and head[2:].isdigit():
        return f"FY{int(head[2:]) - 1} {part}".strip()
    return ""


def _is_count(claim) -> bool:
    return claim["metric"] == SCRAMBLES and claim["unit"] == "scrambles"


@dataclass(frozen=True)
class OfficialRecords:
    """The dated records other than the scramble series: numbered Abe–Putin meetings (number, day,
    citation) and Japan's visa-ban packages (individuals, day announced, citation)."""
    meetings: tuple = ()
    visa_bans: tuple = ()


def official_records(reference_dir) -> OfficialRecords:
    """`abe_putin_meetings.csv` and `japan_sanctions_on_russia.csv` of `reference_dir` (either may be absent)."""
    from pathlib import Path

    from .outputs import read_text_table

    folder = Path(reference_dir)
    meetings, visa_bans = (), ()
    if (folder / "abe_putin_meetings.csv").exists():
        frame = read_text_table(folder / "abe_putin_meetings.csv")
        meetings = tuple((int(r["meeting_number"]), r["date_start"], r["citation"]) for r in records(frame)
                         if r["meeting_number"])
    if (folder / "japan_sanctions_on_russia.csv").exists():
        frame = read_text_table(folder / "japan_sanctions_on_russia.csv")
        visa_bans = tuple((int(r["individuals"]), r["date_announced"], r["citation"]) for r in records(frame)
                          if "visa" in r["measure"] and r["individuals"])
    return OfficialRecords(tuple(sorted(meetings)), tuple(visa_bans))


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def check_tally(claim: dict, meetings: tuple) -> tuple[str, str]:
    """A tally of Abe–Putin meetings as of a date against the meetings the record numbers: too few if the
    record has a higher-numbered meeting by that date, too many if a meeting it counts came later."""
    as_of, value = claim["date_end"], _num(claim["value"])
    if not meetings:
        return "not_applicable", "the study has no numbered Abe–Putin meeting in its records"
    if not as_of:
        return "not_applicable", "the tally has no date it is counted to"
    said = f"{_fmt(value)} Abe–Putin meetings as of {_day_words(as_of)}"
    held = [m for m in meetings if m[1] <= as_of]
    if held and held[-1][0] > value:
        number, day, citation = held[-1]
        return "flag", (f"{said} is too few: the record numbers the meeting of {_day_words(day)} the "
                        f"{_ordinal(number)} ({citation})")
    later = [m for m in meetings if m[1] > as_of and m[0] <= value]
    if later:
        number, day, citation = later[0]
        return "flag", (f"{said} is too many: the {_ordinal(number)} meeting was held only on "
                        f"{_day_words(day)} ({citation})")
    number, day, citation = (held or meetings)[-1] if held else meetings[0]
    where = "before" if held else "after"
    return "ok", (f"{said} fits the record: the {_ordinal(number)} meeting was on {_day_words(day)}, {where} that "
                  f"date ({citation})")


def check_visa_bans(claim: dict, packages: tuple) -> tuple[str, str]:
    """A number of individuals under Japan's visa bans against the packages the record gives."""
    if not packages:
        return "not_applicable", "the study has no visa-ban package in its records"
    value = _num(claim["value"])
    for individuals, day, citation in packages:
        if individuals == value:
            return "ok", (f"{_fmt(value)} individuals matches the visa bans Japan announced on "
                          f"{_day_words(day) if len(day) == 10 else day} ({citation})")
    listed = "; ".join(f"{n} on {_day_words(day) if len(day) == 10 else day}" for n, day, _ in packages)
    return "flag", f"{_fmt(value)} individuals matches no visa-ban package in the record ({listed})"


def check_reference(claim: dict, claims_of_source: list[dict], reference: dict,
                    official: OfficialRecords = OfficialRecords()) -> tuple[str, str]:
    """One claim against the official records: a scramble figure against the series, a tally of Abe–Putin
    meetings against the numbered meetings, a count of visa bans against the packages."""
    period, subject = claim["period"], claim["subject"]
    if claim["metric"] == "abe_putin_meetings" and claim["role"] == "level":
        return check_tally(claim, official.meetings)
    if claim["metric"] == "visa_bans" and claim["role"] == "level" and claim["unit"] == "individuals":
        return check_visa_bans(claim, official.visa_bans)
    if claim["metric"] != SCRAMBLES:
        return "not_applicable", f"the study has no official series for {claim['metric'].replace('_', ' ')}"
    if not period:
        return "not_applicable", "the text gives no period the figure could be checked for"
    if SERIES_DATED in claim.get("rule", ""):
        return "not_applicable", (f"the text has no date, and its period {period} was read from the official "
                                  "series, which therefore cannot check it")
    value = _num(claim["value"])
    if claim["role"] == "change" and SERIES_UNCOMPARED in claim.get("rule", ""):
        return "not_applicable", (f"the text has no date, and the period this change of {period} is measured from "
                                  "is one the series cannot place")
    if claim["role"] == "change":
        return _check_change(claim, value, reference)
    if claim["unit"] == "percent":
        return _check_share(claim, value, reference)
    official = reference.get((period, subject))
    if official is None:
        return "not_applicable", f"the official series has no {period} figure {_subject_words(subject)}"
    said = f"{_fmt(value)} {_subject_words(subject)} in {period}"
    if value == official.value:
        return "ok", f"{said} matches the official figure ({official.citation})"
    if cue := rounded_count(claim, official.value):
        return "ok", (f"“{cue}” {_subject_words(subject)} in {period} is a round figure for the official "
                      f"{_fmt(official.value)} ({official.citation})")
    for other in claims_of_source:  # two figures of one text swapped
        if other is claim or not _is_count(other) or other["period"] != period or other["subject"] == subject:
            continue
        theirs = reference.get((period, other["subject"]))
        if theirs and theirs.value == value and official.value == _num(other["value"]):
            return "flag", (f"{said} and {_fmt(_num(other['value']))} {_subject_words(other['subject'])} look "
                            f"swapped: the official figures are {_fmt(official.value)} {_subject_words(subject)} "
                            f"and {_fmt(theirs.value)} {_subject_words(other['subject'])} ({official.citation})")
    gap = value - official.value
    if abs(gap) <= max(CLOSE_MIN, CLOSE_SHARE * official.value):
        return "flag", (f"{said} is off by {_fmt(abs(gap))} from the official {_fmt(official.value)} "
                        f"({official.citation})")
    years = [p for (p, s), o in reference.items() if s == subject and p != period and o.value == value
             and p.count(" ") == period.count(" ")]
    if years:
        return "flag", (f"{said} is the official figure for {years[0]}, not {period} (official {period}: "
                        f"{_fmt(official.value)}): attached to the wrong year")
    subjects = [s for (p, s), o in reference.items() if p == period and s != subject and o.value == value]
    if subjects:
        return "flag", (f"{said} is the official {period} figure {_subject_words(subjects[0])}, not "
                        f"{_subject_words(subject)} (official: {_fmt(official.value)}): attached to the wrong "
                        f"subject")
    return "flag", f"{said} differs from the official {_fmt(official.value)} ({official.citation})"


# A round count the text says it rounds: "some 800" (778), "more than 900" (947), "nearly 1,000" (999).
# It matches an official figure within half its last non-zero digit's place ("some 800": 750 to 850),
# on the side its word gives ("more than": above it, "nearly": below it).
_ROUNDING_WORDS = {"above": r"more than|over|above|upwards of|in excess of|topped|topping|exceeding|exceeded",
                   "below": r"nearly|almost|close to|just under|under|less than|fewer than|just shy of",
                   "either": r"some|about|around|roughly|approximately|an estimated|circa"}


def rounded_count(claim: dict, official: int) -> str:
    """The words of a rounded count in the claim's quote ("some 800") when the official figure is one the
    round figure stands for, else ""."""
    value = _num(claim["value"])
    if not value.is_integer() or value < 10 or value % 10:
        return ""
    place = 10 ** (len(str(int(value))) - len(str(int(value)).rstrip("0")))
    number = f"{int(value):,}".replace(",", ",?")  # "1,000" or "1000"
    for side, words in _ROUNDING_WORDS.items():
        match = re.search(rf"\b(?:{words})\s+(?:{number})\b", claim["quote"], re.I)
        if not match:
            continue
        gap = official - value
        within = abs(gap) <= place / 2 if side == "either" else 0 < gap <= place if side == "above" else \
            0 < -gap <= place
        return match[0] if within else ""
    return ""


def _check_change(claim: dict, value: float, reference: dict) -> tuple[str, str]:
    period, subject = claim["period"], claim["subject"]
    base = claim["compared_period"] or _previous_period(period)
    assumed = "" if claim["compared_period"] else " (read as the change from the year before)"
    later, earlier = reference.get((period, subject)), reference.get((base, subject))
    if not later or not earlier:
        return "not_applicable", (f"the official series lacks {period} or {base or 'the period compared with'} "
                                  f"{_subject_words(subject)}")
    change = later.value - earlier.value
    if claim["unit"] == "percent":
        official = 100 * change / earlier.value
        said = f"a change of {value:+.0f}% {_subject_words(subject)} from {base} to {period}{assumed}"
        if abs(official - value) <= PERCENT_TOLERANCE:
            return "ok", f"{said} matches the official {official:+.1f}% ({later.citation})"
        return "flag", f"{said} differs from the official {official:+.1f}% ({_fmt(earlier.value)} to {_fmt(later.value)})"
    said = f"a change of {value:+,.0f} {_subject_words(subject)} from {base} to {period}{assumed}"
    if value == change:
        return "ok", f"{said} matches the official {_fmt(earlier.value)} to {_fmt(later.value)} ({later.citation})"
    return "flag", f"{said} differs from the official {change:+,} ({_fmt(earlier.value)} to {_fmt(later.value)}; {later.citation})"


def _check_share(claim: dict, value: float, reference: dict) -> tuple[str, str]:
    period, subject = claim["period"], claim["subject"]
    part, whole = reference.get((period, subject)), reference.get((period, "total"))
    if subject == "total" or not part or not whole:
        return "not_applicable", f"the official series gives no share {_subject_words(subject)} in {period}"
    official = 100 * part.value / whole.value
    said = f"a share of {value:g}% {_subject_words(subject)} in {period}"
    if abs(official - value) <= PERCENT_TOLERANCE:
        return "ok", f"{said} matches the official {_fmt(part.value)} of {_fmt(whole.value)} ({official:.1f}%)"
    return "flag", f"{said} differs from the official {_fmt(part.value)} of {_fmt(whole.value)} ({official:.1f}%)"


def _key(claim: dict) -> tuple:
    return claim["metric"], claim["subject"], claim["period"], claim["role"], claim["unit"]


def check_other_sources(claim: dict, values: dict[float, list[str]]) -> tuple[str, str]:
    """Against the other texts that give the same metric, subject, period and role (`values`: each value
    given for it, with the texts that give it, in corpus order)."""
    what = f"{claim['metric'].replace('_', ' ')} {_subject_words(claim['subject'])} {_in_period(claim['period'])}"
    if not claim["period"]:
        return "not_applicable", "without a period, the figure cannot be matched with other texts"
    own, source = _num(claim["value"]), claim["source_id"]
    differ = {v: _others(texts, source) for v, texts in values.items() if v != own}
    differ = {v: others for v, others in differ.items() if others[1]}
    agree = _others(values.get(own, {}), source)
    if not differ and not agree[1]:
        return "not_applicable", f"no other text gives {what}"
    if differ:
        told = "; ".join(f"{_names(*others)} give{'s' if others[1] == 1 else ''} {_fmt(v)}"
                         for v, others in sorted(differ.items()))
        return "flag", f"{source} gives {_fmt(own)} for {what}; {told}"
    return "ok", f"{_names(*agree)} give{'s' if agree[1] == 1 else ''} the same {_fmt(own)} for {what}"


SHOWN_NAMES = 3


def _others(texts: dict[str, None], source: str) -> tuple[list[str], int]:
    """The first texts other than `source` (enough to name), and how many there are, without a pass over
    all of them: a figure that a thousand copies repeat is checked a thousand times."""
    first = [s for s in itertools.islice(texts, SHOWN_NAMES + 2) if s != source]
    return first, len(texts) - (source in texts)


def _names(first: list[str], count: int) -> str:
    """"a, b and c", or "a, b, c and 12 more texts"."""
    if count <= SHOWN_NAMES:
        return first[0] if count == 1 else ", ".join(first[:count - 1]) + " and " + first[count - 1]
    return ", ".join(first[:SHOWN_NAMES]) + f" and {count - SHOWN_NAMES:,} more texts"


def text_levels(own: list[dict]) -> dict[tuple[str, str], float]:
    """The first scramble count a text gives for each subject and period."""
    levels: dict[tuple[str, str], float] = {}
    for c in own:
        if _is_count(c) and c["role"] in LEVEL_ROLES and c["period"]:
            levels.setdefault((c["subject"], c["period"]), _num(c["value"]))
    return levels


def check_arithmetic(claim: dict, levels: dict[tuple[str, str], float]) -> tuple[str, str]:
    """Against the same text's other figures for the same period (their `text_levels`)."""
    if claim["metric"] != SCRAMBLES:
        levels = {}  # only scramble figures are set against the text's scramble counts
    period, subject, value = claim["period"], claim["subject"], _num(claim["value"])
    if not period:
        return "not_applicable", "without a period, the figure cannot be set against the text's others"
    if claim["role"] == "change" and claim["unit"] == "scrambles":
        base = claim["compared_period"] or _previous_period(period)
        if base != period and (subject, period) in levels and (subject, base) in levels:
            change = levels[(subject, period)] - levels[(subject, base)]
            said = (f"its change of {value:+,.0f} against its own {_fmt(levels[(subject, base)])} ({base}) and "
                    f"{_fmt(levels[(subject, period)])} ({period})")
            return ("ok", f"{said} adds up") if change == value else ("flag", f"{said} does not: they differ by {change:+,.0f}")
    if claim["unit"] == "percent" and claim["role"] == "share":
        if (subject, period) in levels and ("total", period) in levels and subject != "total":
            share = 100 * levels[(subject, period)] / levels[("total", period)]
            said = f"its {value:g}% against its own {_fmt(levels[(subject, period)])} of {_fmt(levels[('total', period)])}"
            tolerance = APPROXIMATE_TOLERANCE if APPROXIMATE.search(claim["quote"]) else PERCENT_TOLERANCE
            return ("ok", f"{said} ({share:.1f}%) adds up") if abs(share - value) <= tolerance else \
                ("flag", f"{said} is {share:.1f}%")
    if _is_count(claim) and claim["role"] in LEVEL_ROLES and ("total", period) in levels:
        parts = {s: v for (s, p), v in levels.items() if p == period and s != "total"}
        if len(parts) >= 1 and (subject != "total" or len(parts) >= 2):
            total = levels[("total", period)]
            said = f"its figures for {', '.join(sorted(parts))} sum to {_fmt(sum(parts.values()))} of its total {_fmt(total)}"
            return ("ok", said) if sum(parts.values()) <= total else ("flag", f"{said}: the parts exceed the total")
    return "not_applicable", "the text gives no other figure this one must add up with"


def claim_checks(claims: pd.DataFrame, reference: dict, official: OfficialRecords = OfficialRecords()) -> pd.DataFrame:
    """Three checks (reference, other_sources, arithmetic) on every numeric claim."""
    numeric = [c for c in records(claims) if c["value"] != "" and c["role"]]
    by_source = defaultdict(list)
    by_key: dict[tuple, dict[float, dict[str, None]]] = defaultdict(dict)  # one pass: each value's texts, in order
    for c in numeric:
        by_source[c["source_id"]].append(c)
        by_key[_key(c)].setdefault(_num(c["value"]), {})[c["source_id"]] = None
    levels = {source: text_levels(own) for source, own in by_source.items()}
    rows = []
    for c in numeric:
        for check, (status, detail) in (
                ("reference", check_reference(c, by_source[c["source_id"]], reference, official)),
                ("other_sources", check_other_sources(c, by_key[_key(c)])),
                ("arithmetic", check_arithmetic(c, levels[c["source_id"]]))):
            rows.append([check, c["claim_id"], c["source_id"], status, detail])
    return pd.DataFrame(rows, columns=CHECK_COLUMNS)
