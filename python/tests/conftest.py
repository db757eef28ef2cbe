"""Shared fixtures of the wheel's tests: the repository's seed stories and one pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

import claimex

REPOSITORY = Path(__file__).resolve().parents[2]
"""The claimex checkout the tests run in (for its fixtures, not its code)."""

SEED_STORIES = sorted((REPOSITORY / "fixtures" / "corpus").glob("*.txt"))
"""The seed stories: news articles with gold claims and quotes in fixtures/gold."""


def seed_document(path: Path) -> dict[str, str]:
    """A seed story as the CLI reads its file: the id is the file stem, the source the path."""
    return {"id": path.stem, "source": str(path), "text": path.read_text(encoding="utf-8")}


@pytest.fixture(scope="session")
def nlp() -> claimex.Pipeline:
    """The default pipeline (NER model), loaded once for every test."""
    return claimex.Pipeline(threads=2)
