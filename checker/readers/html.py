"""Web pages saved from government sites: the article body only, and the page's metadata.

Steps: decode the bytes here (lxml silently truncates a page declared gb2312 at
the first GBK-only character, so it never sees bytes); parse; collect metadata
(``<meta>`` tags, the 索引号/发布机构/生成日期 table, the 来源/发布时间 bar, the
``<h1>``); find the article: first the content containers CMS templates use
(data below), then the element with the densest prose; drop furniture inside it
(share bars, related links); turn blocks into lines (``<br>`` is a line break,
a table row is one line). Lines that only repeat the metadata table are kept as
metadata, not as report text. Each line's location is ``{"paragraph": n}``.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from typing import Any

import regex

from checker.errors import ReadError
from checker.readers import text as text_reader
from checker.readers.tables import UnitCarrier, form_row
from checker.readers.webmeta import MetadataCollector, is_metadata_line, related_links_start
from checker.text.document import EMPHASIS_LEVEL, Document, may_be_emphasis_heading

# ---- data: where government CMS templates put the article, most specific first.
CONTENT_SELECTORS = (
    "#zoom", ".TRS_Editor", "#UCAP-CONTENT", ".pages_content", ".article-content",
    ".xxgk_content", ".Custom_UnionStyle", ".view", "#Zoom", ".zoom", "#content", ".article_con",
    ".art_con", ".news_content", ".detail-content", ".content", ".article", "article", "main",
)
# ---- data: id/class words of page furniture (matched as whole words of the attribute).
FURNITURE_WORDS = frozenset({
    "nav", "navbar", "menu", "crumb", "crumbs", "breadcrumb", "breadcrumbs", "position",
    "location", "share", "bdshare", "sharebar", "related", "relate", "xglj", "footer", "foot",
    "copyright", "sidebar", "aside", "toolbar", "print", "pagination", "pager", "topbar", "top",
    "search", "login", "banner", "qrcode", "ewm", "fontsize", "zihao", "btn", "close", "logo",
})
FURNITURE_TAGS = frozenset({"script", "style", "noscript", "iframe", "form", "button", "select",
                            "input", "textarea", "nav", "footer", "aside", "object", "embed",
                            "svg", "canvas", "template", "head"})
# ---- data: lines that are page furniture wherever they stand.
FURNITURE_LINES = regex.compile(
    r"^(?:[【\[]?\s*(?:打印本页|打印|关闭窗口|关闭|返回顶部|收藏|纠错|分享)\s*[】\]]?\s*)+$"
    r"|^(?:分享到|扫一扫|相关链接|相关阅读|相关文件|上一篇|下一篇)[:：]?"
    r"|^当前位置[:：]"
)
BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "li",
    "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "center", "address", "figure", "figcaption",
    "hr", "caption", "table", "tbody", "thead", "tfoot", "td", "th", "body", "html",
})
CHARSET = regex.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([-\w.:]+)""", regex.IGNORECASE)
XML_ENCODING = regex.compile(rb"""^\s*<\?xml[^>]{0,100}encoding\s*=\s*["']([-\w.:]+)""")
XML_DECLARATION = regex.compile(r"^\s*<\?xml[^>]*\?>")
CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
WIDE_CHINESE = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030",
                "cp936": "gb18030", "windows-936": "gb18030", "euc-cn": "gb18030", "csgb2312": "gb18030",
                "big5": "big5hkscs", "x-x-big5": "big5hkscs"}
# Codecs Python knows that are no web page's character set (a page declaring one is read
# as if it declared none); codecs that are not text encodings at all (hex, rot13, zlib,
# base64) are refused by their lookup.
NOT_CHARSETS = frozenset({"idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined",
                          "utf-7"})
MIN_CONTENT_CHARS = 80
PROSE_MIN = 20


# ---------------------------------------------------------------- decoding


def declared_encoding(data: bytes) -> str | None:
    head = data[:4096]
    match = XML_ENCODING.match(head) or CHARSET.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    name = WIDE_CHINESE.get(name, name)
    try:
        info = codecs.lookup(name)
        b" ".decode(info.name)  # LookupError for a codec that is not a text encoding
    except LookupError:
        return None
    except (UnicodeError, ValueError):
        pass  # a text encoding that cannot read one space: decoding the page will tell
    return None if info.name in NOT_CHARSETS else info.name


