"""PDF reports: the characters of the text layer with their boxes, laid out by
:mod:`checker.readers.layout`; pages that are pictures go to OCR.

Why positions and not PDFium's own text order: printers write runs in any order, and
a line's characters sorted left to right read as printed. PDFium's inferred spaces
and line ends are dropped: gaps between characters decide where a space goes.

Each paragraph becomes one line of the document; its location is the page and
the line on that page (furniture not counted) where it starts.
PDFium is not thread-safe: read PDFs in processes, not threads.
"""

from __future__ import annotations

import ctypes
from functools import partial
from typing import Any

from checker.errors import ReadError
from checker.readers import limits
from checker.readers.layout import Char, PageLines, layout, page_lines
from checker.text.document import Document

UNMAPPED_SHARE = 0.3  # more unmappable glyphs than this: the text layer is unusable
UNMAPPED = frozenset({0, 0xFFFD, 0xFFFE, 0xFFFF})  # glyphs with no Unicode mapping
SKIPPED = frozenset({0x20, 0xA0, 0x3000, 0xD, 0xA})


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
            pages.append(page_lines(index + 1, chars))
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
    texts, locations = layout(pages)
    document = Document(path=path, text="\n".join(texts), format="pdf",
                        line_locations=locations, warnings=warnings)
    document.ocr_lines = {k for k, where in enumerate(locations) if where["page"] in recognised}
    document.metadata["pages"] = str(page_count)
    han = sum(1 for ch in title if "\u4e00" <= ch <= "\u9fff")
    if han >= 4 and len(title) <= 80:
        document.metadata["title"] = title
    return document
