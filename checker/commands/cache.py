"""``checker cache info|prune``: where the cache is, what it holds, and trimming it.

The cache holds validated packs and the audit's results (see
:mod:`checker.audit.cache`). ``info`` counts entries by kind with their size and
age, and how many were written by another version (never used again) or are
damaged; ``prune`` deletes those, and with ``--older-than`` also entries written
before then, or with ``--all`` everything. Deleting is always safe except during
an audit run, whose exports read results back from the entries.
"""

from __future__ import annotations

import time
from collections import Counter

import click

from checker.commands import chinese

KIND_NAMES = {"report": "报告检查结果", "yoy": "逐年对比", "batch": "批次比较", "pack": "规则包"}


@click.group("cache", cls=chinese.Group)
def cache_group() -> None:
    """查看和清理缓存（规则包和 audit 的检查结果）。"""


@cache_group.command("info")
def info_command() -> None:
    """显示缓存位置、条目数、大小、时间，以及旧版本留下或已损坏的条目。"""
    from checker.audit import cache
    from checker.pack.loader import cache_dir

    entries = list(cache.scan())
    click.echo(f"缓存位置：{cache_dir()}")
    if not entries:
        click.echo("缓存为空")
        return
    count: Counter[str] = Counter()
    size: Counter[str] = Counter()
    for entry in entries:
        count[entry.kind] += 1
        size[entry.kind] += entry.size
    for kind, name in KIND_NAMES.items():
        if count[kind]:
            click.echo(f"  {name}：{count[kind]} 条，{_size(size[kind])}")
    total = sum(e.size for e in entries)
    oldest = min(e.mtime for e in entries)
    newest = max(e.mtime for e in entries)
    click.echo(f"合计 {len(entries)} 条，{_size(total)}；最早写于 {_age(oldest)}，最近写于 {_age(newest)}")
    stale = [e for e in entries if e.state == "stale"]
    damaged = [e for e in entries if e.state == "damaged"]
    if stale or damaged:
        parts = []
        if stale:
            parts.append(f"旧版本留下的 {len(stale)} 条（{_size(sum(e.size for e in stale))}，不会再用到）")
        if damaged:
            parts.append(f"已损坏的 {len(damaged)} 条")
        click.echo("其中" + "，".join(parts) + "：可用 checker cache prune 清理")


@cache_group.command("prune")
@click.option("--older-than", type=click.FloatRange(min=0), metavar="天数",
              help="同时删除写入时间早于该天数的条目。")
@click.option("--all", "everything", is_flag=True, help="删除全部缓存。")
def prune_command(older_than: float | None, everything: bool) -> None:
    """删除旧版本留下的和已损坏的缓存条目（可选：较早的条目，或全部）。正在运行 audit 时不要清理。"""
    from checker.audit import cache
    from checker.pack.loader import cache_dir

    files, size = cache.prune(older_than, everything)
    click.echo(f"已删除 {files} 个缓存文件，释放 {_size(size)}（{cache_dir()}）")


def _size(size: int) -> str:
    from checker.readers.limits import size_text

    return f"{size / (1 << 30):.1f} GB" if size >= 1 << 30 else size_text(size)


def _age(moment: float) -> str:
    days = (time.time() - moment) / 86400
    stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(moment))
    if days < 1:
        return f"{stamp}（今天）"
    return f"{stamp}（{days:.0f} 天前）"