def decode(data: bytes, path: str) -> tuple[str, str, list[str]]:
    """The page as text: BOM, then the declared charset (gb2312/gbk read as GB18030),
    then the plain-text order (UTF-8, GB18030, detector)."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, []
            except UnicodeDecodeError:
                break
    declared = declared_encoding(data)
    if declared:
        try:
            return data.decode(declared), declared, []
        except UnicodeError:  # UnicodeDecodeError, or a codec's own UnicodeError
            pass
    text, encoding, warnings = text_reader.decode(data, path)
    if declared and encoding != declared:
        warnings.insert(0, f"网页声明的编码 {declared} 与内容不符，已按 {encoding} 读取")
    return text, encoding, warnings


# ---------------------------------------------------------------- the tree


def _parse(text: str, path: str) -> Any:
    import lxml.html
    from lxml import etree

    text = CONTROL.sub("", XML_DECLARATION.sub("", text, count=1))
    try:
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        raise ReadError(path, "网页无法解析（不是有效的 HTML）") from None


def _words(element: Any) -> set[str]:
    attrs = f"{element.get('id') or ''} {element.get('class') or ''}"
    return {w.lower() for w in regex.split(r"[^A-Za-z0-9]+", attrs) if w}


def _is_furniture(element: Any) -> bool:
    tag = element.tag
    if not isinstance(tag, str):
        return True  # comments and processing instructions
    return tag.lower() in FURNITURE_TAGS or bool(_words(element) & FURNITURE_WORDS)


def _drop(element: Any) -> None:
    """Remove an element but keep its tail text in place."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _remove_furniture(root: Any, keep: Any | None = None) -> None:
    """Drop furniture under ``root``; never ``keep`` or an element that contains it."""
    protected = set()
    node = keep
    while node is not None:
        protected.add(node)
        node = node.getparent()
    doomed = [el for el in root.iter() if el not in protected and _is_furniture(el)]
    for element in doomed:
        if element.getparent() is not None:
            _drop(element)


def _select(root: Any, selector: str) -> list[Any]:
    if selector.startswith("#"):
        return list(root.xpath("//*[@id=$v]", v=selector[1:]))
    if selector.startswith("."):
        return list(root.xpath("//*[contains(concat(' ', normalize-space(@class), ' '), $v)]",
                               v=f" {selector[1:]} "))
    return list(root.iter(selector))


def _text_size(element: Any) -> int:
    return sum(1 for ch in element.text_content() if not ch.isspace())


def _known_container(root: Any) -> Any | None:
    for selector in CONTENT_SELECTORS:
        found = [el for el in _select(root, selector) if _text_size(el) >= MIN_CONTENT_CHARS]
        if found:
            return max(found, key=_text_size)
    return None


def _densest(root: Any) -> Any:
    """Readability's idea, small: prose blocks vote for their parent (and half for the
    grandparent); links count against. The element with the most votes is the article."""
    scores: dict[Any, float] = {}
    for block in root.iter("p", "td", "div", "li", "pre"):
        own = (block.text or "") + "".join(child.tail or "" for child in block)
        if block.tag == "p":
            own = block.text_content()
        size = len("".join(own.split()))
        if size < PROSE_MIN:
            continue
        vote = size + 10 * own.count("，") + 10 * own.count("。")
        parent = block.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + vote
        grandparent = parent.getparent()
        if grandparent is not None:
            scores[grandparent] = scores.get(grandparent, 0.0) + vote / 2
    if not scores:
        body = root.find("body")
        return body if body is not None else root
    for element in scores:
        text = _text_size(element) or 1
        links = sum(_text_size(a) for a in element.iter("a"))
        scores[element] *= 1 - min(links / text, 1.0)
    return max(scores, key=lambda el: scores[el])


# ---------------------------------------------------------------- lines


class LineBuilder:
    """Blocks to lines: a block element starts a line, ``<br>`` breaks one, a row is one line."""

    def __init__(self) -> None:
        self.lines: list[tuple[str, int | None]] = []
        self._buffer: list[str] = []
        self._heading: int | None = None
        self._tables: dict[Any, UnitCarrier] = {}

    def flush(self) -> None:
        text = " ".join("".join(self._buffer).split())
        if text:
            self.lines.append((text, self._heading))
        self._buffer = []
        self._heading = None

    def walk(self, element: Any) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag == "br":
            self.flush()
        elif tag == "tr":
            self.flush()
            tds = [cell for cell in element if isinstance(cell.tag, str)]
            cells = [" ".join(_block_lines(cell)) for cell in tds]
            table = next(element.iterancestors("table"), None)
            cells = self._tables.setdefault(table, UnitCarrier()).row(cells, [_colspan(cell) for cell in tds])
            for text in form_row(cells) or (" ".join(c for c in cells if c),):
                self._buffer.append(text)  # a form's label on a line of its own, above its text
                self.flush()
        elif tag == "pre":
            self.flush()
            for line in element.text_content().split("\n"):
                self._buffer.append(line)
                self.flush()
        elif tag in BLOCK_TAGS:
            self.flush()
            if regex.fullmatch(r"h[2-6]", tag):
                self._heading = int(tag[1]) - 1
            elif tag in ("p", "div") and _wholly_bold(element):
                self._heading = EMPHASIS_LEVEL
            self._inner(element)
            self.flush()
        else:
            self._inner(element)
        if element.tail:
            self._buffer.append(element.tail)

    def _inner(self, element: Any) -> None:
        if element.text and isinstance(element.tag, str):
            self._buffer.append(element.text)
        for child in element:
            self.walk(child)


