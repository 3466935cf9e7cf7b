"""Images: the lead image (Open Graph / JSON-LD) first, then the article's figures, each with
its caption and photo credit."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from newsparse.dom import Node, absolute_url, attr, normalize_space
from newsparse.models import Image
from newsparse.structured import StructuredData, jsonld
from newsparse.structured.meta import first

# The most figures read from one page: galleries of hundreds add nothing to an article record.
MAX_FIGURES = 30
# A trailing "(Name/Agency via Getty Images)" or "Photo: Name" is a credit, not caption text.
_CREDIT_WORDS = (
    r"via|photo|foto|photograph|image|images|getty|reuters|afp|ap|dpa|epa|shutterstock|"
    r"picture|bild|credit|courtesy|file|archive|imago|keystone|anp|ansa|efe"
)
# Both start at their first significant character, not at the whitespace before it: a leading
# ``\s*`` makes a search retry every position of a long whitespace run (quadratic), and callers
# strip the caption before the match anyway.
TRAILING_CREDIT = re.compile(
    rf"\(([^()]{{2,100}}(?:/|\b(?:{_CREDIT_WORDS})\b)[^()]{{0,60}})\)\s*$", re.IGNORECASE
)
# The label before a credited name: "Photo:", "Foto:", "©". (Source labels, "Quelle:",
# credit a whole line only: see ``is_credit_line``.)
_PHOTO_LABEL_WORDS = "photograph|photo|foto|bild|image|credit|crédit|fotó"
_SOURCE_LABEL_WORDS = "quelle|source|fuente|fonte"
_PHOTO_LABEL = rf"(?:(?:{_PHOTO_LABEL_WORDS})s?\s*:|©|\(c\))"
LABELLED_CREDIT = re.compile(rf"{_PHOTO_LABEL}\s*(.{{2,100}})$", re.IGNORECASE)
_CREDIT_CLASS = '[class*="credit" i], [class*="copyright" i], [class*="source" i], small'


def split_credit(caption: str) -> tuple[str, str | None]:
    """Separate a photo credit from the end of a caption."""
    for pattern in (TRAILING_CREDIT, LABELLED_CREDIT):
        match = pattern.search(caption)
        if match:
            return caption[: match.start()].strip(), match.group(1).strip()
    return caption, None


# "Photo:", "Foto:", "©" before the credited name, as a credit element shows it.
_CREDIT_LABEL = re.compile(rf"^{_PHOTO_LABEL}\s*", re.IGNORECASE)


# A credit or source line of its own under a picture ("Quelle: AFP", "Foto: dpa", "© Reuters").
_CREDIT_LINE = re.compile(
    rf"^(?:(?:{_PHOTO_LABEL_WORDS}|{_SOURCE_LABEL_WORDS})s?\s*:|©|\(c\))\s*\S", re.IGNORECASE
)
MAX_CREDIT_LINE_CHARS = 80


def is_credit_line(text: str) -> bool:
    """Whether a short line is a picture's credit or source and nothing else."""
    return len(text) <= MAX_CREDIT_LINE_CHARS and _CREDIT_LINE.match(text) is not None


def clean_credit(credit: str) -> str | None:
    """The credited name alone: without the "Photo:" label or the parentheses around it."""
    text = normalize_space(credit)
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    text = _CREDIT_LABEL.sub("", text).strip()
    return text or None


# A caption is a sentence or two; a long paragraph that ends in a credit is body text.
MAX_CAPTION_CHARS = 400


def looks_like_caption(text: str) -> bool:
    """A short line that ends in a photo credit: "(Name/Agency via Getty Images)" or, after a
    finished sentence, "Photo: Name"."""
    if len(text) > MAX_CAPTION_CHARS:
        return False
    # Cheap tests first: this runs on every short block of a page.
    if text.rstrip().endswith(")") and TRAILING_CREDIT.search(text) is not None:
        return True
    if ":" not in text and "©" not in text and "(c)" not in text.casefold():
        return False
    match = LABELLED_CREDIT.search(text)
    if match is None:
        return False
    caption = text[: match.start()].strip()
    return not caption or caption.endswith((".", "!", "?", "…"))


def _image_url(node: Node, base: str | None) -> str | None:
    img = node if node.tag == "img" else node.css_first("img")
    if img is None:
        return None
    for name in ("src", "data-src", "data-original", "data-lazy-src"):
        url = absolute_url(attr(img, name), base)
        if url:
            return url
    srcset = attr(img, "srcset") or attr(img, "data-srcset")
    return absolute_url(srcset.split(",")[0].split()[0], base) if srcset else None


