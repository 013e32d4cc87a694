"""Kind ``metadata``: title, reporting year, issuer and date of the report.

Runs before every other kind: the year makes staleness rules year-aware, the
issuer and title help choose the template. Where to look and what to accept are
patterns in the rule (``title``/``opening``/``headings``/``header``/``closing``
sources); this module only knows the order of the places a reader looks: the
format's own metadata, the title lines, the opening paragraph, the headings, and
the signature block (落款) at the end.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date

import regex

from checker.context import Context, Span, Verdict
from checker.pack.loader import Rule
from checker.text.normalize import MatchView
from checker.text.numbers import year_value
from checker.text.outline import chinese_ordinal
from checker.text.patterns import any_of, compiled, finditer, search

PHASE = 0
TITLE_MAX = 80
CLOSING_SCAN = 8
APPENDIX_GAP = 3  # paragraphs between the dated line and the appendix (（此件公开发布）)

_appendix_of: tuple[MatchView, str, int | None] | None = None  # the last report's appendix paragraph
ISSUER_MAX = 40
JOINT_MAX = 4  # organisations signing one report together (党委 and 政府, several departments)
OPENING_BRACKETS = "（(【[〔"
CLOSING_BRACKETS = "）)】]〕"


def run(rule: Rule, ctx: Context) -> Iterator[Verdict]:
    field = rule.get("field")
    handler = {"title": _title, "year": _year, "issuer": _issuer, "date": _date}[field]
    yield handler(rule, ctx)


def _preamble(ctx: Context, scan: int) -> list[int]:
    """Indices of the paragraphs before the first heading, up to ``scan`` of more than a few
    characters: a copied web page's menu items (首页 / 政务公开 / 年度报告) before the title do not
    use up the search."""
    limit = ctx.preamble_end()
    found: list[int] = []
    counted = 0
    for k, (start, end) in enumerate(ctx.view.paragraphs):
        if start >= limit or counted >= scan:
            break
        found.append(k)
        counted += end - start > MENU_ITEM
    return found


MENU_ITEM = 6  # characters a line of a site's menu holds at most
NOT_TITLE_START = compiled(r"[：:，,。；;]")


# ---------------------------------------------------------------- title


def _title(rule: Rule, ctx: Context) -> Verdict:
    view = ctx.view
    subject = any_of(tuple(rule.get("patterns", [])))
    kinds = any_of(tuple(rule.get("suffixes", [])))
    scan = int(rule.get("scan", 8))
    from_format = ctx.doc.metadata.get("title")
    # a web page's breadcrumb (当前位置：首页 > …… > 法治政府建设年度报告) names the page's column, never
    # the report: the title is looked for on the other lines, and no title wraps onto it
    crumbs = any_of(tuple(rule.get("not_title", [])))
    paragraphs = [k for k in _preamble(ctx, scan)
                  if crumbs is None or not search(crumbs, view.text, *view.paragraphs[k])]
    # Two lines of one paragraph of the file first (a Word title broken with a line break:
    # ××县人民政府↵关于2024年度……的报告); then whole lines; then two lines together, for a
    # title wrapped onto a second line.
    pairs = [(view.paragraphs[k][0], view.paragraphs[k + 1][1]) for k in paragraphs if k + 1 in paragraphs]
    broken = [pair for pair in pairs if view.location(pair[0]) is not None
              and view.location(pair[0]) == view.location(pair[1] - 1)]
    candidates = broken + [view.paragraphs[k] for k in paragraphs] + [p for p in pairs if p not in broken]
    near_miss: tuple[int, int] | None = None
    for start, end in candidates:
        text = view.text[start:end].replace("\n", "")
        if len(text) > TITLE_MAX or regex.search(r"[。，,：:]$|。", text):
            continue
        has_kind = kinds is not None and search(kinds, text) is not None
        has_subject = subject is not None and search(subject, text) is not None
        if has_kind and has_subject:
            start = _title_start(rule, ctx, paragraphs, start)
            skip = any_of(tuple(rule.get("title_skip", [])))
            number = search(skip, view.text, start, end) if skip is not None else None
            if number is not None and number.start() == start:
                start = number.end()  # the 发文字号 on the title's line is none of the title
            text = view.text[start:end].replace("\n", "")
            ctx.meta.title = text
            ctx.meta.title_span = (start, end)
            left = _placeholder(rule, text)
            if left:
                return Verdict("weak", [Span(start, end)], f"标题中的“{left}”是未替换的占位符", text,
                               suggestion=f"把标题中的“{left}”换成实际的名称。")
            return Verdict("present", [Span(start, end)], f"标题：{text}", text)
        if has_kind and near_miss is None:
            near_miss = (start, end)
    if from_format:
        ctx.meta.title = from_format
        return Verdict("present", [], f"标题（取自文件属性）：{from_format}", from_format)
    if near_miss:
        text = view.text[near_miss[0]:near_miss[1]].replace("\n", "")
        ctx.meta.title = text
        ctx.meta.title_span = near_miss
        return Verdict("weak", [Span(*near_miss)], f"标题“{text}”未点明法治政府建设", text)
    return Verdict("missing", [], f"开头 {scan} 段中未找到标题（应含“法治政府建设”和“报告”等字样）")


def _title_start(rule: Rule, ctx: Context, paragraphs: list[int], start: int) -> int:
    """Where a title found on one line begins: the line before, when that line cannot end a title
    (南陵区人民政府2024年度 / 法治政府建设情况的报告: the first line stops at its year or at 关于)."""
    view = ctx.view
    head = any_of(tuple(rule.get("title_start", [])))
    rest = any_of(tuple(rule.get("title_rest", [])))
    k = next((k for k in paragraphs if view.paragraphs[k][0] == start), None)
    if head is None or rest is None or k is None or k - 1 not in paragraphs \
            or not search(rest, view.text, start, view.paragraphs[k][1]):
        return start
    before = view.paragraphs[k - 1]
    line = view.text[before[0]:before[1]].strip()
    # (发布时间：…… 信息来源：区司法局 over 关于2025年度……: a label and its value, or a sentence, begins no title)
    return before[0] if len(line) <= TITLE_MAX // 2 and not NOT_TITLE_START.search(line) \
        and search(head, line) else start


def _placeholder(rule: Rule, text: str) -> str:
    """The template placeholder left in ``text`` (XX县), or ""."""
    pattern = any_of(tuple(rule.get("placeholder", [])))
    found = search(pattern, text) if pattern is not None else None
    return found.group(0) if found else ""


# ---------------------------------------------------------------- year


def _year(rule: Rule, ctx: Context) -> Verdict:
    view = ctx.view
    if ctx.meta.given_year is not None:  # --year wins over everything the report says
        ctx.meta.year, ctx.meta.year_source = ctx.meta.given_year, "option"
        return Verdict("present", [], f"报告年度 {ctx.meta.given_year}（命令行指定）", ctx.meta.given_year)
    sources: list[tuple[str, str, list[tuple[int, int]]]] = []
    title_span = ctx.meta.title_span
    if title_span:
        sources.append(("title", "标题", [title_span]))
    opening = [view.paragraphs[k] for k in _preamble(ctx, 12)
               if view.paragraphs[k] != title_span]
    sources.append(("opening", "开头段落", opening[:4]))
    sources.append(("headings", "标题层级", [(h.start, h.title_end)
                                           for h in ctx.outline.headings if h.level == 1]))
    for key, label, spans in sources:
        pattern = any_of(tuple(rule.get(key, [])))
        if pattern is None:
            continue
        for start, end in spans:
            match = search(pattern, view.text, start, end)
            if match and match.group("year"):
                year = year_value(match.group("year"))
                if year is None:
                    continue
                ctx.meta.year = year
                ctx.meta.year_source = key
                return Verdict("present", [Span(match.start(), match.end())],
                               f"报告年度 {year}（见{label}）", year)
    inferred = _infer_year(rule, ctx)
    if inferred is None:
        return Verdict("missing", [], "标题和开头未写明报告年度，正文也不足以推断")
    guessed, because, evidence = inferred
    ctx.meta.year = guessed
    ctx.meta.year_source = "inferred"
    ctx.meta.year_note = f"推断：{because}"
    return Verdict("weak", evidence[:3], f"标题和开头未写明报告年度，推断为 {guessed} 年：{because}", guessed)


def _infer_year(rule: Rule, ctx: Context) -> tuple[int, str, list[Span]] | None:
    """The year most of the rule's ``infer`` sources agree on, why, and where; None on a tie.

    Each source votes once per year it points to: ……年以来 and the year's own
    catalogues name the year; a plan for the next year and a signing date early in
    a year point to the year before.
    """
    votes: dict[int, dict[int, tuple[str, Span]]] = {}
    for index, source in enumerate(rule.get("infer", [])):
        for year, label, span in _infer_source(source, ctx):
            if 2000 <= year <= date.today().year:
                votes.setdefault(year, {}).setdefault(index, (label, span))
    if not votes:
        return None
    ranked = sorted(votes.items(), key=lambda item: -len(item[1]))
    if len(ranked) > 1 and len(ranked[1][1]) == len(ranked[0][1]):
        return None  # the sources disagree: no guess
    year, by_source = ranked[0]
    because = "；".join(label for label, _ in by_source.values())
    return year, because, [span for _, span in by_source.values() if span.end > span.start]


def _infer_source(source: dict[str, object], ctx: Context) -> list[tuple[int, str, Span]]:
    view = ctx.view
    label = str(source["label"])
    if source["source"] == "date":
        signed = ctx.meta.date
        if signed is None or ctx.meta.date_kind != "signed":
            return []
        months_before = source.get("months_before") or []
        months_same = source.get("months_same") or []
        shift = -1 if signed.month in months_before else 0 if signed.month in months_same else None  # type: ignore[operator]
        if shift is None:
            return []
        return [(signed.year + shift, label.replace("{match}", ctx.meta.date_text or ""), Span(0, 0))]
    pattern = any_of(tuple(source.get("patterns") or []))  # type: ignore[arg-type]
    if pattern is None:
        return []
    offset = int(source.get("offset") or 0)  # type: ignore[call-overload]
    spans = [(h.start, h.title_end) for h in ctx.outline.headings] if source["source"] == "headings" \
        else [(0, len(view.text))]
    found = []
    for start, end in spans:
        for match in finditer(pattern, view.text, start, end):
            year = year_value(match.group("year") or "")
            if year is not None:
                found.append((year + offset, label.replace("{match}", match.group(0)),
                              Span(match.start(), match.end())))
    return found


# ---------------------------------------------------------------- issuer


def _issuer(rule: Rule, ctx: Context) -> Verdict:
    view = ctx.view
    suffix = any_of(tuple(rule.get("suffixes", [])))
    org_end = compiled(f"(?:{suffix.pattern})$") if suffix is not None else None
    closing = _closing_issuer(ctx, org_end)
    if closing:
        name, lines = closing
        ctx.meta.issuer = name
        left = _placeholder(rule, name)
        if left:
            return Verdict("weak", lines, f"落款中的“{left}”是未替换的占位符", name,
                           suggestion=f"把落款中的“{left}”换成发文机关的实际名称。")
        short = any_of(tuple(rule.get("abbreviated", [])))
        if short is not None and short.fullmatch(name):
            return Verdict("weak", lines, f"落款“{name}”没有写出地名，不是发文机关的全称", name,
                           suggestion="落款写发文机关全称，如“××县人民政府”。")
        titled = _title_issuer(rule, ctx, org_end)
        if titled is not None and _differ_in_place(titled[0], name):
            return Verdict("weak", [*lines, titled[1]], f"落款“{name}”与标题中的“{titled[0]}”不一致", name,
                           suggestion="核对标题和落款中的发文机关名称，改成同一个（常见于套用往年或其他单位的模板）。")
        return Verdict("present", lines, f"落款：{name}", name)
    for key, label in (("header", "文头"), ("title", "标题")):
        for match in _preamble_matches(ctx, rule.get(key, [])):
            name = match.group("org")
            if not name or (org_end is not None and not search(org_end, name)):
                continue
            ctx.meta.issuer = name
            return Verdict("present", [Span(match.start("org"), match.end("org"))], f"{label}：{name}", name)
    from_format = ctx.doc.metadata.get("issuer")
    if from_format:
        ctx.meta.issuer = from_format
        return Verdict("present", [], f"发布机构（取自网页）：{from_format}", from_format)
    for match in _preamble_matches(ctx, rule.get("speaker", [])):
        # a speech to the 人大常委会: its speaker's government, and no signature
        name = match.group("org")
        if not name:
            continue
        ctx.meta.issuer = name
        return Verdict("weak", [Span(match.start("org"), match.end("org"))],
                       f"报告人所在机关：{name}（讲话稿形式，没有发文机关署名）", name,
                       suggestion="作为年度报告报送时，在正文之后署发文机关名称和成文日期。")
    place = any_of(tuple(rule.get("place", [])))
    if place is not None and ctx.meta.title_span is not None:
        match = search(place, view.text, *ctx.meta.title_span)
        if match and match.group("place"):
            name = match.group("place")
            return Verdict("weak", [Span(match.start("place"), match.end("place"))],
                           f"标题只写了地名“{name}”，文头和落款中未写发文机关", name)
    return Verdict("missing", [], "文头、标题和落款中均未找到发文机关名称")


def _preamble_matches(ctx: Context, patterns: list[str]) -> Iterator[regex.Match[str]]:
    """The first match of ``patterns`` in each of the report's first paragraphs, in order."""
    pattern = any_of(tuple(patterns))
    if pattern is None:
        return
    view = ctx.view
    for k in _preamble(ctx, 6):
        match = search(pattern, view.text, *view.paragraphs[k])
        if match is not None:
            yield match


