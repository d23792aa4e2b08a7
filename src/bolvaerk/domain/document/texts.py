"""Translated texts for the builder: a strict lookup (a missing key is a programming error,
caught by the tests that build every example in every language)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from bolvaerk.domain.dates import format_dk_date
from bolvaerk.domain.enums import AssessmentKind, Colour, Consequence, Likelihood


@dataclass(frozen=True, slots=True)
class Texts:
    language: str
    values: Mapping[str, str]

    def __call__(self, key: str, **params: object) -> str:
        text = self.values[key]
        return text.format(**params) if params else text

    def by_kind(self, key: str, kind: AssessmentKind) -> str:
        """A text that differs between PFSA and PSA (key.pfsa / key.psa)."""
        return self.values[f"{key}.{kind.value}"]

    def yes_no(self, value: bool | None) -> str:
        if value is None:
            return self.values["doc.empty"]
        return self.values["doc.yes" if value else "doc.no"]

    def date(self, value: date | None) -> str:
        return format_dk_date(value) if value is not None else self.values["doc.empty"]

    def colour(self, colour: Colour) -> str:
        return self.values[f"colour.{colour.value}"]

    def consequence(self, value: Consequence) -> str:
        return self.values[f"scale.consequence.{int(value)}"]

    def likelihood(self, value: Likelihood) -> str:
        return self.values[f"scale.likelihood.{value.value}"]
