"""Shared fixtures. Tests that need the evaluation data in ../shared skip when it is absent
(a user's clone has none)."""

from __future__ import annotations

from pathlib import Path

import os

import pytest
from hypothesis import settings as hypothesis_settings

from corrector import Corrector, Settings, load_all

# The property tests draw the same examples on every run, so that CI passes or fails on the
# code and never on the draw. To hunt for new counter-examples, draw afresh and many more:
#     HYPOTHESIS_PROFILE=explore python -m pytest tests/test_properties.py
hypothesis_settings.register_profile("repeatable", derandomize=True)
hypothesis_settings.register_profile("explore", max_examples=2000, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (EXAMPLES / "seed" / "transcript.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def corrector() -> Corrector:
    """Bundled glossaries plus the example show's own terms."""
    return Corrector(load_all([EXAMPLES / "seed" / "show-terms.txt"]))


@pytest.fixture(scope="session")
def bundled_corrector() -> Corrector:
    return Corrector(load_all())


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "eval").is_dir():
        pytest.skip("evaluation data (../shared/eval) is not here")
    return SHARED


def no_alias_corrector(paths) -> Corrector:
    return Corrector(load_all(paths), Settings(use_aliases=False))
