"""PDF reports (text layer): lines rebuilt from character positions, re-joined into paragraphs.

Why positions and not PDFium's own text order: printers write runs in any
order (LibreOffice emits a quotation mark after the words it encloses), and a
line's characters sorted left to right read as printed. The steps:

1. characters with their boxes, per page (PDFium's inferred spaces and line
   ends dropped: gaps between characters decide where a space goes);
2. characters grouped into lines by vertical position, sorted by x;
3. running headers, footers and page numbers removed (a page-number pattern on
   a page's first or last line, or a line repeated at the edge of most pages);
4. lines re-joined into paragraphs: a line continues the previous one when the
   previous line was filled to the right margin (the next word would not have
   fitted), the next line is not indented and no extra space separates them.
   Joined without a space between Chinese characters, so 人大常 / 委会 matches.

Each paragraph becomes one line of the document; its location is the page and
the line on that page (furniture not counted) where it starts.
PDFium is not thread-safe: read PDFs in processes, not threads.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from functools import partial
from itertools import pairwise
from statistics import median
from typing import Any

import regex

from checker.errors import ReadError
from checker.readers import limits
from checker.text.document import Document

# Page furniture, as data: a line matching one of these on a page's first or last
# line is a page number, never report text.
PAGE_NUMBER_PATTERNS = (
    r"[-—–－―─~～\s]*\d{1,4}[-—–－―─~～\s]*",  # — 1 —, -1-, 12
    r"第\s*\d{1,4}\s*页(?:\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?",  # 第1页, 第1页 共3页
    r"共\s*\d{1,4}\s*页\s*[,，/、]?\s*第\s*\d{1,4}\s*页",  # 共3页 第1页
    r"\d{1,4}\s*/\s*\d{1,4}",  # 1/3
    r"(?i:page)\s*\d{1,4}(?:\s*(?i:of)\s*\d{1,4})?",  # Page 1 of 3
    r"[-—–－―─\s]*[一二三四五六七八九十百]{1,4}[-—–－―─\s]+",  # — 一 —
)
PAGE_NUMBER = regex.compile("^(?:" + "|".join(PAGE_NUMBER_PATTERNS) + ")$")
EDGE_LINES = 3  # how many lines at the top and bottom of a page can be furniture
REPEAT_SHARE = 0.6  # a line at the edge of this share of the pages is a running header/footer
HEADING_START = regex.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.．、](?!\d)"
    r"|[（(]\d{1,2}[)）]|第[一二三四五六七八九十]{1,3}(?:部分|章|节))"
)
SENTENCE_END = set("。！？；：…")
OPENERS = set("（《“‘【〔「(")
CLOSERS = set("，。、；：！？）》”’】〕」,.;:!?)")
LINE_TOLERANCE = 0.35  # share of the line height within which two characters sit on one line
INDENT = 0.9  # a first line indented by this many character widths starts a paragraph
RIGHT_SLACK = 0.5  # a line this close to the margin (in character widths) was full
PARAGRAPH_GAP = 1.45  # line pitch above this multiple of the usual pitch starts a paragraph
UNMAPPED_SHARE = 0.3  # more unmappable glyphs than this: the text layer is unusable
UNMAPPED = frozenset({0, 0xFFFD, 0xFFFE, 0xFFFF})  # glyphs with no Unicode mapping
SKIPPED = frozenset({0x20, 0xA0, 0x3000, 0xD, 0xA})


@dataclass(slots=True)
class Char:
    ch: str
    left: float
    right: float
    bottom: float
    top: float
    middle: float = field(init=False)
    height: float = field(init=False)

    def __post_init__(self) -> None:
        self.middle = (self.bottom + self.top) / 2
        self.height = self.top - self.bottom


@dataclass
class Line:
    """A printed line; its geometry is computed once, its characters never change."""

    page: int
    chars: list[Char]
    text: str = ""
    number: int = 0  # 1-based line on its page after furniture is removed
    left: float = field(init=False)
    right: float = field(init=False)
    top: float = field(init=False)
    bottom: float = field(init=False)
    em: float = field(init=False)

    def __post_init__(self) -> None:
        chars = self.chars
        self.left = chars[0].left
        self.right = chars[-1].right
        self.top = max(c.top for c in chars)
        self.bottom = min(c.bottom for c in chars)
        heights = [c.height for c in chars if c.height > 0]
        self.em = median(heights) if heights else 10.0


@dataclass
class PageLines:
    number: int
    lines: list[Line] = field(default_factory=list)


def is_wide(ch: str) -> bool:
    """Chinese characters and full-width punctuation: no spaces between them."""
    code = ord(ch)
    return (0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF
            or 0x3000 <= code <= 0x303F or ch in "“”‘’…—·")


# ---------------------------------------------------------------- opening


def _open(data: bytes, path: str) -> Any:
    import pypdfium2 as pdfium

    if b"%PDF" not in data[:1024]:
        raise ReadError(path, "不是有效的 PDF 文件（缺少 PDF 文件头），文件可能已损坏或扩展名有误")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == 4 or "password" in str(exc).lower():
            raise ReadError(path, "PDF 文件已加密（需要打开密码），请提供未加密的文件") from None
        if code == 6 or "security" in str(exc).lower():
            raise ReadError(path, "PDF 文件使用了不支持的加密方式，无法读取") from None
        raise ReadError(path, "PDF 文件已损坏，无法打开") from None


def _page_codes(textpage: Any, count: int) -> list[int]:
    """Every character's code point in one call (one UTF-16 unit per character index);
    per-character calls when the page holds characters outside the BMP."""
    import pypdfium2.raw as raw

    buffer = ctypes.create_string_buffer((count + 1) * 2)
    written = raw.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    units = buffer.raw[:max(written - 1, 0) * 2]
    codes = [int.from_bytes(units[k:k + 2], "little") for k in range(0, len(units), 2)]
    if len(codes) != count or any(0xD800 <= code <= 0xDFFF for code in codes):
        codes = [raw.FPDFText_GetUnicode(textpage, index) for index in range(count)]
    return codes


def _page_chars(textpage: Any, budget: int) -> tuple[list[Char], int]:
    """The page's characters with loose boxes; PDFium's generated spaces and breaks dropped."""
    import pypdfium2.raw as raw

    count = max(min(raw.FPDFText_CountChars(textpage), budget), 0)
    rect = raw.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    chars: list[Char] = []
    unmapped = 0
    get_box = raw.FPDFText_GetLooseCharBox
    for index, code in enumerate(_page_codes(textpage, count) if count else []):
        if code in UNMAPPED:
            unmapped += 1
        elif code in SKIPPED or code < 0x20 or code > 0x10FFFF:
            continue  # spaces, line ends, controls: the gaps and positions decide
        elif get_box(textpage, index, rect_ref):
            chars.append(Char(chr(code), rect.left, rect.right, rect.bottom, rect.top))
    return chars, unmapped


# ---------------------------------------------------------------- lines


def _lines(page: int, chars: list[Char]) -> list[Line]:
    """Group characters into lines by vertical position; each line sorted left to right."""
    ordered = sorted(chars, key=lambda c: -c.middle)
    groups: list[list[Char]] = []
    middle = height = 0.0
    for char in ordered:
        if groups and abs(char.middle - middle) <= LINE_TOLERANCE * max(height, char.height, 1.0):
            group = groups[-1]
            group.append(char)
            middle += (char.middle - middle) / len(group)
            height = max(height, char.height)
        else:
            groups.append([char])
            middle, height = char.middle, char.height
    lines = []
    for group in groups:
        group.sort(key=lambda c: c.left)
        line = Line(page, group)
        line.text = _line_text(group, line.em)
        if line.text.strip():
            lines.append(line)
    return lines


def _line_text(chars: list[Char], em: float) -> str:
    """Characters with a space where the gap says so: a word gap between Latin letters or
    digits, or a wide gap (table cells); never between Chinese characters set tight."""
    out: list[str] = []
    previous: Char | None = None
    for char in chars:
        if previous is not None:
            gap = char.left - previous.right
            both_narrow = not is_wide(previous.ch) and not is_wide(char.ch)
            if gap > 0.9 * em or (both_narrow and gap > 0.15 * em):
                out.append(" ")
        out.append(char.ch)
        previous = char
    return "".join(out)


# ---------------------------------------------------------------- furniture


DIGITS = regex.compile(r"\d+")


def _furniture_key(text: str) -> str:
    """Running headers differ only in their page number: compare them with digits masked."""
    key: str = DIGITS.sub("#", "".join(text.split()))
    return key


def _remove_furniture(pages: list[PageLines]) -> None:
    """Drop page numbers and running headers/footers from the top and bottom of each page.

    A running header is the same text (page numbers masked) at the same height on most
    pages; the same words elsewhere (a title that is also the signature) are report text.
    """
    places: dict[str, list[tuple[int, int, float, float]]] = {}
    for page_index, page in enumerate(pages):
        for position in _edge_positions(len(page.lines)):
            line = page.lines[position]
            places.setdefault(_furniture_key(line.text), []).append(
                (page_index, position, line.bottom, line.em))
    threshold = max(2.0, REPEAT_SHARE * len(pages))
    drop: set[tuple[int, int]] = set()
    for occurrences in places.values():
        if len({page for page, _, _, _ in occurrences}) < threshold:
            continue
        for _, _, height, em in occurrences:
            same_place = [(page, position) for page, position, bottom, _ in occurrences
                          if abs(bottom - height) <= 0.5 * em]
            if len({page for page, _ in same_place}) >= threshold:
                drop.update(same_place)
                break
    for page_index, page in enumerate(pages):
        kept = [k for k in range(len(page.lines)) if (page_index, k) not in drop]
        # page numbers: the outermost remaining line at the top or bottom
        for position in kept[:1] + kept[-1:]:
            if PAGE_NUMBER.match(page.lines[position].text.strip()):
                drop.add((page_index, position))
        page.lines = [line for k, line in enumerate(page.lines) if (page_index, k) not in drop]
        for number, line in enumerate(page.lines, start=1):
            line.number = number


def _edge_positions(count: int) -> list[int]:
    return sorted(set(range(min(EDGE_LINES, count))) | set(range(max(count - EDGE_LINES, 0), count)))


# ---------------------------------------------------------------- paragraphs


@dataclass
class Geometry:
    """The text block of a page: left edge, right edge, usual line pitch."""

    left: float
    right: float
    pitch: float


def _geometry(lines: list[Line], fallback: Geometry | None) -> Geometry:
    if len(lines) < 3 and fallback is not None:
        return fallback
    lefts = [round(line.left) for line in lines]
    left = min(set(lefts), key=lambda x: (-lefts.count(x), x)) if lefts else 0.0
    # Full lines end at the margin (justified) or within a character of it (ragged);
    # last lines of paragraphs end anywhere: the median of the longer half is the margin.
    rights = sorted(line.right for line in lines)
    longer = rights[len(rights) // 2:]
    right = median(longer) if longer else 0.0
    pitches = [a.bottom - b.bottom for a, b in pairwise(lines)
               if a.bottom - b.bottom > 0]
    pitch = median(pitches) if pitches else (fallback.pitch if fallback else 0.0)
    return Geometry(float(left), right, pitch)


def _first_unit_width(line: Line) -> float:
    """Width of what had to move to this line together: one Chinese character with the
    punctuation that may not start a line, or a whole Latin word or number; an opening
    bracket or quotation mark may not end a line, so it carries what follows it."""
    chars = line.chars
    start = 0
    while start < len(chars) - 1 and chars[start].ch in OPENERS:
        start += 1
    if is_wide(chars[start].ch):
        end = start + 1
        while end < len(chars) and chars[end].ch in CLOSERS:
            end += 1
    else:
        end = start + 1
        while end < len(chars) and not is_wide(chars[end].ch) and \
                chars[end].left - chars[end - 1].right < 0.15 * line.em:
            end += 1
    return chars[end - 1].right - chars[0].left


def _continues(previous: Line, line: Line, geometry: Geometry, same_page: bool) -> bool:
    """Does ``line`` continue the paragraph that ``previous`` belongs to?"""
    em = max(previous.em, 1.0)
    if line.left > geometry.left + INDENT * em:
        return False  # indented first line, or a centred line
    if same_page and geometry.pitch and previous.bottom - line.bottom > PARAGRAPH_GAP * geometry.pitch:
        return False  # extra space before the line
    if previous.right + _first_unit_width(line) < geometry.right - RIGHT_SLACK * em:
        return False  # the previous line stopped short: its paragraph ended there
    return not (previous.text.rstrip()[-1:] in SENTENCE_END and HEADING_START.match(line.text))


def _join(left: str, right: str) -> str:
    if not left or not right:
        return left + right
    a, b = left[-1], right[0]
    if is_wide(a) or is_wide(b) or a == "-":
        return left + right
    return left + " " + right


def _paragraphs(pages: list[PageLines]) -> tuple[list[str], list[dict[str, int]]]:
    texts: list[str] = []
    locations: list[dict[str, int]] = []
    previous: Line | None = None
    fallback: Geometry | None = None
    for page in pages:
        geometry = _geometry(page.lines, fallback)
        fallback = geometry
        for line in page.lines:
            if previous is not None and _continues(previous, line, geometry, previous.page == line.page):
                texts[-1] = _join(texts[-1], line.text)
            else:
                texts.append(line.text)
                locations.append({"page": line.page, "line": line.number})
            previous = line
    return texts, locations


def page_lines(page: int, chars: list[Char]) -> PageLines:
    """A page's printed lines from its characters (also for OFD and OCR text)."""
    return PageLines(page, _lines(page, chars))


