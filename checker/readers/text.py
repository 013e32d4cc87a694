"""Plain-text reports in any Chinese encoding.

Decoding order (see docs/readers.md): BOM, then a NUL-byte heuristic for
BOM-less UTF-16, strict UTF-8, BOM-less UTF-16 of Chinese text (which has no
NUL bytes, and which GB18030 would otherwise read as garbage without an
error), strict GB18030, charset-normalizer as the last guess, and finally
GB18030 with replacement characters and a warning. GB18030 comes before any
detector because a detector reads short GBK texts as Korean.
"""

from __future__ import annotations

import codecs
import re

from checker.errors import ReadError
from checker.readers.webmeta import related_links_start
from checker.text.document import Document

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
CONTROL_LIMIT = 0.05
CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # controls other than \t \n \f \r
UTF16_PLAUSIBLE = 0.95  # share of ordinary characters for BOM-less UTF-16 without NUL bytes
PUNCTUATED_AFTER = 40  # characters of BOM-less UTF-16 after which Chinese punctuation must appear
REPLACED_LIMIT = 0.05  # more replacement characters than this: not a text file


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text has NUL in every other byte for ASCII; pick the side."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.3 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.3 and odd < half * 0.05:
        return "utf-16-be"
    return None


def _plausible(ch: str) -> bool:
    code = ord(ch)
    return (0x20 <= code < 0x7F or ch in "\t\r\n" or 0x4E00 <= code <= 0x9FFF
            or 0x3400 <= code <= 0x4DBF or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF
            or 0x2000 <= code <= 0x206F or code == 0xFEFF)


def _utf16_chinese(data: bytes) -> str | None:
    """BOM-less UTF-16 whose characters are nearly all Chinese, ASCII or punctuation."""
    if len(data) % 2 or len(data) < 8:
        return None
    sample = data[:8000]
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        if sum(1 for ch in text if _plausible(ch)) < UTF16_PLAUSIBLE * len(text):
            continue
        # Real Chinese prose has punctuation; random bytes read as CJK have none.
        if len(text) >= PUNCTUATED_AFTER and not any(p in text for p in "，。、：；！？"):
            continue
        return encoding
    return None


def _strict(data: bytes, encoding: str | None) -> str | None:
    """``data`` decoded as ``encoding`` without replacement, or None."""
    if not encoding:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def decode(data: bytes, path: str) -> tuple[str, str, list[str]]:
    """Return (text, encoding, warnings) or raise ReadError for binary data."""
    warnings: list[str] = []
    for bom, encoding in BOMS:
        if data.startswith(bom):
            text = _strict(data, encoding)
            if text is not None:
                return text, encoding, warnings
            break
    utf16 = _utf16_without_bom(data)
    text = _strict(data, utf16)
    if utf16 and text is not None:
        return text, utf16, warnings
    if b"\x00" not in data[:8000]:
        text = _strict(data, "utf-8")
        if text is not None:
            return _reject_binary(text, path), "utf-8", warnings
    utf16 = _utf16_chinese(data)
    text = _strict(data, utf16)
    if utf16 and text is not None:
        return text, utf16, warnings
    if b"\x00" in data[:8000]:
        raise ReadError(path, "不是文本文件（含二进制内容），请检查文件类型")
    text = _strict(data, "gb18030")
    if text is not None:
        return _reject_binary(text, path), "gb18030", warnings
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        text = str(best)
        warnings.append(f"按 {best.encoding} 编码推测解码，个别字符可能有误")
        return _reject_binary(text, path), best.encoding, warnings
    warnings.append("编码无法确定，按 GB18030 解码，无法识别的字节以 � 代替")
    return _reject_binary(data.decode("gb18030", errors="replace"), path), "gb18030", warnings


def _reject_binary(text: str, path: str) -> str:
    sample = text[:8000]
    controls = len(CONTROL_CHARS.findall(sample))
    replaced = sample.count("\ufffd")
    if sample and (controls / len(sample) > CONTROL_LIMIT or replaced / len(sample) > REPLACED_LIMIT):
        raise ReadError(path, "不是文本文件（含二进制内容），请检查文件类型")
    return text


def to_lines(text: str) -> str:
    """Unify line ends (CRLF, CR, form feed, Unicode separators) to ``\\n``."""
    for sep in ("\r\n", "\r", "\f", "\u2028", "\u2029", "\x0b", "\x85"):
        text = text.replace(sep, "\n")
    return text.lstrip("\ufeff")


def read(data: bytes, path: str) -> Document:
    text, encoding, warnings = decode(data, path)
    text = to_lines(text)
    lines = text.split("\n")
    cut = related_links_start(lines)
    if cut is not None:  # a web page copied with its links to other articles
        text = "\n".join(lines[:cut])
        warnings.append(f"第{cut + 1}行起是网页的相关文章链接，不属于报告，未检查")
    document = Document(path=path, text=text, format="txt", warnings=warnings)
    document.metadata["encoding"] = encoding
    return document
