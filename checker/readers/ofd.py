"""OFD files (GB/T 33190-2016, the national format for fixed-layout documents).

An OFD is a zip: ``OFD.xml`` names each document's root (``DocRoot``), the
document (``Document.xml``) lists its pages (``Pages/Page@BaseLoc``), and each
page's ``Content.xml`` holds layers of ``TextObject``s whose ``TextCode``s carry
their characters' positions: ``X``/``Y`` of the first character (baseline) in the
object's ``Boundary``, ``DeltaX`` the advance to each next one (``g N d`` repeats
``d`` N times). Units are millimetres, y grows downwards.

The characters are handed to the PDF reader's line and paragraph rebuilding
(:func:`checker.readers.pdf.layout`): lines by position, running headers and page
numbers removed, paragraphs re-joined; locations are page and line.

Not read: template pages (where producers put headers and page numbers),
annotations and signatures (seals, signed values), images — except that a page
with images and no text goes to OCR, like a scanned PDF.
"""

from __future__ import annotations

import math
import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from functools import partial
from typing import Any

import regex

from checker.errors import ReadError
from checker.readers import limits
from checker.readers.archive import open_zip
from checker.readers.layout import Char, PageLines, is_wide, layout, page_lines
from checker.text.document import Document

LABEL = "OFD 文件"
POINTS_PER_MM = 72 / 25.4  # the PDF layout thresholds were tuned in points
ASCENT = 0.88  # share of the font size above the baseline (the PDF fixtures' fonts)
NUMBER = regex.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
LIMIT_MM = 1e6  # coordinates beyond a kilometre are damage, not layout
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp")


@dataclass
class Box:
    x: float
    y: float
    width: float
    height: float


def _parser() -> Any:
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


class Package:
    """The zip's parts, parsed on demand; paths resolved as the standard says (relative
    to the referring part's folder, or absolute from the package root)."""

    def __init__(self, archive: zipfile.ZipFile, path: str) -> None:
        self.archive = archive
        self.path = path
        self.names = {name.lstrip("/"): name for name in archive.namelist()}

    def resolve(self, base: str, reference: str) -> str:
        reference = reference.strip().replace("\\", "/")
        joined = reference.lstrip("/") if reference.startswith("/") else \
            posixpath.join(posixpath.dirname(base), reference)
        return posixpath.normpath(joined).lstrip("/")

    def read(self, name: str) -> bytes:
        real = self.names.get(name) or self._case_insensitive(name)
        if real is None:
            raise ReadError(self.path, f"{LABEL}已损坏（缺少部件 {name}）")
        try:
            return self.archive.read(real)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError):
            raise ReadError(self.path, f"{LABEL}已损坏（部件 {name} 无法解压）") from None

    def _case_insensitive(self, name: str) -> str | None:
        lowered = name.lower()
        return next((real for key, real in self.names.items() if key.lower() == lowered), None)

    def xml(self, name: str) -> Any:
        from lxml import etree

        try:
            return etree.fromstring(self.read(name), _parser())
        except etree.XMLSyntaxError:
            raise ReadError(self.path, f"{LABEL}已损坏（部件 {name} 不是有效的 XML）") from None


def _numbers(text: str | None) -> list[float]:
    """The numbers of an attribute, each within ±LIMIT_MM (a hostile 1e308 stays finite)."""
    return [min(max(float(n), -LIMIT_MM), LIMIT_MM) for n in NUMBER.findall(text or "")]


def _box(text: str | None) -> Box | None:
    values = _numbers(text)
    return Box(*values[:4]) if len(values) >= 4 else None


def _deltas(text: str | None, count: int) -> list[float]:
    """DeltaX/DeltaY: numbers, with ``g N d`` for N repetitions of d (at most ``count``)."""
    out: list[float] = []
    tokens = (text or "").split()
    at = 0
    while at < len(tokens) and len(out) < count:
        token = tokens[at]
        if token == "g" and at + 2 < len(tokens):
            try:
                repeat, value = int(float(tokens[at + 1])), float(tokens[at + 2])
            except ValueError:
                break
            if not math.isfinite(value):
                break
            out.extend([value] * max(0, min(repeat, count - len(out))))
            at += 3
            continue
        try:
            value = float(token)
        except ValueError:
            break
        if not math.isfinite(value):
            break
        out.append(value)
        at += 1
    return [min(max(value, -LIMIT_MM), LIMIT_MM) for value in out]


