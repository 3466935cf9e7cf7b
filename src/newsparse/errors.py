"""newsparse's own errors. ``parse`` raises nothing else, besides ``TypeError`` for a wrong
argument type."""

from __future__ import annotations


class NewsparseError(ValueError):
    """Base class of every error newsparse raises on purpose."""


class EmptyDocumentError(NewsparseError):
    """The input holds no usable document: empty, only whitespace, or no element at all."""


class FeedError(NewsparseError):
    """The input is not a feed newsparse can read (not RSS, RDF or Atom, or no XML at all)."""
