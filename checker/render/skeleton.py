"""Report skeletons for drafters: every section of a template, numbered, with a hint under each.

The sections and hints come from the template (``sections[].name`` and
``hint``), so a pack's own template gets its own skeleton. Hints are written as
``【填写提示：…】`` on a line of their own; the matching view leaves such lines
out (see :mod:`checker.text.normalize`), so an unfilled skeleton is judged as what it
is — every section present, none with substance — and never as a finished
report. Placeholders (××县, ×月×日) are the ones the placeholder rule catches. The
headings carry the years (一、2024年推进法治政府建设的主要举措和成效, 四、2025年……主要安排),
so a skeleton never starts with a heading the year rules would question.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from checker.pack.loader import Template, TemplateSection

CN_NUMBERS = "一二三四五六七八九十"
HINT = "【填写提示：{}】"


@dataclass(frozen=True)
class Skeleton:
    title: str
    addressee: str
    opening_hint: str
    sections: tuple[tuple[str, str], ...]  # (numbered heading, hint)
    issuer: str
    date: str


def build(template: Template, year: int) -> Skeleton:
    """The skeleton of a report on ``year``: the template's ``skeleton`` (主送机关, 署名) and each
    section's ``skeleton_heading`` with the years filled in ({year}; {next_year} for the plan)."""
    words = template.skeleton
    issuer = words.get("issuer", "××县人民政府")
    sections = tuple(
        (f"{CN_NUMBERS[i]}、{_heading(section, year)}", section.hint or f"写明{section.name}。")
        for i, section in enumerate(template.sections)
    )
    opening = (f"开头一段概述{year}年推进法治政府建设的总体情况，"
               "以“现将有关情况报告如下”结束。主送机关按报送对象填写。")
    return Skeleton(
        title=f"{issuer}关于{year}年度法治政府建设情况的报告",
        addressee=words.get("addressee", ""),
        opening_hint=opening,
        sections=sections,
        issuer=issuer,
        date=f"{year + 1}年×月×日",
    )


def _heading(section: TemplateSection, year: int) -> str:
    return (section.skeleton_heading or section.name).format(year=year, next_year=year + 1)


def markdown(skeleton: Skeleton) -> str:
    lines = [skeleton.title, ""]
    if skeleton.addressee:
        lines += [skeleton.addressee, ""]
    lines += [HINT.format(skeleton.opening_hint), ""]
    for heading, hint in skeleton.sections:
        lines += [f"## {heading}", "", HINT.format(hint), ""]
    lines += [skeleton.issuer, skeleton.date]
    return "\n".join(lines) + "\n"


def write_docx(skeleton: Skeleton, path: Path) -> None:
    """A Word file laid out per GB/T 9704-2012 (checker.render.skeleton_docx)."""
    from checker.render import skeleton_docx

    skeleton_docx.write(skeleton, path, HINT)
