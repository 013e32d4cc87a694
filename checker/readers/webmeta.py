"""The metadata government web pages print around (and inside) an article.

A 政府信息公开 page shows 索引号 / 发布机构 / 生成日期 / 文号 as a table above the
article, and many CMS templates repeat that table inside the article body, where
a converter turns it into lines such as ``发布机构: | 生成日期: | 2024-03-04 |``.
This module recognises such label/value text generically, keeps the values as
report metadata and tells the reader which lines are not report text.
"""

from __future__ import annotations

import regex

from checker.text.numbers import YEAR_DIGITS
from checker.text.regex_cache import lazy

# ---- data: labels a Chinese government page uses, and the metadata key each feeds.
# Order matters for values: the first label of a key that has a value wins.
LABELS: dict[str, str | None] = {
    "索引号": "index_no",
    "发布机构": "issuer",
    "发文机关": "issuer",
    "来源": "source",
    "信息来源": "source",
    "文章来源": "source",
    "发布日期": "published",
    "发布时间": "published",
    "生成日期": "generated",
    "成文日期": "signed",
    "文号": "doc_no",
    "发文字号": "doc_no",
    "名称": "title",
    "标题": "title",
    "信息分类": None,
    "主题分类": None,
    "体裁分类": None,
    "组配分类": None,
    "是否有效": None,
    "有效性": None,
    "主题词": None,
    "关键词": None,
    "公开方式": None,
    "公开范围": None,
    "公开时限": None,
    "浏览次数": None,
    "访问次数": None,
    "点击数": None,
    "阅读次数": None,
    "字号": None,
    "作者": None,
    "责任编辑": None,
    "编辑": None,
}
# Labels that alone on a line may be ordinary report text ("名称：…" in a list).
WEAK_LABELS = {"名称", "标题", "关键词", "主题词", "作者", "编辑", "来源"}
# <meta name=...> keys CMS templates fill (compared lower-case).
META_TAGS: dict[str, str] = {
    "articletitle": "title",
    "pubdate": "published",
    "publishdate": "published",
    "firstpublishedtime": "published",
    "contentsource": "source",
}

LABEL_ALTERNATION = "|".join(
    r"\s*".join(regex.escape(ch) for ch in label) for label in sorted(LABELS, key=len, reverse=True))
LABEL = lazy(rf"(?P<label>{LABEL_ALTERNATION})\s*[:：]")
LINE_START = lazy(rf"^[\s|]*(?:{LABEL_ALTERNATION})\s*[:：]")
SENTENCE = lazy(r"[。；！？]|，.*，")
DATE = lazy(r"(?P<y>(?:19|20)\d\d)\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})")
SINGLE_TOKEN_KEYS = {"issuer", "source", "index_no", "doc_no"}
VALUE_MAX = 120


def _label_name(text: str) -> str:
    return "".join(text.split())


def pairs(line: str) -> list[tuple[str, str]]:
    """``[(label, value), ...]`` in a line of label/value text (values may be empty)."""
    matches = list(LABEL.finditer(line))
    out: list[tuple[str, str]] = []
    for k, match in enumerate(matches):
        end = matches[k + 1].start() if k + 1 < len(matches) else len(line)
        value = line[match.end():end].replace("|", " ").strip()
        out.append((_label_name(match.group("label")), " ".join(value.split())))
    return out


def is_metadata_line(line: str) -> bool:
    """A line made only of label/value cells (索引号：… 发布机构：…), not report text."""
    if not LINE_START.match(line):
        return False
    found = pairs(line)
    if not found:
        return False
    if "|" in line or len(found) >= 2:
        return True
    label, value = found[0]
    return label not in WEAK_LABELS and len(value) <= VALUE_MAX and not SENTENCE.search(value)


def iso_date(text: str) -> str | None:
    match = DATE.search(text)
    if not match:
        return None
    year, month, day = int(match.group("y")), int(match.group("m")), int(match.group("d"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


class MetadataCollector:
    """Collects metadata values; the first value seen for a key is kept."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def add(self, key: str | None, value: str) -> None:
        value = " ".join(value.split())
        if not key or not value or key in self.values:
            return
        if key in SINGLE_TOKEN_KEYS:
            value = value.split()[0]
        if key in ("published", "generated", "signed"):
            parsed = iso_date(value)
            if parsed is None:
                return
            value = parsed
        if len(value) > VALUE_MAX:
            return
        self.values[key] = value

    def add_line(self, line: str) -> None:
        for label, value in pairs(line):
            self.add(LABELS.get(label), value)

    def add_meta_tag(self, name: str, content: str) -> None:
        self.add(META_TAGS.get(name.strip().lower()), content)

    def result(self, title: str | None) -> dict[str, str]:
        """The document's metadata keys: title, issuer, published, index_no, doc_no."""
        values = self.values
        out: dict[str, str] = {}
        if title:
            out["title"] = title
        elif "title" in values:
            out["title"] = values["title"]
        issuer = values.get("issuer") or values.get("source")
        if issuer:
            out["issuer"] = issuer
        published = values.get("published") or values.get("generated")
        if published:
            out["published"] = published
        for key in ("index_no", "doc_no"):
            if key in values:
                out[key] = values[key]
        return out


# ---- data: the header of a page's list of links under an article (相关文章 / 相关链接：……).
RELATED_HEADER = lazy(
    r"^\s*(?:相关(?:文章|链接|阅读|新闻|信息|文件|报道|稿件)|推荐阅读|延伸阅读|热点推荐|猜你喜欢|上一篇|下一篇)\s*(?:[:：].*)?$")
# A signature date on a line of its own (2025年2月20日): the report ends with it.
SIGNED_LINE = lazy(
    rf"^\s*(?:{YEAR_DIGITS})\s*年\s*[\d一二三四五六七八九十]{{1,3}}\s*月\s*[\d一二三四五六七八九十]{{1,3}}\s*日\s*$")


def related_links_start(lines: list[str]) -> int | None:
    """The index of the line that opens a page's list of related links after the report's dated
    signature (相关文章 / 澄州市“七五”普法规划 / ……), or None. A copied page keeps the links to
    other articles below the report: their old titles are no part of it (a 2016—2020 plan's name
    there read as a superseded reference)."""
    signed = next((k for k in range(len(lines) - 1, -1, -1) if SIGNED_LINE.match(lines[k])), None)
    if signed is None:
        return None
    return next((k for k in range(signed + 1, len(lines)) if RELATED_HEADER.match(lines[k])), None)