def _title_issuer(rule: Rule, ctx: Context, org_end: regex.Pattern[str] | None) -> tuple[str, Span] | None:
    """The organisation the title names (示例县人民政府关于……), with its span."""
    pattern = any_of(tuple(rule.get("title", [])))
    if pattern is None or ctx.meta.title_span is None:
        return None
    match = search(pattern, ctx.view.text, *ctx.meta.title_span)
    if not match or not match.group("org") or (org_end is not None and not search(org_end, match.group("org"))):
        return None
    return match.group("org"), Span(match.start("org"), match.end("org"))


def _differ_in_place(titled: str, signed: str) -> bool:
    """Two names of one length that differ (青石岭镇 / 青石岭乡, 示例县 / 示例区, 司法局 / 公安局):
    a template of another year or office left in one of them. Names of different lengths are
    left alone: 县政府 beside 县人民政府, 市场监管局 beside 市场监督管理局, and joint filers."""
    return len(titled) == len(signed) and titled != signed


def _closing_issuer(ctx: Context, org_end: regex.Pattern[str] | None) -> tuple[str, list[Span]] | None:
    """The signature block: a short line ending with an organisation's name, near the end."""
    if org_end is None:
        return None
    view = ctx.view
    date_line = _date_pattern(ctx)
    for start, end in reversed(_closing_paragraphs(ctx)):
        text = view.text[start:end]
        cut = len(text)
        if date_line is not None:
            dated = search(date_line, text)
            if dated:
                cut = dated.start()
        name = text[:cut].strip().removesuffix("（盖章）").strip().lstrip(OPENING_BRACKETS).strip()
        if _is_org_line(name, org_end):
            names, spans = _joint_names(ctx, start, name, org_end)
            return "、".join(names), spans
    return None


