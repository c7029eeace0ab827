"""corrector: fix speech-recognition errors in Chinese transcripts by matching a glossary by sound."""

from .edits import Applicability, Correction, apply_corrections, resolve_overlaps
from .engine import Corrector, Result
from .glossary import Entry, Glossary, GlossaryError, load, load_all, load_bundled
from .settings import Settings

__all__ = [
    "Applicability",
    "Correction",
    "Corrector",
    "Entry",
    "Glossary",
    "GlossaryError",
    "Result",
    "Settings",
    "apply_corrections",
    "load",
    "load_all",
    "load_bundled",
    "resolve_overlaps",
]
__version__ = "0.1.0"
