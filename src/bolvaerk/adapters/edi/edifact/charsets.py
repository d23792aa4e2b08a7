"""UN/EDIFACT character sets (syntax identifiers, ISO 9735 0001) and their repertoires.

Levels A and B are restricted repertoires of ISO 646 and are checked character by character;
the others are whole codes: UNOC-UNOK and UNOL the ISO 8859 parts, UNOW and UNOY UTF-8
(ISO 10646; UNOY is read as UTF-8, which is what it carries in practice [our reading]),
UNOX ISO 2022 with code extension (read with Python's iso2022_jp_2, which covers the
escapes used for Latin, Greek, Cyrillic and Japanese [our reading]).
"""

from __future__ import annotations

import string

CODECS = {
    "UNOA": "ascii",
    "UNOB": "ascii",
    "UNOC": "latin-1",
    "UNOD": "iso8859-2",
    "UNOE": "iso8859-5",
    "UNOF": "iso8859-7",
    "UNOG": "iso8859-3",
    "UNOH": "iso8859-4",
    "UNOI": "iso8859-6",
    "UNOJ": "iso8859-8",
    "UNOK": "iso8859-9",
    "UNOL": "iso8859-15",
    "UNOW": "utf-8",
    "UNOX": "iso2022_jp_2",
    "UNOY": "utf-8",
}
_SPECIAL_A = " .,-()/='+:?!\"%&*;<>"
# Level A: capital letters, digits and the specials; level B adds small letters and the
# information separators IS1-IS4 that serve as its default separators.
REPERTOIRES = {
    "UNOA": frozenset(string.ascii_uppercase + string.digits + _SPECIAL_A),
    "UNOB": frozenset(
        string.ascii_letters + string.digits + _SPECIAL_A + "\x1c\x1d\x1e\x1f" + "\r\n"
    ),
}
LINE_BREAKS = frozenset("\r\n")  # allowed between segments in every set, as formatting


def codec(syntax_id: str) -> str | None:
    return CODECS.get(syntax_id)


def first_outside(text: str, syntax_id: str) -> int | None:
    """The index of the first character outside a restricted repertoire, or None."""
    allowed = REPERTOIRES.get(syntax_id)
    if allowed is None:
        return None
    outside = set(text) - allowed - LINE_BREAKS
    if not outside:
        return None
    return min(text.index(char) for char in outside)


def best_charset(text: str) -> str:
    """The plainest common set that can carry a text: UNOA, else UNOC (latin-1), else UNOW."""
    if first_outside(text, "UNOA") is None:
        return "UNOA"
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return "UNOW"
    return "UNOC"