def _is_org_line(line: str, org_end: regex.Pattern[str]) -> bool:
    """A short line that is an organisation's name, or several side by side."""
    return 2 <= len(line) <= ISSUER_MAX and not regex.search(r"[。，,：:；！？]", line) \
        and search(org_end, line) is not None


def _side_by_side(raw: str, name: str, org_end: regex.Pattern[str]) -> list[str]:
    """The names on one signature line: the view squeezes the spaces between Chinese
    characters (中共示例县委  示例县人民政府), the document's own line keeps them."""
    parts = raw.split()
    if len(parts) > 1 and all(search(org_end, part) for part in parts):
        return parts
    return [name]


def _joint_names(ctx: Context, start: int, name: str,
                 org_end: regex.Pattern[str]) -> tuple[list[str], list[Span]]:
    """A joint signature (中共示例县委 over 示例县人民政府, or both on one line): every name, first
    to last, and the lines they are on."""
    view = ctx.view
    names = _side_by_side(view.excerpt(start, start + len(name)), name, org_end)
    spans = [Span(start, start + len(name))]
    paragraphs = view.paragraphs
    k = view.paragraph_at(start)
    while k > 0 and len(names) < JOINT_MAX:
        above_start, above_end = paragraphs[k - 1]
        above = view.text[above_start:above_end].strip()
        if not _is_org_line(above, org_end):
            break
        names = _side_by_side(view.excerpt(above_start, above_end), above, org_end) + names
        offset = view.text.index(above, above_start)
        spans.insert(0, Span(offset, offset + len(above)))
        k -= 1
    return names, spans