def _local(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child_text(element: Any, name: str) -> str:
    found = element.find(f"{{*}}{name}")
    if found is None:
        found = element.find(name)
    return (found.text or "").strip() if found is not None and found.text else ""


# ---------------------------------------------------------------- text objects


@dataclass
class PageText:
    chars: list[Char]
    images: list[tuple[Box, str]]  # (where, resource id) of image objects, for OCR


def _text_object(element: Any, chars: list[Char], budget: int) -> None:
    boundary = _box(element.get("Boundary"))
    if boundary is None:
        return
    size = (_numbers(element.get("Size")) or [3.5])[0]
    ctm = _numbers(element.get("CTM"))
    scale_x = ctm[0] if len(ctm) == 6 and ctm[0] > 0 else 1.0
    scale_y = ctm[3] if len(ctm) == 6 and ctm[3] > 0 else 1.0
    shift_x = ctm[4] if len(ctm) == 6 else 0.0
    shift_y = ctm[5] if len(ctm) == 6 else 0.0
    x = y = 0.0
    for code in element.iter("{*}TextCode", "TextCode"):
        text = code.text or ""
        if not text:
            continue
        x = (_numbers(code.get("X")) or [x])[0]
        y = (_numbers(code.get("Y")) or [y])[0]
        deltas = _deltas(code.get("DeltaX"), len(text) - 1)
        vertical = _deltas(code.get("DeltaY"), len(text) - 1)
        cx, cy = x, y
        for index, ch in enumerate(text):
            if len(chars) >= budget:
                return
            advance = deltas[index] if index < len(deltas) else (size if is_wide(ch) else size / 2)
            width = min(advance, size) if advance > 0 else (size if is_wide(ch) else size / 2)
            if not ch.isspace():
                left = boundary.x + shift_x + cx * scale_x
                baseline = boundary.y + shift_y + cy * scale_y
                height = size * scale_y
                chars.append(Char(ch, left * POINTS_PER_MM, (left + width * scale_x) * POINTS_PER_MM,
                                  -(baseline + (1 - ASCENT) * height) * POINTS_PER_MM,
                                  -(baseline - ASCENT * height) * POINTS_PER_MM))
            cx += advance
            if index < len(vertical):
                cy += vertical[index]
        x = cx


def _page_text(root: Any, budget: int) -> PageText:
    chars: list[Char] = []
    images: list[tuple[Box, str]] = []
    content = root.find("{*}Content")
    if content is None:
        content = root.find("Content")
    if content is None:
        return PageText(chars, images)
    for element in content.iter():
        name = _local(element)
        if name == "TextObject":
            _text_object(element, chars, budget)
        elif name == "ImageObject":
            box = _box(element.get("Boundary"))
            if box is not None and element.get("ResourceID"):
                images.append((box, element.get("ResourceID", "")))
    return PageText(chars, images)


# ---------------------------------------------------------------- the document


def _doc_root(package: Package) -> tuple[str, Any]:
    names = [n for n in package.names if n.lower() == "ofd.xml"]
    if not names:
        raise ReadError(package.path, f"不是有效的{LABEL}（压缩包中没有 OFD.xml）")
    ofd = package.xml(names[0])
    if _local(ofd) != "OFD":
        raise ReadError(package.path, f"不是有效的{LABEL}（OFD.xml 的根元素不是 OFD）")
    body = next((e for e in ofd.iter() if _local(e) == "DocBody"), None)
    if body is None or not _child_text(body, "DocRoot"):
        raise ReadError(package.path, f"{LABEL}已损坏（OFD.xml 中没有 DocRoot）")
    return package.resolve(names[0], _child_text(body, "DocRoot")), body


def _media(package: Package, document_name: str, document: Any) -> dict[str, str]:
    """Resource id -> part name of each image (MultiMedia in PublicRes/DocumentRes)."""
    out: dict[str, str] = {}
    common = document.find("{*}CommonData")
    if common is None:
        return out
    for element in common:
        if _local(element) not in ("PublicRes", "DocumentRes") or not (element.text or "").strip():
            continue
        res_name = package.resolve(document_name, element.text or "")
        try:
            res = package.xml(res_name)
        except ReadError:
            continue
        base = res.get("BaseLoc") or ""
        folder = package.resolve(res_name, base + "/x").rsplit("/", 1)[0] if base else posixpath.dirname(res_name)
        for media in res.iter("{*}MultiMedia", "MultiMedia"):
            file = _child_text(media, "MediaFile")
            if media.get("ID") and file:
                out[media.get("ID", "")] = package.resolve(folder + "/x", file)
    return out


def read(data: bytes, path: str) -> Document:
    archive = open_zip(data, path, LABEL)
    package = Package(archive, path)
    document_name, body = _doc_root(package)
    root = package.xml(document_name)
    pages_element = root.find("{*}Pages")
    page_refs = [] if pages_element is None else \
        [p.get("BaseLoc", "") for p in pages_element if _local(p) == "Page" and p.get("BaseLoc")]
    if not page_refs:
        raise ReadError(path, f"{LABEL}中没有页面")
    bounds = limits.current()
    warnings: list[str] = []
    if len(page_refs) > bounds.pdf_pages:
        warnings.append(f"OFD 共 {len(page_refs)} 页，只检查前 {bounds.pdf_pages} 页")
    budget = bounds.pdf_chars
    pages: list[PageLines] = []
    scans: dict[int, list[tuple[Box, str]]] = {}
    for number, reference in enumerate(page_refs[:bounds.pdf_pages], start=1):
        text = _page_text(package.xml(package.resolve(document_name, reference)), budget)
        budget -= len(text.chars)
        if not text.chars and text.images:
            scans[number] = text.images
        pages.append(page_lines(number, text.chars))
        if budget <= 0:
            warnings.append(f"OFD 文字过多，只检查前 {number} 页")
            break
    ocr_pages: set[int] = set()
    if scans:
        ocr_pages = _recognise(package, document_name, root, scans, pages, warnings)
    if not any(page.lines for page in pages):
        raise ReadError(path, f"{LABEL}中没有文字")
    texts, locations = layout(pages)
    document = Document(path=path, text="\n".join(texts), format="ofd", line_locations=locations,
                        warnings=warnings)
    document.ocr_lines = {k for k, where in enumerate(locations) if where["page"] in ocr_pages}
    document.metadata["pages"] = str(len(page_refs))
    info = next((e for e in body if _local(e) == "DocInfo"), None)
    title = _child_text(info, "Title") if info is not None else ""
    han = sum(1 for ch in title if "\u4e00" <= ch <= "\u9fff")
    if han >= 4 and len(title) <= 80:
        document.metadata["title"] = title
    return document


def _recognise(package: Package, document_name: str, root: Any, scans: dict[int, list[tuple[Box, str]]],
               pages: list[PageLines], warnings: list[str]) -> set[int]:
    """Pages that are pictures only (a scanned OFD): their largest image through OCR."""
    from checker.readers import ocr

    if not ocr.available():
        if not any(page.lines for page in pages):
            raise ReadError(package.path, ocr.missing_message("OFD 的页面只有图片（可能是扫描件）"))
        warnings.append(ocr.missing_message(f"第 {'、'.join(map(str, sorted(scans)))} 页只有图片，未识别；"))
        return set()
    media = _media(package, document_name, root)
    jobs = []
    for number, images in scans.items():
        _, resource = max(images, key=lambda item: item[0].width * item[0].height)
        name = media.get(resource)
        if name is not None and name.lower().endswith(IMAGE_SUFFIXES):
            jobs.append((number, partial(_picture, package, name)))
    recognised, notes = ocr.recognise(jobs, package.path)
    warnings.extend(notes)
    for number, lines in recognised.items():
        pages[number - 1] = lines
    return set(recognised)


def _picture(package: Package, name: str) -> Any:
    from checker.readers import ocr

    return ocr.decode_image(package.read(name), package.path)
