"""Word (.docx) reports: the body as a reader sees it, one line per paragraph.

python-docx opens the package and the styles; the body XML is walked here,
because ``paragraph.text`` drops tracked insertions, content controls and field
results, ``document.paragraphs`` skips paragraphs inside content controls, and
no library renders Word's automatic numbering (see :mod:`wordnum`).

Kept: body paragraphs in order (also inside tables, content controls and text
boxes), numbering labels, tracked insertions, field results. Left out: headers,
footers, footnotes, comments, deleted text, hidden text, field codes, the
``mc:Fallback`` copy of a text box, table-of-contents entries.
Each line's location is ``{"paragraph": n}``: n counts the body's paragraphs as Word shows
them, empty ones included (a table row counts as one and also carries ``table`` and ``row``;
a form's row, label | text, is two lines of the same location, and so are the cells' lines of
a laid-out table's row).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import regex

from checker.errors import ReadError
from checker.readers.archive import open_zip
from checker.readers.tables import UnitCarrier, figure_cell, form_row, label_cell
from checker.readers.wordnum import Numbering, W
from checker.text.document import EMPHASIS_LEVEL, Document, may_be_emphasis_heading

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEADING_NAME = regex.compile(r"^(?:heading|标题)\s*([1-9])$", regex.IGNORECASE)
TOC_NAME = regex.compile(r"^(?:toc|目录)\s*\d$", regex.IGNORECASE)
# Inline containers whose content is not shown: deleted or moved-away text, properties.
SKIPPED_INLINE = {W + "del", W + "moveFrom", W + "pPr", W + "rPr", W + "sdtPr", W + "sdtEndPr",
                  MC + "Fallback", W + "txbxContent"}
CELL_SEPARATOR = " "


# ---------------------------------------------------------------- the package


def _check_container(data: bytes, path: str) -> None:
    """Refuse what is not a sane zip before python-docx unpacks it."""
    if data.startswith(CFB_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ReadError(path, "Word 文档已加密（设置了打开密码），请取消密码后另存为 .docx 再检查")
        raise ReadError(path, "文件内容是旧版 Word（.doc）或其他 OLE 格式，不是 .docx：请把扩展名改为 .doc 再检查")
    if not data.startswith(b"PK"):
        raise ReadError(path, "不是有效的 Word 文档（.docx 应为 zip 压缩包格式），文件可能已损坏或扩展名有误")
    open_zip(data, path, "Word 文档")


def _open(data: bytes, path: str) -> Any:
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except ValueError as exc:
        if "content type" in str(exc):
            raise ReadError(path, "不是 Word 文档（可能是改了扩展名的表格、演示文稿或其他文件）") from None
        raise ReadError(path, BROKEN) from None
    except KeyError:
        raise ReadError(path, "Word 文档已损坏（缺少必需的部件），无法打开") from None
    except Exception:  # any failure of the package plumbing means a broken file
        raise ReadError(path, BROKEN) from None


# What a drafter reads: the library's own words (English, a class name) tell them nothing.
BROKEN = "Word 文档已损坏，无法打开"


# ---------------------------------------------------------------- styles


@dataclass
class StyleInfo:
    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    outline: int | None
    centered: bool | None
    bold: bool | None = None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _on(rpr: Any, tag: str) -> bool | None:
    """A toggle property of run properties (``<w:b/>``, ``<w:b w:val="0"/>``); None when unset."""
    node = rpr.find(W + tag) if rpr is not None else None
    if node is None:
        return None
    return node.get(W + "val") not in ("0", "false", "off")


def _child_val(element: Any, *path: str) -> str | None:
    node = element
    for tag in path:
        if node is None:
            return None
        node = node.find(W + tag)
    return node.get(W + "val") if node is not None else None


def _bold_run(run: Any, style_bold: bool) -> bool:
    own = _on(run.find(W + "rPr"), "b")
    return style_bold if own is None else own


class Styles:
    """Paragraph styles with their basedOn chain resolved on demand."""

    def __init__(self, styles_element: Any) -> None:
        self._styles: dict[str, StyleInfo] = {}
        self.default: str | None = None
        for style in styles_element.iterfind(W + "style") if styles_element is not None else []:
            if style.get(W + "type") not in (None, "paragraph"):
                continue
            style_id = style.get(W + "styleId")
            if not style_id:
                continue
            ppr = style.find(W + "pPr")
            jc = _child_val(ppr, "jc")
            self._styles[style_id] = StyleInfo(
                name=(_child_val(style, "name") or "").strip(),
                based_on=_child_val(style, "basedOn"),
                num_id=_child_val(ppr, "numPr", "numId"),
                ilvl=_int(_child_val(ppr, "numPr", "ilvl")),
                outline=_int(_child_val(ppr, "outlineLvl")),
                centered=None if jc is None else jc == "center",
                bold=_on(style.find(W + "rPr"), "b"),
            )
            if style.get(W + "default") in ("1", "true"):
                self.default = style_id

    def chain(self, style_id: str | None) -> Iterator[tuple[str, StyleInfo]]:
        seen: set[str] = set()
        current = style_id or self.default
        while current and current not in seen and current in self._styles:
            seen.add(current)
            info = self._styles[current]
            yield current, info
            current = info.based_on

    def name(self, style_id: str | None) -> str:
        for _, info in self.chain(style_id):
            return info.name
        return ""

    def heading_level(self, style_id: str | None) -> int | None:
        for _, info in self.chain(style_id):
            match = HEADING_NAME.match(info.name)
            if match:
                return int(match.group(1))
            if info.outline is not None and 0 <= info.outline <= 8:
                return info.outline + 1
        return None

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        for _, info in self.chain(style_id):
            if info.num_id is not None:
                return info.num_id, info.ilvl
        return None, None

    def bold(self, style_id: str | None) -> bool:
        for _, info in self.chain(style_id):
            if info.bold is not None:
                return info.bold
        return False

    def centered(self, style_id: str | None) -> bool:
        for _, info in self.chain(style_id):
            if info.centered is not None:
                return info.centered
        return False


# ---------------------------------------------------------------- the body


@dataclass
class Line:
    text: str
    location: dict[str, int]
    heading: int | None = None


class BodyWalker:
    """Walks the body in order and collects one :class:`Line` per non-empty paragraph or row."""

    def __init__(self, numbering: Numbering, styles: Styles) -> None:
        self.numbering = numbering
        self.styles = styles
        self.lines: list[Line] = []
        self.paragraphs = 0
        self.tables = 0

    # blocks -------------------------------------------------------------

    def blocks(self, container: Any) -> None:
        for child in container:
            tag = child.tag
            if tag == W + "p":
                self.paragraph(child)
            elif tag == W + "tbl":
                self.table(child)
            elif tag == MC + "AlternateContent":
                choice = child.find(MC + "Choice")
                if choice is not None:
                    self.blocks(choice)
            elif tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "moveTo",
                         W + "smartTag"):
                self.blocks(child)

    def paragraph(self, p: Any) -> None:
        text, boxes = self.paragraph_text(p)
        if text is not None:
            self.paragraphs += 1  # an empty paragraph too: Word shows it, a reader counts it
        if text is not None and text.strip():
            heading = self._heading_hint(p)
            if heading is None and self._bold_line(p, text):
                heading = EMPHASIS_LEVEL
            for k, part in enumerate(text.split("\n")):
                self.lines.append(Line(part.rstrip(), {"paragraph": self.paragraphs},
                                       heading if k == 0 else None))
        for box in boxes:
            self.blocks(box)

    def paragraph_text(self, p: Any) -> tuple[str | None, list[Any]]:
        """The paragraph's text with its numbering label; None for a TOC entry or deleted paragraph."""
        ppr = p.find(W + "pPr")
        style_id = _child_val(ppr, "pStyle")
        if TOC_NAME.match(self.styles.name(style_id)):
            return None, []
        parts: list[str] = []
        boxes: list[Any] = []
        self.inline(p, parts, boxes)
        text = "".join(parts)
        deleted_mark = ppr is not None and ppr.find(W + "rPr") is not None \
            and ppr.find(W + "rPr").find(W + "del") is not None
        if deleted_mark and not text.strip():
            return None, boxes
        label = self._label(ppr, style_id)
        if label:
            text = label + text.lstrip(" \t\u3000")
        return text, boxes

    def _label(self, ppr: Any, style_id: str | None) -> str:
        num_id = _child_val(ppr, "numPr", "numId")
        ilvl = _int(_child_val(ppr, "numPr", "ilvl"))
        if num_id is None:
            num_id, style_ilvl = self.styles.numbering(style_id)
            if num_id is None:
                return ""
            if ilvl is None and style_id:
                ilvl = self.numbering.level_for_style(num_id, style_id)
            if ilvl is None:
                ilvl = style_ilvl
        if num_id == "0":
            return ""  # numbering switched off for this paragraph
        ilvl = ilvl or 0
        label = self.numbering.label(num_id, ilvl)
        if not label:
            return ""
        suffix = self.numbering.suffix(num_id, ilvl)
        # A tab or space after 一、 or （一） is layout; after 1. it keeps "1. 加强" readable.
        if suffix == "nothing" or label[-1] in "、）)．。：:":
            return label
        return label + " "

    def _bold_line(self, p: Any, text: str) -> bool:
        """A short line set in bold all through and not centred (a centred one is the title)."""
        if not may_be_emphasis_heading(text):
            return False
        ppr = p.find(W + "pPr")
        style_id = _child_val(ppr, "pStyle")
        jc = _child_val(ppr, "jc")
        if (jc == "center") if jc is not None else self.styles.centered(style_id):
            return False
        style_bold = self.styles.bold(style_id)
        runs = [r for r in p.iter(W + "r") if "".join(t.text or "" for t in r.iter(W + "t")).strip()]
        return bool(runs) and all(_bold_run(r, style_bold) for r in runs)

    def _heading_hint(self, p: Any) -> int | None:
        ppr = p.find(W + "pPr")
        style_id = _child_val(ppr, "pStyle")
        jc = _child_val(ppr, "jc")
        centered = jc == "center" if jc is not None else self.styles.centered(style_id)
        if centered:
            return None  # a centred heading-styled line is the document's title, not a section
        outline = _int(_child_val(ppr, "outlineLvl"))
        if outline is not None:
            return outline + 1 if 0 <= outline <= 8 else None
        return self.styles.heading_level(style_id)

    # inline content ------------------------------------------------------

    def inline(self, element: Any, parts: list[str], boxes: list[Any]) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in SKIPPED_INLINE:
                continue
            if tag == W + "r":
                self.run(child, parts, boxes)
            elif tag == MC + "AlternateContent":
                choice = child.find(MC + "Choice")
                if choice is not None:
                    self.inline(choice, parts, boxes)
            else:
                self.inline(child, parts, boxes)

    def run(self, run: Any, parts: list[str], boxes: list[Any]) -> None:
        rpr = run.find(W + "rPr")
        if rpr is not None:
            vanish = rpr.find(W + "vanish")
            if vanish is not None and vanish.get(W + "val") not in ("0", "false", "off"):
                return  # hidden text is not printed
        for child in run:
            tag = child.tag
            if tag == W + "t":
                parts.append(child.text or "")
            elif tag in (W + "tab", W + "ptab"):
                parts.append("\t")
            elif tag in (W + "br", W + "cr"):
                parts.append("\n")
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            elif tag == MC + "AlternateContent":
                choice = child.find(MC + "Choice")
                if choice is not None:
                    _find_boxes(choice, boxes)
            elif isinstance(tag, str) and tag not in SKIPPED_INLINE:
                _find_boxes(child, boxes)  # drawing / pict / object: text boxes only

    # tables --------------------------------------------------------------

    def table(self, tbl: Any) -> None:
        cells = [tc for tr in _unwrapped(tbl, W + "tr") for tc in _unwrapped(tr, W + "tc")]
        if len(cells) == 1:
            self.blocks(cells[0])  # a one-cell table is a frame around the text, not data
            return
        self.tables += 1
        merged: dict[int, str] = {}  # grid column → the label of the cell merged down from above
        rows = [self.row_cells(tr, merged) for tr in _unwrapped(tbl, W + "tr")]
        # A table with no figure in a cell of its own lays text out: its cells are blocks
        # (a signature block: contact line | issuer over date; a page in two columns).
        layout = not any(figure_cell(text) for texts, _, _ in rows for text in texts)
        units = UnitCarrier()
        for row_number, (texts, spans, blocks) in enumerate(rows, start=1):
            cells = [text for text in units.row(texts, spans) if text]
            if not cells:
                continue
            self.paragraphs += 1
            location = {"paragraph": self.paragraphs, "table": self.tables, "row": row_number}
            form = form_row(cells)
            if form is None and layout and any(len(block) > 1 for block in blocks):
                # a cell of several lines is a block of its own, not one value of a row: its lines
                # are lines (the 落款's issuer and date each stand apart), cell after cell
                for line in (line for block in blocks for line in block):
                    self.lines.append(Line(line.text, dict(location), line.heading))
                continue
            # a form's label on a line of its own, above its text (both in the row)
            for text in form or (CELL_SEPARATOR.join(cells),):
                self.lines.append(Line(text, dict(location)))

    def row_cells(self, tr: Any, merged: dict[int, str]) -> tuple[list[str], list[int], list[list[Line]]]:
        """A row's cell texts, the grid columns each spans, and each cell's own lines (an empty
        cell is "", with no lines).

        A cell merged down from the row above (``vMerge`` continuing) is empty in the file; Word
        shows the merged cell's text beside every row it spans. A label (行政复议 over its 收到申请
        and 办结 rows) names each of them, so it is repeated; a figure spanning rows (a total) is
        theirs together and stays in the first one, not counted again.
        """
        column = _int(_child_val(tr.find(W + "trPr"), "gridBefore")) or 0
        # a row starting right of the grid's first column (gridBefore): an empty cell stands in for
        # the columns it skips, so that its cells sit under their headers
        texts: list[str] = [""] if column else []
        spans: list[int] = [column] if column else []
        blocks: list[list[Line]] = [[]] if column else []
        for tc in _unwrapped(tr, W + "tc"):
            tcpr = tc.find(W + "tcPr")
            span = max(_int(_child_val(tcpr, "gridSpan")) or 1, 1)
            vmerge = tcpr.find(W + "vMerge") if tcpr is not None else None
            if vmerge is not None and vmerge.get(W + "val") != "restart":
                text = merged.get(column, "")
                lines = []
            else:
                lines = self.cell_lines(tc)
                text = " ".join(" ".join(line.text.split()) for line in lines)
                if vmerge is not None and label_cell(text):
                    merged[column] = text
                else:
                    merged.pop(column, None)
            texts.append(text)
            spans.append(span)
            blocks.append(lines)
            column += span
        return texts, spans, blocks

    def cell_lines(self, tc: Any) -> list[Line]:
        """A cell's paragraphs (and nested tables), a line each as in the body."""
        inner = BodyWalker(self.numbering, self.styles)
        inner.tables = self.tables
        inner.blocks(tc)
        self.tables = inner.tables
        return [line for line in inner.lines if line.text.strip()]