# ---------------------------------------------------------------- date


def _date_rule(ctx: Context) -> Rule | None:
    return next((r for r in ctx.pack.rules if r.kind == "metadata" and r.get("field") == "date"), None)


def _date_pattern(ctx: Context) -> regex.Pattern[str] | None:
    rule = _date_rule(ctx)
    return any_of(tuple(rule.get("patterns", []))) if rule else None


def _closing_paragraphs(ctx: Context) -> list[tuple[int, int]]:
    """Where the signature block is looked for: the last paragraphs of the report, or of what
    comes before an appendix that follows a dated line (附件：主要指标统计表), whose start is
    kept as the end of the report's body."""
    global _appendix_of
    paragraphs = ctx.view.paragraphs
    if _appendix_of is None or _appendix_of[0] is not ctx.view or _appendix_of[1] != ctx.pack.digest:
        _appendix_of = (ctx.view, ctx.pack.digest, _appendix_start(ctx))  # asked by the issuer and the date
    appendix = _appendix_of[2]
    if appendix is None:
        return paragraphs[-CLOSING_SCAN:]
    ctx.meta.body_end = paragraphs[appendix][0]
    return paragraphs[:appendix][-CLOSING_SCAN:]


def _appendix_start(ctx: Context) -> int | None:
    """The first paragraph opening with the date rule's ``appendix`` marker within
    ``APPENDIX_GAP`` paragraphs after one that ends with a date, or, among the last
    ``CLOSING_SCAN``, with its ``imprint`` marker (the 版记: 抄送：……, ……印发), dated line or not."""
    rule = _date_rule(ctx)
    if rule is None:
        return None
    marker = any_of(tuple(rule.get("appendix", [])))
    imprint = any_of(tuple(rule.get("imprint", [])))
    dated = _date_pattern(ctx)
    view = ctx.view
    paragraphs = view.paragraphs
    foot = None
    if imprint is not None:
        foot = next((k for k in range(max(1, len(paragraphs) - CLOSING_SCAN), len(paragraphs))
                     if imprint.match(view.text, *paragraphs[k]) is not None), None)
    if marker is None or dated is None:
        return foot
    for k, (start, end) in enumerate(paragraphs[:foot]):
        if k == 0 or marker.match(view.text, start, end) is None:
            continue
        for before_start, before_end in paragraphs[max(0, k - 1 - APPENDIX_GAP):k]:
            if any(m.end() == before_end for m in finditer(dated, view.text, before_start, before_end)):
                return k
    return foot


