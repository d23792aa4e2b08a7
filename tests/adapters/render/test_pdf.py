"""PDF: text read back with pdftotext, pages counted with pdfinfo, outline and metadata with
pypdf, the first pages drawn with pdftoppm into build/test-artefacts/ for a person to look at."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    Destination,
    StreamObject,
    TextStringObject,
)

from bolvaerk.adapters.render.pdf_renderer import render_pdf
from bolvaerk.adapters.render.registry import renderer_for
from bolvaerk.domain.document.model import Document, Heading, PageBreak
from bolvaerk.domain.enums import AssessmentKind
from bolvaerk.services.assessments import example_path
from bolvaerk.services.documents import build_document
from tests.adapters.render.sample_document import (
    CONSEQUENCE_LABELS,
    LEGEND,
    LIKELIHOOD_LABELS,
    SECTION_HEADINGS,
    sample_document,
    write_assets,
)

ARTEFACTS = Path(__file__).resolve().parents[3] / "build" / "test-artefacts"
MARKING = "FORTROLIGT når udfyldt"


def pages_text(pdf: Path) -> list[str]:
    """The text of every page (pdftotext separates pages with form feeds)."""
    result = subprocess.run(  # noqa: S603 - fixed arguments
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],  # noqa: S607 - poppler-utils on PATH
        capture_output=True,
        check=True,
    )
    return result.stdout.decode("utf-8").split("\f")[:-1]


def page_count(pdf: Path) -> int:
    result = subprocess.run(  # noqa: S603 - fixed arguments
        ["pdfinfo", str(pdf)],  # noqa: S607 - poppler-utils on PATH
        capture_output=True,
        check=True,
        text=True,
    )
    found = re.search(r"^Pages:\s+(\d+)$", result.stdout, re.MULTILINE)
    assert found is not None
    return int(found[1])


def draw_pages(pdf: Path, prefix: str, first: int = 1, last: int = 3) -> list[Path]:
    """Pages first..last as PNG at 60 dpi in build/test-artefacts/."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTEFACTS.glob(f"{prefix}-*.png"):
        old.unlink()
    pages = ["-f", str(first), "-l", str(last)]
    subprocess.run(  # noqa: S603 - fixed arguments
        ["pdftoppm", "-r", "60", *pages, "-png", str(pdf), str(ARTEFACTS / prefix)],  # noqa: S607
        check=True,
    )
    return sorted(ARTEFACTS.glob(f"{prefix}-*.png"))


def write(tmp: Path, name: str, data: bytes) -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pdf")


@pytest.fixture(scope="module")
def sample_bytes(folder: Path) -> bytes:
    return render_pdf(sample_document(), write_assets(folder / "assets"))


@pytest.fixture(scope="module")
def sample_pdf(folder: Path, sample_bytes: bytes) -> Path:
    return write(folder, "sample.pdf", sample_bytes)


@pytest.fixture(scope="module")
def draft_pdf(folder: Path) -> Path:
    data = render_pdf(sample_document(draft=True), write_assets(folder / "assets"))
    return write(folder, "draft.pdf", data)


def test_it_is_registered_as_pdf() -> None:
    renderer = renderer_for("pdf")
    assert (renderer.suffix, renderer.media_type) == (".pdf", "application/pdf")


def test_the_sections_follow_the_contents_in_order(sample_pdf: Path) -> None:
    pages = pages_text(sample_pdf)
    contents = next(i for i, text in enumerate(pages) if "Indholdsfortegnelse" in text)
    body = " ".join(" ".join(pages[contents + 1 :]).split())
    positions = [body.index(text) for text in SECTION_HEADINGS]
    assert positions == sorted(positions)
    assert all(heading.text in body for heading in sample_document().headings())
    listed = " ".join(pages[contents].split())
    assert all(text in listed for text in SECTION_HEADINGS)


