"""The cleaning report: what each step removed and why, collected while a page is cleaned."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MAX_SAMPLES = 5  # removed-text samples kept per record
SAMPLE_CHARS = 120  # characters kept of one sample


@dataclass
class CleaningReport:
    """Counts and samples of what the cleaning steps removed; ends up as ``record["cleaning"]``."""

    template_blocks_removed: int = 0
    template_tokens_removed: int = 0
    syntaxes: set[str] = field(default_factory=set)
    samples: list[str] = field(default_factory=list)
    boilerplate_removed: int = 0
    warnings: list[str] = field(default_factory=list)
    # subtrees cut for nesting deeper than the parser reads (a warning says so in the record)
    deep_cuts: int = 0

    def add_sample(self, text: str) -> None:
        """Keep a short sample of removed text (at most ``MAX_SAMPLES``)."""
        text = " ".join(text.split())
        if text and len(self.samples) < MAX_SAMPLES and text[:SAMPLE_CHARS] not in self.samples:
            self.samples.append(text[:SAMPLE_CHARS])

    def warn(self, message: str) -> None:
        """Record a warning once."""
        if message not in self.warnings:
            self.warnings.append(message)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form stored in the record."""
        return {
            "template_blocks_removed": self.template_blocks_removed,
            "template_tokens_removed": self.template_tokens_removed,
            "syntaxes": sorted(self.syntaxes),
            "samples": list(self.samples),
            "boilerplate_removed": self.boilerplate_removed,
            "warnings": list(self.warnings),
        }
