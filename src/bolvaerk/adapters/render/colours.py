"""The risk colours as the TS template prints them: one place for every renderer.

FILLS holds the background of a cell (hex, no '#'); TEXT the colour of text on that background
(black, except white on red so it stays readable).
"""

from __future__ import annotations

from bolvaerk.domain.enums import Colour

FILLS: dict[Colour, str] = {
    Colour.GREY: "BFBFBF",
    Colour.GREEN: "00B050",
    Colour.YELLOW: "FFFF00",
    Colour.ORANGE: "FFC000",
    Colour.RED: "FF0000",
}

TEXT: dict[Colour, str] = dict.fromkeys(Colour, "000000") | {Colour.RED: "FFFFFF"}


def text_colour(colour: Colour) -> str:
    """The text colour (hex, no '#') that reads well on the fill of `colour`."""
    return TEXT[colour]