def test_the_contents_give_the_page_of_every_section(sample_pdf: Path) -> None:
    layout = subprocess.run(  # noqa: S603 - fixed arguments
        ["pdftotext", "-layout", "-enc", "UTF-8", str(sample_pdf), "-"],  # noqa: S607
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    pages = layout.split("\f")
    contents = next(i for i, text in enumerate(pages) if "Indholdsfortegnelse" in text)
    listed = dict(re.findall(r"^\s*(\S.*?) ?\.{4,}\s*(\d+)$", pages[contents], re.MULTILINE))
    expected = [f"{h.number} {h.text}" for h in sample_document().headings() if h.level <= 2]
    assert list(listed) == expected
    for title, number in listed.items():
        text = " ".join(pages[int(number) - 1].split())
        assert title.split(" ", 1)[1] in text, title


def test_the_grid_and_every_caption_are_there(sample_pdf: Path) -> None:
    text = " ".join(" ".join(pages_text(sample_pdf)).split())
    assert "Skema 6.2.1 Sammenfatning over sårbare elementer og relevante trusler" in text
    for table in sample_document().tables():
        assert table.caption in text


def test_the_marking_and_the_page_number_are_on_every_page(sample_pdf: Path) -> None:
    pages = pages_text(sample_pdf)
    count = page_count(sample_pdf)
    assert len(pages) == count > 5
    assert sum(text.count(MARKING) for text in pages) == count
    for number, text in enumerate(pages, start=1):
        assert MARKING in text
        assert f"Side {number} af {count}" in text
        assert "pfsa-fjordby@1" in text


def test_the_draft_marking_only_when_drafted(sample_pdf: Path, draft_pdf: Path) -> None:
    assert not any("KLADDE" in text for text in pages_text(sample_pdf))
    drafted = pages_text(draft_pdf)
    assert len(drafted) == page_count(draft_pdf)
    assert all("KLADDE" in text and MARKING in text for text in drafted)


def test_the_worked_example_matrix(sample_pdf: Path) -> None:
    page = next(text for text in pages_text(sample_pdf) if "Risikomatrix for" in text)
    words = " ".join(page.split())
    assert all(label in words for label in (*LIKELIHOOD_LABELS, *CONSEQUENCE_LABELS))
    assert "Konsekvens (Personer, økonomi, miljø, anseelse)" in words
    assert re.search(r"(^|\s)X(\s|$)", page)
    assert "→" in page
    assert LEGEND in words
    assert "Risikovurderingen ender derfor i gul." in words


def _outline(reader: PdfReader) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []

    def walk(items: list[object], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                assert isinstance(item, Destination)
                found.append((depth, str(item.title)))

    walk(list(reader.outline), 1)
    return found


def test_the_outline_follows_the_headings(sample_pdf: Path) -> None:
    outline = _outline(PdfReader(sample_pdf))
    headings = [(h.level, f"{h.number} {h.text}".strip()) for h in sample_document().headings()]
    assert outline == [(1, "Indholdsfortegnelse"), *headings]


def test_the_metadata_title_date_identifier_and_pdfa(sample_pdf: Path) -> None:
    reader = PdfReader(sample_pdf)
    document = sample_document()
    meta = reader.metadata
    assert meta is not None
    assert meta.title == f"{document.title} \N{EN DASH} {document.subject}"
    assert meta.creation_date is not None
    assert meta.creation_date.date() == document.created
    assert meta.get("/Keywords") == document.identifier
    file_id = reader.trailer["/ID"]
    assert isinstance(file_id, ArrayObject)
    assert isinstance(file_id[0], ByteStringObject | TextStringObject)
    assert bytes(file_id[0].original_bytes) == document.identifier.encode()
    root = reader.root_object
    metadata = root["/Metadata"].get_object()
    assert isinstance(metadata, StreamObject)
    assert b'pdfaid:part="3"' in metadata.get_data()
    assert b'pdfaid:conformance="B"' in metadata.get_data()
    assert str(root["/Lang"]) == "da"
    assert all(page.mediabox.width == pytest.approx(595.28, abs=0.1) for page in reader.pages)


def test_the_same_document_gives_the_same_bytes(folder: Path, sample_bytes: bytes) -> None:
    assert render_pdf(sample_document(), folder / "assets") == sample_bytes


def test_the_first_pages_are_drawn_for_a_person_to_look_at(
    sample_pdf: Path, draft_pdf: Path
) -> None:
    assert len(draw_pages(sample_pdf, "pdf-sample")) == 3
    risk_page = next(
        i for i, text in enumerate(pages_text(draft_pdf), start=1) if "Risikomatrix" in text
    )
    assert len(draw_pages(draft_pdf, "pdf-sample-draft-form", risk_page, risk_page)) == 1


# ---------------------------------------------------------------- the example facility


def _through_form(document: Document, last_form: int) -> Document:
    """The example cut after its `last_form`-th risk form: every kind of page, fewer pages."""
    blocks = document.blocks
    forms = [i for i, b in enumerate(blocks) if isinstance(b, Heading) and "-form-" in b.anchor]
    after = [i for i, b in enumerate(blocks) if isinstance(b, PageBreak) and i > forms[last_form]]
    return replace(document, blocks=blocks[: after[0] if after else len(blocks)])


@pytest.fixture(scope="module")
def example_pdf(folder: Path) -> tuple[Document, Path]:
    document, assets = build_document(example_path(AssessmentKind.PFSA), "da")
    document = _through_form(document, 0)
    return document, write(folder, "example.pdf", render_pdf(document, assets))


def test_the_example_facility_has_its_sections_marking_and_outline(
    example_pdf: tuple[Document, Path],
) -> None:
    document, pdf = example_pdf
    pages = pages_text(pdf)
    count = page_count(pdf)
    assert sum(text.count(MARKING) for text in pages) == count == len(pages)
    text = " ".join(" ".join(pages).split())
    assert "Skema 6.2.1" in text
    assert "Risikomatrix for risikovurdering nr. 1" in text
    titles = [title for _, title in _outline(PdfReader(pdf))]
    assert [t for t in titles if t != "Indholdsfortegnelse"] == [
        f"{h.number} {h.text}".strip() for h in document.headings()
    ]
    grid = next(i for i, page in enumerate(pages, start=1) if "Skema 6.2.1" in page)
    form = next(i for i, page in enumerate(pages, start=1) if "Risikomatrix for" in page)
    draw_pages(pdf, "pdf-example", 1, 3)
    draw_pages(pdf, "pdf-example-grid", grid, grid)
    draw_pages(pdf, "pdf-example-form", form, form)
