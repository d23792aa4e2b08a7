"""Heat maps: the SVG read back with xml.etree, the PNG read back with matplotlib."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from matplotlib import image as mpimg

from bolvaerk.adapters.render.colours import FILLS
from bolvaerk.adapters.render.heatmap import (
    NoHeatmapsError,
    heatmap_png,
    heatmap_svg,
)
from bolvaerk.adapters.render.registry import renderer_for
from bolvaerk.domain.enums import AssessmentKind
from bolvaerk.services.assessments import example_assessment, example_path
from bolvaerk.services.documents import build_document
from tests.adapters.render.sample_document import (
    COLOURS,
    HEATMAP_AFTER,
    HEATMAP_BEFORE,
    MATRIX,
    sample_document,
)

SVG = "{http://www.w3.org/2000/svg}"
NUMERALS = ("I", "II", "III", "IV", "V")
ARTEFACTS = Path(__file__).resolve().parents[3] / "build" / "test-artefacts"


def _parse(svg: str | bytes) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own SVG, not untrusted input


def _groups(root: ET.Element, prefix: str) -> dict[str, ET.Element]:
    return {
        group.get("id", ""): group
        for group in root.iter(f"{SVG}g")
        if group.get("id", "").startswith(prefix)
    }


def _fill(group: ET.Element) -> str:
    path = group.find(f"{SVG}path")
    assert path is not None
    match = re.search(r"fill: #([0-9a-f]{6})", path.get("style", ""))
    assert match is not None
    return match.group(1).upper()


def _texts(root: ET.Element) -> list[str]:
    return ["".join(text.itertext()) for text in root.iter(f"{SVG}text")]


def _save(name: str, data: bytes) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / name).write_bytes(data)


def test_the_svg_has_25_cells_with_the_risk_colours() -> None:
    root = _parse(heatmap_svg(HEATMAP_BEFORE))
    cells = _groups(root, "heatmap-before-cell-")
    assert len(cells) == 25
    for row, numeral in enumerate(NUMERALS):
        for column in range(5):
            colour = COLOURS[row][column]
            assert _fill(cells[f"heatmap-before-cell-{column + 1}-{numeral}"]) == FILLS[colour]


def test_the_svg_shows_the_number_of_risks_in_their_cells_only() -> None:
    root = _parse(heatmap_svg(HEATMAP_AFTER))
    counts = {
        key.removeprefix("heatmap-after-count-"): "".join(group.itertext()).strip()
        for key, group in _groups(root, "heatmap-after-count-").items()
    }
    assert counts == {"3-II": "2"}


def test_the_svg_stars_every_proposal_cell_and_no_sourced_one() -> None:
    root = _parse(heatmap_svg(HEATMAP_BEFORE))
    stars = _groups(root, "heatmap-before-proposal-")
    assert len(stars) == 23
    assert "heatmap-before-proposal-3-III" not in stars
    assert "heatmap-before-proposal-3-II" not in stars
    assert all("".join(group.itertext()).strip() == "*" for group in stars.values())


def test_the_svg_carries_caption_axis_titles_labels_and_legend_as_text() -> None:
    texts = "\n".join(_texts(_parse(heatmap_svg(HEATMAP_BEFORE))))
    for expected in (
        "Risici før foreslåede sikringstiltag",
        "Konsekvens",
        "(Personer, økonomi, miljø, anseelse)",
        "Sandsynlighed",
        "(Motivation, evne, kompleksitet, resurser)",
        "3 Alvorlig",
        "5 Kritisk",
        "III",
        "Sandsynlig",
        "* Farven er et forslag (PROPOSAL)",
    ):
        assert expected in texts


def test_labels_without_their_numeral_get_it_in_front() -> None:
    bare = replace(
        HEATMAP_BEFORE,
        consequence_labels=("Begrænset", "Moderat", "Alvorlig", "Meget alvorlig", "Kritisk"),
    )
    texts = _texts(_parse(heatmap_svg(bare)))
    assert "3 Alvorlig" in texts
    assert "2 Moderat" in texts


def test_a_form_matrix_marks_its_rated_cell_with_an_x() -> None:
    root = _parse(heatmap_svg(MATRIX))
    assert "X" in _texts(root)
    assert not _groups(root, f"{MATRIX.key}-count-")


def test_the_png_is_an_image_with_every_risk_colour() -> None:
    data = heatmap_png(HEATMAP_BEFORE)
    _save("heatmap-before.png", data)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    pixels = mpimg.imread(io.BytesIO(data), format="png")
    height, width, _channels = pixels.shape
    assert (width, height) == (1280, 1120)
    rgb = np.round(pixels[:, :, :3] * 255).astype(int)
    for fill in FILLS.values():
        wanted = np.array([int(fill[index : index + 2], 16) for index in (0, 2, 4)])
        assert int(np.all(rgb == wanted, axis=2).sum()) > 10_000, fill


def test_the_same_view_gives_the_same_bytes() -> None:
    assert heatmap_svg(HEATMAP_BEFORE) == heatmap_svg(HEATMAP_BEFORE)
    assert heatmap_png(HEATMAP_BEFORE) == heatmap_png(HEATMAP_BEFORE)
    assert heatmap_svg(HEATMAP_BEFORE) != heatmap_svg(HEATMAP_AFTER)


def test_the_svg_has_no_date_and_no_software_version() -> None:
    svg = heatmap_svg(HEATMAP_BEFORE)
    assert "<dc:date>" not in svg
    assert "Matplotlib" not in svg
    assert b"Matplotlib" not in heatmap_png(HEATMAP_BEFORE)


def test_the_svg_renderer_draws_before_and_after_side_by_side() -> None:
    renderer = renderer_for("heatmap-svg")
    assert (renderer.suffix, renderer.media_type) == (".svg", "image/svg+xml")
    data = renderer.render(sample_document(draft=True), None)
    _save("heatmaps.svg", data)
    root = _parse(data)
    assert len(_groups(root, "heatmap-before-cell-")) == 25
    assert len(_groups(root, "heatmap-after-cell-")) == 25
    texts = "\n".join(_texts(root))
    assert HEATMAP_BEFORE.caption in texts
    assert HEATMAP_AFTER.caption in texts
    assert "KLADDE" in texts
    assert "FORTROLIGT når udfyldt" in texts


def test_the_png_renderer_draws_both_maps_in_one_image() -> None:
    renderer = renderer_for("heatmap-png")
    assert (renderer.suffix, renderer.media_type) == (".png", "image/png")
    data = renderer.render(sample_document(), None)
    _save("heatmaps.png", data)
    pixels = mpimg.imread(io.BytesIO(data), format="png")
    assert pixels.shape[:2] == (1120, 2560)
    assert renderer.render(sample_document(), None) == data


def test_a_document_without_heatmaps_is_refused() -> None:
    empty = replace(sample_document(), heatmaps=())
    with pytest.raises(NoHeatmapsError):
        renderer_for("heatmap-svg").render(empty, None)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_example_facility_heatmaps_show_the_counts_of_its_forms(lang: str) -> None:
    document, folder = build_document(example_path(AssessmentKind.PFSA), lang)
    assert len(document.heatmaps) == 2
    data = renderer_for("heatmap-svg").render(document, folder)
    _save(f"example-heatmaps-{lang}.svg", data)
    root = _parse(data)
    forms = len(example_assessment(AssessmentKind.PFSA).sections.risk.forms)
    for view in document.heatmaps:
        assert view.counts is not None
        shown = {
            key.removeprefix(f"{view.key}-count-"): int("".join(group.itertext()))
            for key, group in _groups(root, f"{view.key}-count-").items()
        }
        expected = {
            f"{column + 1}-{NUMERALS[row]}": count
            for row, counts in enumerate(view.counts)
            for column, count in enumerate(counts)
            if count
        }
        assert shown == expected
        assert sum(shown.values()) == forms
        assert view.caption in "\n".join(_texts(root))
