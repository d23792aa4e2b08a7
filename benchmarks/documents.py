"""Benchmark: building each document format of synthetic assessments, against the bare
libraries in the same run.

    .venv/bin/python benchmarks/documents.py [--sizes 100,300,900] [--repeat 1]

For each size: our DOCX against a bare python-docx document holding the same headings,
paragraphs and tables (filled row by row, the fast way), and our PDF against bare WeasyPrint
on plain HTML with the same content and page breaks (risk matrices as plain coloured
tables). HTML and XLSX are timed for information. Target: <= 1.5x
the bare library and linear growth.
"""

from __future__ import annotations

import argparse
import html
import io
import json
import tempfile
from pathlib import Path

import docx
import weasyprint

from bolvaerk.adapters.render.builtin import load_builtin_renderers
from bolvaerk.adapters.render.registry import renderer_for
from bolvaerk.domain.document.model import (
    Document,
    Heading,
    MatrixView,
    PageBreak,
    Paragraph,
    Table,
)
from bolvaerk.services.documents import build_document
from synthetic import best_of, synthetic  # benchmarks/ is on sys.path when run as a script


def bare_docx(document: Document) -> bytes:
    out = docx.Document()
    for block in document.blocks:
        if isinstance(block, Heading):
            out.add_heading(f"{block.number} {block.text}".strip(), level=min(block.level, 3))
        elif isinstance(block, Paragraph):
            out.add_paragraph(block.text)
        elif isinstance(block, Table):
            table = out.add_table(rows=0, cols=len(block.columns))
            header = table.add_row().cells
            for cell, column in zip(header, block.columns, strict=True):
                cell.text = column.title
            for row in block.rows:
                cells = table.add_row().cells
                for cell, value in zip(cells, row, strict=True):
                    cell.text = value.text
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def bare_html(document: Document) -> str:
    parts = ["<html><head><meta charset='utf-8'><style>@page{size:A4}</style></head><body>"]
    for block in document.blocks:
        if isinstance(block, Heading):
            level = min(block.level, 3)
            parts.append(
                f"<h{level}>{html.escape(block.number)} {html.escape(block.text)}</h{level}>"
            )
        elif isinstance(block, Paragraph):
            parts.append(f"<p>{html.escape(block.text)}</p>")
        elif isinstance(block, PageBreak):
            parts.append("<div style='break-before: page'></div>")
        elif isinstance(block, MatrixView):
            parts.append("<table border='1'>")
            for label, colours in zip(
                reversed(block.likelihood_labels), reversed(block.colours), strict=True
            ):
                cells = "".join(f"<td style='background:{c.value}'>&nbsp;</td>" for c in colours)
                parts.append(f"<tr><th>{html.escape(label)}</th>{cells}</tr>")
            labels = "".join(f"<th>{html.escape(c)}</th>" for c in block.consequence_labels)
            parts.append(f"<tr><td></td>{labels}</tr></table>")
        elif isinstance(block, Table):
            parts.append("<table border='1'><tr>")
            parts += [f"<th>{html.escape(c.title)}</th>" for c in block.columns]
            parts.append("</tr>")
            for row in block.rows:
                parts.append(
                    "<tr>" + "".join(f"<td>{html.escape(c.text)}</td>" for c in row) + "</tr>"
                )
            parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)


def bare_pdf(document: Document) -> bytes:
    return weasyprint.HTML(string=bare_html(document)).write_pdf()  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,300,900")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    load_builtin_renderers()
    print(f"{'crosses':>8} {'format':>6} {'bare':>9} {'ours':>9} {'ratio':>6} {'ms/cross':>9}")
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(s) for s in args.sizes.split(",")):
            path = Path(folder) / f"synthetic-{size}.json"
            path.write_text(json.dumps(synthetic(size), ensure_ascii=False), encoding="utf-8")
            document, assets = build_document(path, "da")
            build = best_of(args.repeat, lambda p=path: build_document(p, "da"))
            print(
                f"{size:>8} {'model':>6} {'':>9} {build:>8.2f}s {'':>6} {build / size * 1000:>9.2f}"
            )
            pairs = {"docx": bare_docx, "pdf": bare_pdf, "html": None, "xlsx": None}
            for name, bare in pairs.items():
                render = renderer_for(name).render
                ours = best_of(args.repeat, lambda r=render, d=document, a=assets: r(d, a))
                per_cross = ours / size * 1000
                if bare is None:
                    print(f"{size:>8} {name:>6} {'':>9} {ours:>8.2f}s {'':>6} {per_cross:>9.2f}")
                    continue
                base = best_of(args.repeat, lambda b=bare, d=document: b(d))
                print(
                    f"{size:>8} {name:>6} {base:>8.2f}s {ours:>8.2f}s {ours / base:>6.2f} "
                    f"{ours / size * 1000:>9.2f}"
                )


if __name__ == "__main__":
    main()
