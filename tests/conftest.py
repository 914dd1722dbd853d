"""Shared fixtures: the real seeds, and throw-away corpora built from them."""

import shutil
from pathlib import Path

import pytest

from japan_russia_numbers.sources import load_sources

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_sources():
    """The study's five sources, verified."""
    return {s.source_id: s for s in load_sources(SEEDS)}


@pytest.fixture
def corpus_copy(tmp_path):
    """A writable copy of the seeds folder, manifest included."""
    target = tmp_path / "corpus"
    shutil.copytree(SEEDS, target)
    return target
