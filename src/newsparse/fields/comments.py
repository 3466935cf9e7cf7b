"""Reader comments (``include_comments=True``): one ``Comment`` record per comment, with its
author and the time it shows, read from the comment zones the block walk tagged. Never body."""

from __future__ import annotations

import re

from newsparse import vocab
from newsparse.blocks import TextBlock, Walk
from newsparse.dom import Node, class_and_id, normalize_space
from newsparse.models import Comment

# A comment's own text is a sentence at least: shorter lines are its author, its time, "Reply".
MIN_COMMENT_CHARS = 20
# ... and mostly unlinked (a list of links in a comment zone is "Recent comments" navigation).
MAX_COMMENT_LINK_DENSITY = 0.5
# One comment's element ("li.comment", "article.comment-body", "div.c-comment", microdata
# Comment), as opposed to the list or section holding them ("comment-list", "comments").
_ONE_COMMENT = re.compile(r"^(?:[a-z]+-)?comment(?:-body|-item|-container|[-_]\d+)?$")
_COMMENT_TYPE = "schema.org/comment"
# Where a comment names its writer and its time, in the common templates (WordPress's
# "comment-author vcard" and "fn", Disqus-like "username", microdata author).
_AUTHOR = (
    '.comment-author .fn, .comment-author, [itemprop="author"], .fn, .username, .user-name, .author'
)
_TIME = 'time, .comment-date, .comment-time, .comment-metadata, [itemprop="dateCreated"]'


def reader_comments(page: Walk) -> list[Comment]:
    """The comments of the page's comment zones, in page order: the prose blocks of each
    comment element joined, with the author and time that element shows."""
    found = [
        (block, _comment_element(block, page))
        for block in page.blocks
        if block.zone == "comments" and _is_comment_text(block)
    ]
    # Where the template names its comment elements, text outside them is the zone's own
    # (the comment form's notes, a "3 thoughts on ..." title), not a comment.
    if any(element is not None for _, element in found):
        found = [(block, element) for block, element in found if element is not None]
    # (Keys in the order first met: dicts keep it.)
    groups: dict[tuple[str, int], list[TextBlock]] = {}
    for position, (block, element) in enumerate(found):
        key = ("element", element) if element is not None else ("block", position)
        groups.setdefault(key, []).append(block)
    comments = []
    for key, blocks in groups.items():
        node = page.nodes.get(key[1]) if key[0] == "element" else None
        author = _shown_text(node, _AUTHOR) if node is not None else None
        time_text = _shown_text(node, _TIME) if node is not None else None
        parts = [b.text for b in blocks if b.text not in (author, time_text)]
        if parts:
            text = "\n\n".join(parts)
            comments.append(Comment(text=text, author=author, time_text=time_text))
    return comments


def _is_comment_text(block: TextBlock) -> bool:
    return (
        block.tag != "heading"  # the zone's title ("3 thoughts on ...", "Comments")
        and len(block.text) >= MIN_COMMENT_CHARS
        and block.link_density < MAX_COMMENT_LINK_DENSITY
    )


def _comment_element(block: TextBlock, page: Walk) -> int | None:
    """The innermost element on the block's path that is one comment (a reply nested in its
    parent's element belongs to the reply), or None when none is named."""
    for mem_id in reversed(block.path):
        node = page.nodes.get(mem_id)
        if node is not None and _is_one_comment(node):
            return mem_id
    return None


def _is_one_comment(node: Node) -> bool:
    if _COMMENT_TYPE in (node.attributes.get("itemtype") or "").lower():
        return True
    return any(_ONE_COMMENT.fullmatch(name) for name in class_and_id(node).split())


def _shown_text(node: Node, selector: str) -> str | None:
    """The first matching element's text inside this comment, not inside a nested reply."""
    for found in node.css(selector):
        owner = found.parent
        while owner is not None and owner.mem_id != node.mem_id and not _is_one_comment(owner):
            owner = owner.parent
        if owner is None or owner.mem_id != node.mem_id:
            continue  # a reply's author or time
        text = _without_says(normalize_space(found.text()))
        if text:
            return text
    return None


def _without_says(name: str) -> str:
    """A commenter's name without the "says:" templates print after it."""
    words = name.split()
    if len(words) > 1 and words[-1].rstrip(":").casefold() in vocab.COMMENT_SAYS_WORDS:
        words.pop()
    return " ".join(words)
