"""The risk model as data: two scales, a 5x5 colour lookup table and the acceptable colours.

Rules: scoring is a lookup in the model's table, never a formula; every cell carries its
provenance, so cells that are our PROPOSAL (not the authority's) can be shown as such.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from bolvaerk.domain.enums import Colour, Consequence, Likelihood, Provenance
from bolvaerk.domain.errors import InvalidValue

Cell = tuple[Consequence, Likelihood]
ALL_CELLS: tuple[Cell, ...] = tuple((c, lk) for lk in Likelihood for c in Consequence)


@dataclass(frozen=True, slots=True)
class MatrixCell:
    colour: Colour
    provenance: Provenance


@dataclass(frozen=True, slots=True)
class RiskModel:
    name: str
    version: str
    cells: Mapping[Cell, MatrixCell]
    acceptable: frozenset[Colour]
    is_default: bool = False  # the TS template's own model
    method_description: str = ""  # required for another model (R-7-11)
    provenance: Provenance = Provenance.PROPOSAL

    def __post_init__(self) -> None:
        missing = [cell for cell in ALL_CELLS if cell not in self.cells]
        if missing:
            consequence, likelihood = missing[0]
            raise InvalidValue(
                "MODEL-CELL-MISSING",
                "matrix",
                {"model": self.name, "consequence": int(consequence), "likelihood": likelihood},
            )
        if not self.acceptable:
            raise InvalidValue("MODEL-NO-ACCEPTABLE", "acceptable", {"model": self.name})
        object.__setattr__(self, "cells", MappingProxyType(dict(self.cells)))

    @property
    def ref(self) -> str:
        return f"{self.name}@{self.version}"


@dataclass(frozen=True, slots=True)
class Rating:
    consequence: Consequence
    likelihood: Likelihood
    colour: Colour
    acceptable: bool
    provenance: Provenance = field(default=Provenance.PROPOSAL)


def rate(model: RiskModel, consequence: Consequence, likelihood: Likelihood) -> Rating:
    cell = model.cells[(consequence, likelihood)]
    return Rating(
        consequence=consequence,
        likelihood=likelihood,
        colour=cell.colour,
        acceptable=cell.colour in model.acceptable,
        provenance=cell.provenance,
    )


def rate_optional(
    model: RiskModel, consequence: Consequence | None, likelihood: Likelihood | None
) -> Rating | None:
    if consequence is None or likelihood is None:
        return None
    return rate(model, consequence, likelihood)


def count_by_cell(ratings: list[Rating]) -> dict[Cell, int]:
    """How many risks fall in each cell (heat map data)."""
    counts: dict[Cell, int] = dict.fromkeys(ALL_CELLS, 0)
    for rating in ratings:
        counts[(rating.consequence, rating.likelihood)] += 1
    return counts
