"""newsparse: turn a news or article page into clean, typed data."""

from __future__ import annotations

from newsparse.api import parse, parse_text
from newsparse.batch import BatchError, BatchRow, parse_many
from newsparse.batch_inputs import PageInput
from newsparse.errors import EmptyDocumentError, FeedError, NewsparseError
from newsparse.feeds import looks_like_feed, parse_feed
from newsparse.models import (
    Article,
    Author,
    Block,
    Comment,
    Feed,
    FeedItem,
    Image,
    Link,
    Removal,
)
from newsparse.textpage import looks_like_html

__version__ = "0.11.1"

__all__ = [
    "Article",
    "Author",
    "BatchError",
    "BatchRow",
    "Block",
    "Comment",
    "EmptyDocumentError",
    "Feed",
    "FeedError",
    "FeedItem",
    "Image",
    "Link",
    "NewsparseError",
    "PageInput",
    "Removal",
    "__version__",
    "looks_like_feed",
    "looks_like_html",
    "parse",
    "parse_feed",
    "parse_many",
    "parse_text",
]