def _date(rule: Rule, ctx: Context) -> Verdict:
    view = ctx.view
    pattern = any_of(tuple(rule.get("patterns", [])))
    invalid: tuple[regex.Match[str], str] | None = None
    if pattern is not None:
        for start, end in reversed(_closing_paragraphs(ctx)):
            end = _before_closing_brackets(view.text, start, end)
            for match in finditer(pattern, view.text, start, end):
                if match.end() != end:
                    continue
                parsed = _parse_date(match)
                if parsed is None:
                    why = _why_invalid(match)
                    if why and invalid is None:
                        invalid = (match, why)
                    continue
                ctx.meta.date = parsed
                ctx.meta.date_text = match.group(0)
                ctx.meta.date_kind = "signed"
                return Verdict("present", [Span(match.start(), match.end())],
                               f"成文日期：{match.group(0)}", parsed.isoformat())
    published = ctx.doc.metadata.get("published")
    if published:
        try:
            parsed = date.fromisoformat(published[:10])
        except ValueError:
            parsed = None
        if parsed:
            ctx.meta.date = parsed
            ctx.meta.date_text = published
            ctx.meta.date_kind = "published"
            return Verdict("weak", [], f"落款无成文日期，仅有网页发布日期 {published}",
                           parsed.isoformat())
    meeting = _meeting_date(rule, ctx)
    if meeting is not None:
        return meeting
    unfilled = any_of(tuple(rule.get("placeholder", [])))
    if unfilled is not None:
        for start, end in reversed(view.paragraphs[-CLOSING_SCAN:]):
            left = search(unfilled, view.text, start, end)
            if left:
                return Verdict("weak", [Span(left.start(), left.end())],
                               f"成文日期“{left.group(0)}”尚未填写",
                               suggestion="填上实际的成文日期（用阿拉伯数字将年、月、日标全）。")
    partial = any_of(tuple(rule.get("incomplete", [])))
    if partial is not None:
        for start, end in reversed(_closing_paragraphs(ctx)):
            end = _before_closing_brackets(view.text, start, end)
            cut = next((m for m in finditer(partial, view.text, start, end) if m.end() == end), None)
            if cut is not None:
                return Verdict("weak", [Span(cut.start(), cut.end())],
                               f"成文日期“{cut.group(0)}”不完整，应将年、月、日标全",
                               suggestion="补全成文日期，用阿拉伯数字将年、月、日标全，如“2025年2月20日”。")
    if invalid is not None:
        match, why = invalid
        # Written, but no date: the filing has no valid 成文日期 (a warning, not a hint).
        return Verdict("missing", [Span(match.start(), match.end())],
                       f"落款中的成文日期“{match.group(0)}”不是有效日期：{why}",
                       message=f"成文日期“{match.group(0)}”不是有效日期：{why}",
                       suggestion="核对并改为实际的成文日期（用阿拉伯数字将年、月、日标全）。")
    return Verdict("missing", [], "落款中未找到成文日期")