BOLD_TAGS = frozenset({"b", "strong"})
BOLD_STYLE = regex.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", regex.IGNORECASE)
CENTRED = regex.compile(r"text-align\s*:\s*center", regex.IGNORECASE)


def _wholly_bold(element: Any) -> bool:
    """A short paragraph whose every character is inside <strong>/<b> (or bold by its style),
    not centred: a heading on a page whose publisher never used <h2>."""
    text = "".join(element.text_content().split())
    if not may_be_emphasis_heading(text) or any(
            isinstance(e.tag, str) and e.tag.lower() in BLOCK_TAGS for e in element.iterdescendants()):
        return False
    if CENTRED.search(element.get("style") or "") or (element.get("align") or "").lower() == "center":
        return False
    if BOLD_STYLE.search(element.get("style") or ""):
        return True
    return _bold_text(element) == text


def _bold_text(element: Any) -> str:
    """The characters of ``element`` inside bold children (each bold run counted once)."""
    parts: list[str] = []
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if child.tag.lower() in BOLD_TAGS or BOLD_STYLE.search(child.get("style") or ""):
            parts.append("".join(child.text_content().split()))
        else:
            parts.append(_bold_text(child))
    return "".join(parts)


def _block_lines(element: Any) -> list[str]:
    builder = LineBuilder()
    builder._inner(element)
    builder.flush()
    return [text for text, _ in builder.lines]


def _walk_lines(element: Any) -> Iterator[tuple[str, int | None]]:
    builder = LineBuilder()
    builder._inner(element)
    builder.flush()
    yield from builder.lines


# ---------------------------------------------------------------- title


def _page_title(root: Any, container: Any) -> str | None:
    """The article's ``<h1>``: inside the article, else the last one before it."""
    inside = [h for h in container.iter("h1") if h.text_content().strip()]
    if inside:
        return " ".join(inside[0].text_content().split())
    before: str | None = None
    for element in root.iter():
        if element is container:
            break
        if element.tag == "h1" and element.text_content().strip() and not _in_furniture(element):
            before = " ".join(element.text_content().split())
    return before


def _in_furniture(element: Any) -> bool:
    node = element
    while node is not None:
        if _is_furniture(node) or (isinstance(node.tag, str) and node.tag == "header"):
            return True
        node = node.getparent()
    return False


def _head_title(root: Any) -> str | None:
    """``<title>`` without the site name after a separator."""
    title = root.find(".//title")
    if title is None or not title.text_content().strip():
        return None
    parts = regex.split(r"\s*(?:[-_|—–]{1,2})\s*", " ".join(title.text_content().split()))
    return max(parts, key=len) if parts else None


def _squash(text: str) -> str:
    return "".join(text.split())


# ---------------------------------------------------------------- entry point


def read(data: bytes, path: str) -> Document:
    text, encoding, warnings = decode(data, path)
    root = _parse(text, path)
    head_title = _head_title(root)
    collector = MetadataCollector()
    for meta in root.iter("meta"):
        name = meta.get("name") or meta.get("property") or ""
        if name:
            collector.add_meta_tag(name, meta.get("content") or "")
    for element in root.iter():
        if element.tag in ("script", "style"):
            element.text = ""  # the page's code is never report text
    container = _known_container(root)
    page_lines = [line for line, _ in _walk_lines(root)]
    for line in page_lines:
        if is_metadata_line(line):
            collector.add_line(line)
    first_h1 = next((" ".join(h.text_content().split()) for h in root.iter("h1")
                     if h.text_content().strip() and not _in_furniture(h)), None)
    if container is None:
        _remove_furniture(root)
        container = _densest(root)
    title = _page_title(root, container) or first_h1 or collector.values.get("title")
    _remove_furniture(container, keep=container)
    lines: list[tuple[str, int | None]] = []
    for line, heading in _walk_lines(container):
        if is_metadata_line(line):
            collector.add_line(line)
        elif not FURNITURE_LINES.search(line):
            lines.append((line, heading))
    cut = related_links_start([line for line, _ in lines])
    if cut is not None:  # links to other articles below the report's signature
        del lines[cut:]
    if title and not any(_squash(title) in _squash(line) for line, _ in lines[:3]):
        lines.insert(0, (title, None))
    metadata = collector.result(title or head_title)
    metadata["encoding"] = encoding
    return Document(
        path=path,
        text="\n".join(line for line, _ in lines),
        format="html",
        line_locations=[{"paragraph": k} for k in range(1, len(lines) + 1)],
        metadata=metadata,
        heading_levels={k: level for k, (line, level) in enumerate(lines)
                        if level and _squash(line) != _squash(title or "")},
        warnings=warnings,
    )


def _colspan(cell: Any) -> int:
    """How many columns a cell spans (a header's unit over them all: 案件数（件） over 2024年 | 2025年)."""
    value = str(cell.get("colspan") or "1").strip()
    return min(int(value), 1000) if value.isdigit() and int(value) > 0 else 1