def figures(tree: LexborHTMLParser, base: str | None) -> list[Image]:
    images: list[Image] = []
    for figure in tree.css("article figure, main figure, figure")[: MAX_FIGURES * 3]:
        caption_node = figure.css_first("figcaption")
        caption, credit = None, None
        if caption_node is not None:
            credit_node = caption_node.css_first(_CREDIT_CLASS)
            text = normalize_space(caption_node.text())
            if credit_node is not None and normalize_space(credit_node.text()):
                shown_credit = normalize_space(credit_node.text())
                text = normalize_space(text.replace(shown_credit, "", 1))
                credit = clean_credit(shown_credit)
                caption = text or None
            else:
                caption, credit = split_credit(text) if text else (None, None)
        img = figure.css_first("img")
        images.append(
            Image(
                url=_image_url(figure, base),
                alt=attr(img, "alt") or None if img is not None else None,
                caption=caption or None,
                credit=credit,
            )
        )
        if len(images) >= MAX_FIGURES:
            break
    images.extend(_bare_figures(tree, base, MAX_FIGURES - len(images)))
    return _dedupe(images)


# Images looked at for a caption beside them (div-soup figures): the article's come first.
MAX_BARE_IMAGES = 60
# Levels climbed from an image to see whether it sits in a <figure> (already read).
FIGURE_ANCESTOR_LEVELS = 4


def _bare_figures(tree: LexborHTMLParser, base: str | None, limit: int) -> list[Image]:
    """Figures without <figure>: an image and, right after it in the same small wrapper, a
    short text that is its caption ("<div><img><div>Passengers wait ...</div></div>")."""
    found: list[Image] = []
    for img in tree.css("img")[:MAX_BARE_IMAGES]:
        if len(found) >= limit:
            break
        if _inside_figure(img):
            continue
        caption_node = _caption_beside(img)
        if caption_node is None:
            continue
        caption, credit = split_credit(normalize_space(caption_node.text()))
        found.append(
            Image(
                url=_image_url(img, base),
                alt=attr(img, "alt") or None,
                caption=caption or None,
                credit=credit,
            )
        )
    return found


def _inside_figure(node: Node) -> bool:
    current = node.parent
    for _ in range(FIGURE_ANCESTOR_LEVELS):
        if current is None:
            return False
        if current.tag == "figure":
            return True
        current = current.parent
    return False


def _caption_beside(img: Node) -> Node | None:
    """The text element that follows an image (or the link or <picture> around it) as the
    only other child of their wrapper."""
    item: Node = img
    parent = img.parent
    if parent is not None and parent.tag in ("a", "picture") and not normalize_space(parent.text()):
        item = parent
    wrapper = item.parent
    if wrapper is None or wrapper.tag in ("body", "html"):
        return None
    children = list(wrapper.iter())
    if len(children) != 2 or children[0].mem_id != item.mem_id:
        return None
    text_node = children[1]
    text = normalize_space(text_node.text())
    if (
        not text
        or len(text) > MAX_CAPTION_CHARS
        or text_node.css_first("img, picture, video") is not None
        or normalize_space(wrapper.text()) != text
    ):
        return None
    return text_node


def lead_image(structured: StructuredData, base: str | None) -> str | None:
    article = structured.article or {}
    value = first(structured.meta, "og:image", "og:image:url", "twitter:image")
    value = value or jsonld.first_text(article.get("image"))
    return absolute_url(value, base)


def assemble_images(lead: str | None, found: list[Image], loose_captions: list[str]) -> list[Image]:
    """Lead image first (merged with its figure when the page shows it), then the figures,
    then captions found only as text (a copied page, div-soup markup)."""
    images = list(found)
    if lead:
        match = next((i for i, image in enumerate(images) if image.url == lead), None)
        if match is not None:
            images.insert(0, images.pop(match))
        elif images and images[0].url is None:
            images[0] = images[0].model_copy(update={"url": lead})
        else:
            images.insert(0, Image(url=lead))
    known = {image.caption for image in images if image.caption}
    for text in loose_captions:
        caption, credit = split_credit(text)
        if caption in known:
            continue
        without_caption = next((i for i, im in enumerate(images) if not im.caption), None)
        if not caption and (without_caption is None or images[without_caption].credit):
            continue  # a credit alone ("© 2024 The Ledger") is no image of its own
        record = Image(caption=caption, credit=credit)
        if without_caption is not None:
            images[without_caption] = images[without_caption].model_copy(
                update={"caption": caption, "credit": credit}
            )
        else:
            images.append(record)
        known.add(caption)
    return images


def _dedupe(images: list[Image]) -> list[Image]:
    seen: set[tuple[str | None, str | None]] = set()
    result = []
    for image in images:
        key = (image.url, image.caption)
        if key in seen or (image.url is None and image.caption is None):
            continue
        seen.add(key)
        result.append(image)
    return result