def layout(pages: list[PageLines]) -> tuple[list[str], list[dict[str, int]]]:
    """Furniture removed, lines re-joined into paragraphs: one text line and its
    ``{"page", "line"}`` location per paragraph (also for OFD and OCR text)."""
    _remove_furniture(pages)
    return _paragraphs(pages)


# ---------------------------------------------------------------- scanned pages


def _has_image(page: Any) -> bool:
    import pypdfium2.raw as raw

    return next(iter(page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,), max_depth=3)), None) is not None


def _recognise(pdf: Any, scanned: list[int], pages: list[PageLines], warnings: list[str],
               path: str) -> set[int]:
    """Pages that are pictures (a scan, or a signed page scanned into a typed report)
    go to OCR when the extra is installed; the page numbers read that way."""
    from checker.readers import ocr

    if not ocr.available():
        if not any(page.lines for page in pages):
            raise ReadError(path, ocr.missing_message("PDF 没有文字层（是扫描件或图片）"))
        listed = "、".join(str(index + 1) for index in scanned)
        warnings.append(ocr.missing_message(f"PDF 第 {listed} 页只有图片，未识别"))
        return set()

    def render(index: int) -> Any:
        page = pdf[index]
        scale = ocr.RENDER_DPI / 72
        width, height = page.get_size()
        pixels = width * height * scale * scale
        if pixels > ocr.max_pixels():  # a poster-sized page: fewer dots per inch, same picture
            scale *= (ocr.max_pixels() / pixels) ** 0.5
        bitmap = page.render(scale=scale)
        try:
            return bitmap.to_numpy().copy()  # the array must outlive the bitmap's buffer
        finally:
            bitmap.close()
            page.close()

    jobs = [(index + 1, partial(render, index)) for index in scanned]
    recognised, notes = ocr.recognise(jobs, path)
    warnings.extend(notes)
    for number, lines in recognised.items():
        pages[number - 1] = lines
    return set(recognised)