def _unwrapped(parent: Any, tag: str) -> Iterator[Any]:
    """Children with ``tag``, also when wrapped in content controls or custom XML."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "moveTo"):
            yield from _unwrapped(child, tag)


def _find_boxes(element: Any, boxes: list[Any]) -> None:
    """Text-box contents under a drawing, outside ``mc:Fallback``, outermost first."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag == MC + "Fallback":
            continue
        if tag == W + "txbxContent":
            boxes.append(child)
        else:
            _find_boxes(child, boxes)


# ---------------------------------------------------------------- entry point


def read(data: bytes, path: str) -> Document:
    _check_container(data, path)
    package = _open(data, path)
    try:
        body = package.element.body
        numbering_element = _numbering_element(package)
        styles_element = package.styles.element
        title = (package.core_properties.title or "").strip()
    except Exception:  # malformed parts surface lazily in python-docx
        raise ReadError(path, "Word 文档已损坏，无法读取其中的内容") from None
    walker = BodyWalker(Numbering(numbering_element), Styles(styles_element))
    if body is not None:
        walker.blocks(body)
    document = Document(
        path=path,
        text="\n".join(line.text for line in walker.lines),
        format="docx",
        line_locations=[line.location for line in walker.lines],
        heading_levels={k: line.heading for k, line in enumerate(walker.lines) if line.heading},
    )
    if _useful_title(title):
        document.metadata["title"] = title
    return document


def _numbering_element(package: Any) -> Any:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    part = package.part
    for rel in part.rels.values():
        if rel.reltype == RT.NUMBERING and not rel.is_external:
            return rel.target_part.element
    return None


def _useful_title(title: str) -> bool:
    """A file-properties title worth citing: Chinese words, not a file name or template name."""
    han = sum(1 for ch in title if "\u4e00" <= ch <= "\u9fff")
    return han >= 4 and len(title) <= 80 and not regex.search(r"\.(?:docx?|wps|dotx?)$|Microsoft", title)
