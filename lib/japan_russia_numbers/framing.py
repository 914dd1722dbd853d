"""How much each text talks about what: mentions per 1,000 words of a few topics.

Counted once per source, with the rest of the per-document work (`document.document_rows`), from its
cleaned body; notebook 06 reads the table and draws it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .outputs import read_text_table

FRAMING_COLUMNS = ["source_id", "topic", "mentions", "words", "per_1000_words"]


def load_terms(path: str | Path) -> pd.DataFrame:
    """Topic patterns (regular expressions, case-sensitive so "US" is not "us")."""
    return read_text_table(path)


def compile_topics(terms: pd.DataFrame) -> list[tuple[str, re.Pattern]]:
    return [(topic, re.compile(pattern)) for topic, pattern in zip(terms["topic"], terms["pattern"])]


def topic_rows(source_id: str, text: str, topics: list[tuple[str, re.Pattern]]) -> list[dict]:
    """One source's rows: per topic, its matches, the text's words, and matches per 1,000 words."""
    words = len(text.split())
    rows = []
    for topic, pattern in topics:
        count = len(pattern.findall(text))
        rows.append({"source_id": source_id, "topic": topic, "mentions": count, "words": words,
                     "per_1000_words": round(1000 * count / words, 2) if words else 0.0})
    return rows


def topic_rates(texts: dict[str, str], terms: pd.DataFrame) -> pd.DataFrame:
    """Per source and topic: matches, words, and matches per 1,000 words."""
    topics = compile_topics(terms)
    return pd.DataFrame([row for source_id, text in texts.items() for row in topic_rows(source_id, text, topics)],
                        columns=FRAMING_COLUMNS)


def read_topic_rates(data_dir: str | Path) -> pd.DataFrame:
    """`framing.csv` as notebook 01 wrote it, with its counts and rates as numbers."""
    return read_text_table(Path(data_dir) / "framing.csv").astype(
        {"mentions": int, "words": int, "per_1000_words": float})
