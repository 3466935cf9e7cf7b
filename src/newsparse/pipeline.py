"""The HTML pipeline, top to bottom: dom -> structured data -> block walk (chrome) -> text-level
chrome -> metadata fields -> feed and related records -> locate -> body -> the Article."""

from __future__ import annotations

from dataclasses import dataclass

from newsparse import chrome
from newsparse.blocks import TextBlock, Walk, walk
from newsparse.dom import normalize_space, parse_html
from newsparse.fields import body as body_field
from newsparse.locate import locate
from newsparse.models import Article, Removal, RemovalKind
from newsparse.structured import read_structured


@dataclass(frozen=True)
class Options:
    include_comments: bool = False


def extract_article(
    text: str, url: str | None, encoding: str | None, options: Options
) -> Article:
    tree = parse_html(text)
    structured = read_structured(tree)
    root = tree.body or tree.root
    page = walk(root)

    drop: dict[int, tuple[RemovalKind, str]] = {}
    eligible = _mark_text_chrome(page, drop)

    region = locate(page, eligible)
    title = structured.title or ""
    repeats = {normalize_space(t).casefold() for t in (title,) if t}
    body = body_field.extract_body(page.blocks, region, eligible, drop, repeats)

    removed = [
        Removal(kind=s.kind, text=chrome.shorten(s.text), reason=s.reason) for s in page.skipped
    ]
    removed.extend(body.removed)
    return Article(
        url=url,
        encoding=encoding,
        headline=normalize_space(title) or None,
        language=structured.lang,
        body=body.blocks,
        removed=removed,
    )


def _mark_text_chrome(page: Walk, drop: dict[int, tuple[RemovalKind, str]]) -> list[bool]:
    """Flag blocks that are chrome by their words or by repetition; return which blocks may
    be article text (not flagged, not in a chrome zone)."""
    repeated = chrome.repeated_lines(b.text for b in page.blocks)
    eligible: list[bool] = []
    for index, block in enumerate(page.blocks):
        kind = _line_kind(block, repeated)
        if kind is not None:
            drop[index] = kind
        eligible.append(block.zone is None and kind is None)
    return eligible


def _line_kind(block: TextBlock, repeated: set[str]) -> tuple[RemovalKind, str] | None:
    kind = chrome.classify_line(block.text)
    if kind is not None:
        return kind, "chrome phrase"
    if block.text in repeated:
        return "repeated", f"line repeated {chrome.REPEATED_LINE_MIN_COUNT}+ times on the page"
    return None