# ---------------------------------------------------------------- entry point


def read(data: bytes, path: str) -> Document:
    pdf = _open(data, path)
    bounds = limits.current()
    try:
        page_count = len(pdf)
        warnings: list[str] = []
        if page_count > bounds.pdf_pages:
            warnings.append(f"PDF 共 {page_count} 页，只检查前 {bounds.pdf_pages} 页")
        pages: list[PageLines] = []
        budget = bounds.pdf_chars
        total = unmapped = 0
        scanned: list[int] = []  # pages with pictures and no text layer
        for index in range(min(page_count, bounds.pdf_pages)):
            page = pdf[index]
            textpage = page.get_textpage()
            chars, missing = _page_chars(textpage, budget)
            textpage.close()
            if not chars and not missing and _has_image(page):
                scanned.append(index)
            page.close()
            budget -= len(chars) + missing
            total += len(chars)
            unmapped += missing
            pages.append(PageLines(index + 1, _lines(index + 1, chars)))
            if budget <= 0:
                warnings.append(f"PDF 文字过多，只检查前 {index + 1} 页")
                break
        recognised = _recognise(pdf, scanned, pages, warnings, path) if scanned else set()
        total += sum(len(line.chars) for number in recognised for line in pages[number - 1].lines)
        title = (pdf.get_metadata_value("Title") or "").strip()
    except ReadError:
        raise
    except Exception as exc:  # PDFium reports damage lazily, page by page
        raise ReadError(path, f"PDF 文件已损坏，无法读取（{type(exc).__name__}）") from None
    finally:
        pdf.close()
    if total == 0:
        if unmapped:
            raise ReadError(path, "PDF 的文字无法提取（字体缺少编码映射），请改用 Word 原文件检查")
        raise ReadError(path, "PDF 没有文字层（可能是扫描件或图片），无法检查；请提供 Word 原文件或可复制文字的 PDF")
    if unmapped > UNMAPPED_SHARE * (total + unmapped):
        raise ReadError(path, "PDF 的文字大部分无法提取（字体缺少编码映射），请改用 Word 原文件检查")
    _remove_furniture(pages)
    texts, locations = _paragraphs(pages)
    document = Document(path=path, text="\n".join(texts), format="pdf",
                        line_locations=locations, warnings=warnings)
    document.ocr_lines = {k for k, where in enumerate(locations) if where["page"] in recognised}
    document.metadata["pages"] = str(page_count)
    han = sum(1 for ch in title if "\u4e00" <= ch <= "\u9fff")
    if han >= 4 and len(title) <= 80:
        document.metadata["title"] = title
    return document
