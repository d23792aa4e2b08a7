"""HTML: the page read back with the standard library's html.parser, structure and text."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bolvaerk.adapters.render.colours import FILLS
from bolvaerk.adapters.render.html_renderer import render_html
from bolvaerk.adapters.render.registry import renderer_for
from bolvaerk.domain.document.model import Document, Heading, Image, Paragraph, Table
from bolvaerk.domain.enums import AssessmentKind
from bolvaerk.services.assessments import example_path
from bolvaerk.services.documents import build_document
from tests.adapters.render.sample_document import (
    GRID,
    HEATMAP_AFTER,
    HEATMAP_BEFORE,
    LEGEND,
    LIKELIHOOD_LABELS,
    LOGO_FILE,
    PROPOSAL,
    png_logo,
    sample_document,
    write_assets,
)

VOID = {"meta", "img", "col", "br", "hr", "link", "input"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    content: list[Node | str] = field(default_factory=list)  # children and text, in order

    @property
    def children(self) -> list[Node]:
        return [item for item in self.content if isinstance(item, Node)]

    def all_text(self) -> str:
        parts = [item if isinstance(item, str) else item.all_text() for item in self.content]
        return re.sub(r"\s+", " ", " ".join(parts)).strip()

    def iter(self, tag: str | None = None) -> list[Node]:
        found = [self] if tag is None or self.tag == tag else []
        for child in self.children:
            found += child.iter(tag)
        return found

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class TreeBuilder(HTMLParser):
    """A small DOM: enough to find tables, headings, links and attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {key: value or "" for key, value in attrs})
        self.stack[-1].content.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].content.append(Node(tag, {key: value or "" for key, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].content.append(data)


def parse(html: bytes) -> Node:
    builder = TreeBuilder()
    builder.feed(html.decode("utf-8"))
    builder.close()
    return builder.root


def headings(root: Node) -> list[Node]:
    return [node for node in root.iter() if re.fullmatch(r"h[1-6]", node.tag)]


def heading_text(heading: Heading) -> str:
    return f"{heading.number} {heading.text}".strip()


@pytest.fixture(scope="module")
def assets(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_assets(tmp_path_factory.mktemp("assets"))


@pytest.fixture(scope="module")
def sample_html(assets: Path) -> bytes:
    return render_html(sample_document(), assets)


@pytest.fixture(scope="module")
def page(sample_html: bytes) -> Node:
    return parse(sample_html)


def test_it_is_registered_as_html() -> None:
    renderer = renderer_for("html")
    assert (renderer.suffix, renderer.media_type) == (".html", "text/html")


def test_the_page_is_self_contained(page: Node, sample_html: bytes) -> None:
    assert not page.iter("script")
    assert not page.iter("link")
    for node in page.iter():
        for name in ("src", "href", "srcset", "action"):
            value = node.attrs.get(name)
            assert value is None or value.startswith(("#", "data:")), (node.tag, name, value)
    assert b"@import" not in sample_html
    assert not re.search(rb"url\((?!#)", sample_html)


def test_the_language_and_metadata_come_from_the_document(page: Node) -> None:
    document = sample_document()
    html = page.iter("html")[0]
    assert html.attrs["lang"] == "da"
    meta = {node.attrs.get("name"): node.attrs.get("content") for node in page.iter("meta")}
    assert meta["dcterms.created"] == "2021-05-01"
    assert meta["keywords"] == document.identifier
    assert page.iter("title")[0].all_text().startswith(document.title)


def test_headings_carry_the_template_numbers_and_anchors_in_order(page: Node) -> None:
    expected = sample_document().headings()
    found = headings(page)
    assert [node.all_text() for node in found] == [heading_text(h) for h in expected]
    assert [node.attrs["id"] for node in found] == [h.anchor for h in expected]
    assert [node.tag for node in found] == [f"h{h.level}" for h in expected]


def test_the_contents_link_to_the_headings(page: Node) -> None:
    ids = {node.attrs["id"] for node in page.iter() if "id" in node.attrs}
    nav = page.iter("nav")[0]
    links = nav.iter("a")
    assert [link.all_text() for link in links] == [
        heading_text(h) for h in sample_document().headings() if h.level <= 2
    ]
    assert all(link.attrs["href"][1:] in ids for link in links)


def test_ids_are_unique(page: Node) -> None:
    ids = [node.attrs["id"] for node in page.iter() if "id" in node.attrs]
    assert len(ids) == len(set(ids))


def _table_texts(node: Node) -> list[list[str]]:
    body = node.iter("tbody")[0]
    return [[cell.all_text() for cell in row.iter("td")] for row in body.iter("tr")]


def test_every_table_is_there_with_its_caption_and_cells(page: Node) -> None:
    tables = [node for node in page.iter("table") if "t-matrix" not in node.classes()]
    expected = sample_document().tables()
    assert [node.iter("caption")[0].all_text() for node in tables] == [t.caption for t in expected]
    for node, table in zip(tables, expected, strict=True):
        assert _table_texts(node) == [[cell.text for cell in row] for row in table.rows]
        header = [th.all_text() for th in node.iter("th")]
        if table.kind.value != "fields":
            assert header == [column.title for column in table.columns]


def test_coloured_cells_carry_the_template_fills(page: Node, sample_html: bytes) -> None:
    grid = next(node for node in page.iter("table") if node.attrs.get("id") == "t-6-2-1")
    fills = [cell.classes() & {f"f-{colour.value}" for colour in FILLS} for cell in grid.iter("td")]
    assert fills == [{f"f-{c.fill.value}"} if c.fill else set() for row in GRID.rows for c in row]
    assert {"f-yellow"} in fills
    for colour, fill in FILLS.items():
        assert re.search(rf"\.f-{colour.value} \{{ background: #{fill};".encode(), sample_html)


def test_the_worked_example_matrix(page: Node) -> None:
    matrix = page.iter("figure")[0]
    table = matrix.iter("table")[0]
    assert table.iter("caption")[0].all_text() == "Risikomatrix for risikovurdering nr. 1"
    rows = [row for row in table.iter("tr") if row.iter("td") and "label-y" in _classes(row)]
    assert [row.iter("th")[-1].all_text() for row in rows] == list(reversed(LIKELIHOOD_LABELS))
    cells = {
        (column + 1, 5 - index): cell
        for index, row in enumerate(rows)
        for column, cell in enumerate(row.iter("td"))
    }
    assert cells[(3, 3)].all_text().startswith("X")
    assert "f-yellow" in cells[(3, 3)].classes()
    assert cells[(3, 2)].all_text().startswith("→")
    assert "f-green" in cells[(3, 2)].classes()
    stars = sum("*" in cell.all_text() for cell in cells.values())
    assert stars == sum(sum(row) for row in PROPOSAL)
    assert matrix.iter("figcaption")[0].all_text() == LEGEND
    assert "Konsekvens (Personer, økonomi, miljø, anseelse)" in table.all_text()


def _classes(row: Node) -> set[str]:
    return {name for th in row.iter("th") for name in th.classes()}


def test_the_logo_is_embedded_as_a_data_uri(page: Node) -> None:
    image = page.iter("img")[0]
    assert image.attrs["src"].startswith("data:image/png;base64,")
    assert base64.b64decode(image.attrs["src"].split(",", 1)[1]) == png_logo()
    assert page.iter("section")[0].classes() == {"front"}


def test_without_assets_or_outside_them_the_logo_is_left_out(tmp_path: Path) -> None:
    assert not parse(render_html(sample_document(), None)).iter("img")
    (tmp_path / "secret.png").write_bytes(png_logo())
    folder = write_assets(tmp_path / "assessment")
    escaping = replace(sample_document(), blocks=(Image("logo", "../secret.png"),))
    assert not parse(render_html(escaping, folder)).iter("img")
    missing = replace(sample_document(), blocks=(Image("logo", "absent.png"),))
    assert not parse(render_html(missing, folder)).iter("img")
    assert LOGO_FILE in {p.name for p in folder.iterdir()}


def test_the_marking_and_page_label_are_in_the_print_style(sample_html: bytes) -> None:
    text = sample_html.decode("utf-8")
    assert '@top-center {\n    content: "FORTROLIGT når udfyldt";' in text
    assert 'content: "Side " counter(page) " af " counter(pages);' in text
    assert "KLADDE" not in text
    banner = parse(sample_html).iter("div")[0]
    assert banner.all_text() == "FORTROLIGT når udfyldt"


def test_a_draft_is_marked_on_every_page(assets: Path) -> None:
    html = render_html(sample_document(draft=True), assets)
    root = parse(html)
    assert root.iter("div")[0].classes() == {"watermark"}
    assert root.iter("div")[0].all_text() == "KLADDE"
    assert '@top-right {\n    content: "KLADDE";' in html.decode("utf-8")


def test_texts_are_escaped_in_the_page_and_in_the_style_sheet(assets: Path) -> None:
    hostile = '</style><script>alert("x")</script>'
    document = replace(
        sample_document(), marking=hostile, blocks=(Paragraph(hostile), *sample_document().blocks)
    )
    html = render_html(document, assets)
    root = parse(html)
    assert not root.iter("script")
    assert root.iter("p")[0].all_text() == hostile
    assert html.count(b"</style>") == 1


def test_the_same_document_gives_the_same_bytes(assets: Path, sample_html: bytes) -> None:
    assert render_html(sample_document(), assets) == sample_html


def test_heat_maps_are_inline_svg_with_unique_ids(assets: Path) -> None:
    document = sample_document()
    blocks = (*document.blocks, Heading(3, "", "Risikobillede", "s-heatmaps"))
    html = render_html(replace(document, blocks=(*blocks, HEATMAP_BEFORE, HEATMAP_AFTER)), assets)
    root = parse(html)
    figures = [node for node in root.iter("figure") if "heatmap" in node.classes()]
    assert len(figures) == 2
    assert all(figure.iter("svg") for figure in figures)
    assert HEATMAP_BEFORE.caption in figures[0].all_text()
    ids = [node.attrs["id"] for node in root.iter() if "id" in node.attrs]
    assert len(ids) == len(set(ids))
    assert b"<?xml" not in html
    assert b"<metadata>" not in html


@pytest.fixture(scope="module")
def example() -> tuple[Document, Path]:
    return build_document(example_path(AssessmentKind.PFSA), "da")


def test_the_example_facility_renders_every_heading_and_table(
    example: tuple[Document, Path],
) -> None:
    document, folder = example
    root = parse(render_html(document, folder))
    assert [node.attrs["id"] for node in headings(root)] == [h.anchor for h in document.headings()]
    captions = [node.iter("caption")[0].all_text() for node in root.iter("table")]
    assert [t.caption for t in document.tables()] == [
        caption for caption in captions if not caption.startswith("Risikomatrix")
    ]
    assert any(caption.startswith("Skema 6.2.1") for caption in captions)
    ids = [node.attrs["id"] for node in root.iter() if "id" in node.attrs]
    assert len(ids) == len(set(ids))
    links = root.iter("nav")[0].iter("a")
    assert {link.attrs["href"][1:] for link in links} <= set(ids)


def test_the_example_in_english_says_so() -> None:
    document, folder = build_document(example_path(AssessmentKind.PFSA), "en")
    root = parse(render_html(document, folder))
    assert root.iter("html")[0].attrs["lang"] == "en"
    assert "RESTRICTED when completed" in root.iter("div")[0].all_text()


def test_tables_keep_their_rows_when_a_key_repeats(assets: Path) -> None:
    table = sample_document().tables()[1]
    html = render_html(replace(sample_document(), blocks=(table, table)), assets)
    tables = parse(html).iter("table")
    assert [node.attrs.get("id") for node in tables] == ["t-1-2", None]
    assert _table_texts(tables[0]) == _table_texts(tables[1])
    assert isinstance(table, Table)