def _meeting_date(rule: Rule, ctx: Context) -> Verdict | None:
    """A speech's date under its title (——2026年2月26日在……常务委员会第二十九次会议上): a date, though no
    成文日期 (weak); not held against the filing deadline."""
    for match in _preamble_matches(ctx, rule.get("meeting", [])):
        parsed = _parse_date(match)
        if parsed is None:
            continue
        ctx.meta.date = parsed
        ctx.meta.date_text = match.group("date")
        ctx.meta.date_kind = "meeting"
        return Verdict("weak", [Span(match.start("date"), match.end("date"))],
                       f"落款无成文日期，仅有会议日期 {match.group('date')}（讲话稿形式）", parsed.isoformat(),
                       suggestion="作为年度报告报送时，在发文机关署名下写成文日期。")
    return None


def _before_closing_brackets(text: str, start: int, end: int) -> int:
    """Where a signature line ends without the brackets and spaces closing it (a web copy puts
    the signature in brackets: （示例县人民政府  2025年2月10日）)."""
    while end > start and (text[end - 1] in CLOSING_BRACKETS or text[end - 1].isspace()):
        end -= 1
    return end


def _why_invalid(match: regex.Match[str]) -> str:
    """Why a date-shaped 成文日期 is no date (2026年2月30日: February has 28 days), or ""."""
    groups = match.groupdict()
    year = year_value(groups.get("y") or "")
    month = chinese_ordinal(groups.get("m") or "")
    day = chinese_ordinal(groups.get("d") or "")
    if year is None or month is None or day is None:
        return ""
    if not 1 <= month <= 12:
        return f"没有{month}月"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"{year}年{month}月只有{last}天"
    return ""


def _parse_date(match: regex.Match[str]) -> date | None:
    groups = match.groupdict()
    year = year_value(groups.get("y") or "")
    month = chinese_ordinal(groups.get("m") or "")
    day = chinese_ordinal(groups.get("d") or "")
    if year is None or month is None or day is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None
