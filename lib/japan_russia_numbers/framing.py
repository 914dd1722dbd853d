"""How much each text talks about what: mentions per 1,000 words of a few topics."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .cleaning import skipped_ids
from .outputs import read_text_table


def load_terms(path: str | Path) -> pd.DataFrame:
    """Topic patterns (regular expressions, case-sensitive so "US" is not "us")."""
    return read_text_table(path)


def topic_rates(texts: dict[str, str], terms: pd.DataFrame) -> pd.DataFrame:
    """Per source and topic: matches, words, and matches per 1,000 words."""
    rows = []
    topics = [(topic, re.compile(pattern)) for topic, pattern in zip(terms["topic"], terms["pattern"])]
    for source_id, text in texts.items():
        words = len(text.split())
        for topic, pattern in topics:
            count = len(pattern.findall(text))
            rows.append({"source_id": source_id, "topic": topic, "mentions": count, "words": words,
                         "per_1000_words": round(1000 * count / words, 2)})
    return pd.DataFrame(rows)


def read_clean_texts(data_dir: str | Path, source_ids: list[str]) -> dict[str, str]:
    """The cleaned bodies of these sources, leaving out the ones notebook 02 skipped (no body)."""
    skipped = skipped_ids(data_dir)
    return {s: (Path(data_dir) / "clean" / f"{s}.txt").read_text(encoding="utf-8")
            for s in source_ids if s not in skipped}
