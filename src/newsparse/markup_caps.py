"""Capping markup that Lexbor's tree builder is super-linear on, before it parses the page.

Runs only when a cheap screen (``may_be_pathological``) fires; real pages never trigger it."""

from __future__ import annotations

import re

from newsparse.html_tags import BLOCK_TAGS

# Lexbor 1.0.2 checks each attribute of a tag against the tag's earlier ones (10,000 distinct
# attributes on one tag take 0.2 s, 100,000 take 42 s) and walks the stack of open elements at
# every block-level start tag (20,000 nested <div>s take 0.9 s, 50,000 over 5 s). Past these
# caps, later attributes are dropped and deeper tags removed, their text staying in the deepest
# kept element. Real pages stay far below both (the block walk flattens past 256 levels anyway).
MAX_ATTRIBUTES = 256
MAX_DEPTH = 2000

# The screen that decides whether the capping pass runs: finds and counts over windows of the
# page's bytes, about one C-speed pass (the capping pass is a Python loop over every tag: 4-5
# ms on a news page). A tag holding thousands of attributes spans whole windows without a '<';
# start tags piling up fill windows with '<' and few or no end tags.
SCREEN_WINDOW = 2048
# Windows holding at least this many '<' (one per 32 bytes: 3% of the windows of real news
# pages) also have their end tags counted, to follow how deep start tags pile up. Sparse
# windows count as leaving the depth unchanged.
SCREEN_DENSE_TAGS = 64
# Windows with no end tag at all have their start tags counted from this many on: a pile of
# start tags 256 bytes long each still adds to the depth.
SCREEN_CLOSELESS_TAGS = 8
# Only windows with a '<' this close after their start and their middle are counted at all:
# finding one is a memchr, counting is a pass over the window. (Dense: a '<' every 32 bytes.)
SCREEN_PROBE = 64
# Estimated depth from which the capping pass runs: the pass must see any page that may go
# past MAX_DEPTH. (On the 736 benchmark pages the estimate peaks at 561, with void elements and
# unclosed cells counted as open; none is screened in.)
SCREEN_DEPTH = MAX_DEPTH // 2

_TAG_NAME = re.compile(rb"[A-Za-z][^\t\n\f\r />]*")
_TAG_GAP = re.compile(rb"[\t\n\f\r /]+")
# MAX_ATTRIBUTES words in a row after the whitespace that ends a tag name, a quoted string
# counting as one word: a tag has at least as many as it has attributes (unless it names them
# with '=' or quotes only). Rules out nearly every tag at C speed. (It starts only where a gap
# starts, so a search cannot re-read a long word from each of its characters.)
_MANY_WORDS = re.compile(
    rb"(?<![\t\n\f\r /])(?=[\t\n\f\r /])(?:[\t\n\f\r /]*(?:=[\t\n\f\r ]*)?"
    rb"""(?:"[^"]*"|'[^']*'|[^\t\n\f\r />"'=]+(?![^\t\n\f\r />"'=]))){%d}""" % MAX_ATTRIBUTES
)
# One attribute as the HTML tokenizer reads it: a name (its first character may be '=' or a
# quote), then optionally '=' and a quoted or unquoted value.
_ATTRIBUTE = re.compile(
    rb"[^\t\n\f\r />][^\t\n\f\r />=]*"
    rb"""(?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:"[^"]*"|'[^']*'|[^\t\n\f\r >]*))?"""
)


def _names(*names: str) -> frozenset[bytes]:
    return frozenset(name.encode() for name in names)


# Element categories of the HTML tree builder, as far as the depth of the tree goes.
_VOID = _names(
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
)  # fmt: skip
_ROOT = _names("html", "head", "body")
# Their content is text up to their own end tag (or, for plaintext, the end of the page).
_RAW_TEXT = _names(
    "script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title", "plaintext"
)
# Never shown, though not raw text: past the depth cap they go whole as well, up to their
# first end tag (as the text they hold would otherwise stay, now visible, in the kept element).
_HIDDEN_CONTAINERS = _names("template", "noscript")
_RAW_TEXT_END = {
    name: re.compile(rb"</" + name + rb"[\t\n\f\r />]", re.IGNORECASE)
    for name in _RAW_TEXT | _HIDDEN_CONTAINERS
    if name != b"plaintext"
}
# End tags of special elements are ignored past these; start tags of _CLOSES_P close an open <p>.
_SCOPE = _names("applet", "caption", "html", "table", "td", "th", "marquee", "object", "template")
_HEADINGS = _names("h1", "h2", "h3", "h4", "h5", "h6")
_CLOSES_P = _HEADINGS | _names(
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div",
    "dl", "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "hr", "li",
    "dd", "dt", "listing", "main", "menu", "nav", "ol", "p", "plaintext", "pre", "search",
    "section", "summary", "ul", "xmp",
)  # fmt: skip
# End tags of other elements are ignored past a special element.
_SPECIAL = _VOID | _RAW_TEXT | _SCOPE | _CLOSES_P | _ROOT | _names(
    "button", "colgroup", "frameset", "noscript", "select", "tbody", "tfoot", "thead", "tr",
)  # fmt: skip
_FOREIGN = _names("svg", "math")
# Table parts; text whose innermost table part is one of _FOSTERING (not a cell or caption)
# is moved before the table by the tree builder.
_TABLE_STRUCTURE = (b"table", b"tbody", b"thead", b"tfoot", b"tr", b"td", b"th", b"caption")
_FOSTERING = _names("table", "tbody", "thead", "tfoot", "tr")
_BLOCK = frozenset(name.encode() for name in BLOCK_TAGS)
_OPTION = _names("option")


def may_be_pathological(data: bytes) -> bool:
    """Whether the page may hold a tag with more than MAX_ATTRIBUTES attributes or nesting
    deeper than MAX_DEPTH, by the screen described at SCREEN_WINDOW. A page built to slip
    past it (a '<' inside every few attribute values, or an end tag of an element that is not
    open after every start tag) still parses, at Lexbor's own super-linear cost."""
    depth = 0
    tagless_from = -1
    # Script code can read like a tag of many attributes ("a<b c d...") or like start tags
    # piling up ("a<b; c<d"): what looks pathological is checked against the scripts.
    scripts = _Scripts(data)
    find, count, length = data.find, data.count, len(data)
    for start in range(0, length + SCREEN_WINDOW, SCREEN_WINDOW):
        end = start + SCREEN_WINDOW
        first = find(b"<", start, end)
        if first < 0 and start < length:
            if tagless_from < 0:
                tagless_from = start
            continue
        if tagless_from >= 0:
            if _huge_tag_before(data, tagless_from, scripts):
                return True
            tagless_from = -1
        if start >= length:
            break
        if find(b"</", first, end) < 0:
            # No end tag at all: start tags piling up, however long they are (or script code).
            tags, closes = count(b"<", first, end), 0
            if tags < SCREEN_CLOSELESS_TAGS:
                continue
        else:
            middle = start + SCREEN_WINDOW // 2
            if first - start > SCREEN_PROBE or find(b"<", middle, middle + SCREEN_PROBE) < 0:
                continue  # not dense
            tags = count(b"<", start, end)
            if tags < SCREEN_DENSE_TAGS:
                continue
            closes = count(b"</", start, end)
        opens = tags - closes - count(b"<!", start, end)  # comments are no elements
        if opens - closes >= SCREEN_CLOSELESS_TAGS and scripts.hold(start):
            continue
        if depth + opens > SCREEN_DEPTH:
            return True
        depth = max(0, depth + opens - closes)
    return False


def _huge_tag_before(data: bytes, position: int, scripts: _Scripts) -> bool:
    """Whether the last tag opened before ``position`` (outside a script) has more than
    MAX_ATTRIBUTES attributes. A regex counting words in the tag rules out most tags at C
    speed; the attributes of the rest are read up to one past the cap."""
    if scripts.hold(position):
        return False
    opening = data.rfind(b"<", 0, position)
    name = _TAG_NAME.match(data, opening + 1) if opening >= 0 else None
    return (
        name is not None
        and _MANY_WORDS.match(data, name.end()) is not None
        and _read_attributes(data, name.end(), MAX_ATTRIBUTES + 1)[1] >= 0
    )


class _Scripts:
    """Whether positions lie inside a <script> element, asked in increasing order: each byte
    is searched once."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.searched = 0
        self.start, self.end = -1, -1  # the last script found

    def hold(self, position: int) -> bool:
        if self.end == len(self.data):  # no script end after the last start: all is script
            return self.start < position
        found = self.data.rfind(b"<script", max(0, self.searched - 6), position)
        self.searched = position
        if found > self.end:  # a new script (a "<script" inside the last one is its text)
            closing = _RAW_TEXT_END[b"script"].search(self.data, found)
            self.start = found
            self.end = len(self.data) if closing is None else closing.start()
        return self.start < position < self.end


def tame_markup(data: bytes) -> bytes:
    """``data`` with every tag's attributes past MAX_ATTRIBUTES dropped, and the start and end
    tags of elements nested deeper than MAX_DEPTH removed (their text stays, inside the deepest
    kept element; script-like elements that deep go whole). Everything else is kept byte for
    byte, and ``data`` itself is returned when nothing is over a cap.

    A linear scan that follows the HTML tokenizer (comments, raw text, quoted attribute values)
    and a simplified tree builder: void elements, implied end tags (<p>, <li>, table cells...),
    and end tags that match no open element or stop at a special one."""
    tamer = _Tamer(data)
    tamer.run()
    return tamer.output()


class _OpenElements:
    """The tree builder's stack of open elements, as far as depth goes."""

    def __init__(self) -> None:
        self.names: list[bytes] = []
        self.places: dict[bytes, list[int]] = {}
        self.scopes: list[int] = []  # indexes of _SCOPE elements
        self.specials: list[int] = []  # indexes of _SPECIAL elements

    def __len__(self) -> int:
        return len(self.names)

    def push(self, name: bytes) -> None:
        index = len(self.names)
        self.names.append(name)
        self.places.setdefault(name, []).append(index)
        if name in _SCOPE:
            self.scopes.append(index)
        if name in _SPECIAL:
            self.specials.append(index)

    def nearest(self, *names: bytes) -> int:
        """The index of the innermost open element with one of these names; -1 if none."""
        best = -1
        for name in names:
            places = self.places.get(name)
            if places and places[-1] > best:
                best = places[-1]
        return best

    def top_is(self, names: frozenset[bytes]) -> bool:
        return bool(self.names) and self.names[-1] in names

    def in_scope(self, index: int) -> bool:
        return not self.scopes or self.scopes[-1] <= index

    def closable(self, index: int, name: bytes) -> bool:
        """Whether an end tag ``name`` closes the element at ``index``: no scope boundary (for
        special elements) or special element (for the others) is open inside it."""
        if name in _SPECIAL:
            return self.in_scope(index)
        return not self.specials or self.specials[-1] < index

    def pop_to(self, index: int) -> None:
        """Close the element at ``index`` and everything open inside it."""
        names, places = self.names, self.places
        while len(names) > index:
            places[names.pop()].pop()
        while self.scopes and self.scopes[-1] >= index:
            self.scopes.pop()
        while self.specials and self.specials[-1] >= index:
            self.specials.pop()

    def close_implied(self, name: bytes) -> None:
        """Close what a start tag ``name`` implicitly ends (an open <p> before a block, the
        previous <li>, table cell or row, <option>, heading)."""
        if name in _CLOSES_P:
            paragraph = self.nearest(b"p")
            if paragraph >= 0 and self.in_scope(paragraph):
                self.pop_to(paragraph)
        if name == b"li":
            target, bound = self.nearest(b"li"), self.nearest(b"ul", b"ol", b"menu")
        elif name in (b"dd", b"dt"):
            target, bound = self.nearest(b"dd", b"dt"), self.nearest(b"dl")
        elif name in (b"td", b"th"):
            target, bound = self.nearest(b"td", b"th"), self.nearest(b"tr", b"table")
        elif name == b"tr":
            target, bound = self.nearest(b"tr"), self.nearest(b"table")
        elif name in (b"tbody", b"thead", b"tfoot"):
            target, bound = self.nearest(b"tbody", b"thead", b"tfoot"), self.nearest(b"table")
        elif name == b"a":  # an open <a> is closed, unless a special element is open inside it
            target, bound = self.nearest(b"a"), self.specials[-1] if self.specials else -1
        elif name in (b"button", b"nobr"):
            target, bound = self.nearest(name), self.scopes[-1] if self.scopes else -1
        else:
            if name in (b"option", b"optgroup") and self.top_is(_OPTION):
                self.pop_to(len(self.names) - 1)
            if name in _HEADINGS and self.top_is(_HEADINGS):
                self.pop_to(len(self.names) - 1)
            return
        if target > bound:
            self.pop_to(target)


class _Tamer:
    """One pass of ``tame_markup``: the output is ``data`` with some spans replaced."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pieces: list[bytes] = []
        self.copied = 0  # data[:copied] is accounted for in pieces
        self.open = _OpenElements()

    def output(self) -> bytes:
        if not self.pieces:
            return self.data
        self.pieces.append(self.data[self.copied :])
        return b"".join(self.pieces)

    def replace(self, start: int, end: int, new: bytes = b"") -> None:
        self.pieces.append(self.data[self.copied : start])
        if new:
            self.pieces.append(new)
        self.copied = end

    def run(self) -> None:
        data = self.data
        position = text_start = 0
        while position >= 0:
            opening = data.find(b"<", position)
            if opening < 0:
                self.text(text_start, len(data))
                return
            if _is_text_bracket(data, opening):
                position = opening + 1  # a '<' in text: the text goes on
                continue
            self.text(text_start, opening)
            position = text_start = self.markup(opening)

    def text(self, start: int, end: int) -> None:
        """Text that a browser would move out of a table ("foster parenting": it shows before
        the table) is dropped when that table's tags were removed: left in place, it would
        read in another order than the page shows it. Whitespace stays where it is."""
        stack = self.open
        if end <= start or len(stack) <= MAX_DEPTH:
            return
        index = stack.nearest(*_TABLE_STRUCTURE)
        if index < MAX_DEPTH or stack.names[index] not in _FOSTERING:
            return
        if self.data[start:end].strip(b" \t\n\f\r"):
            self.replace(start, end, b" ")

    def markup(self, opening: int) -> int:
        """Handle what starts at the '<' at ``opening``; return where to look on from, or -1
        when the rest of the data is one token (a comment, raw text, an unfinished tag)."""
        data = self.data
        after = data[opening + 1 : opening + 2]
        if after == b"!":
            if data.startswith(b"<!--", opening):
                return _comment_end(data, opening)
            if data.startswith(b"<![CDATA[", opening) and self.open.nearest(*_FOREIGN) >= 0:
                return _after(data, b"]]>", opening + 9)
            return _after(data, b">", opening + 2)  # DOCTYPE or bogus comment
        if after == b"?":
            return _after(data, b">", opening + 2)
        if after == b"/":
            name = _TAG_NAME.match(data, opening + 2)
            if name is None:
                return _after(data, b">", opening + 2)  # "</>" or a bogus comment
            return self.end_tag(opening, name)
        name = _TAG_NAME.match(data, opening + 1)
        if name is None:
            return opening + 1  # a '<' in text
        return self.start_tag(opening, name)

    def end_tag(self, opening: int, name_match: re.Match[bytes]) -> int:
        data, stack = self.data, self.open
        end, cut, _ = _read_attributes(data, name_match.end())
        if end < 0:
            return -1
        name = name_match.group().lower()
        index = -1 if name in _ROOT or name == b"br" else stack.nearest(name)
        closes = index >= 0 and stack.closable(index, name)
        # An end tag that closes a removed element goes too. One that closes nothing goes when
        # tags were removed: Lexbor would ignore it, but it could reach a kept element there.
        if index >= MAX_DEPTH if closes else len(stack) > MAX_DEPTH:
            self.replace(opening, end, _gap(name))
        elif cut >= 0:  # attributes on an end tag mean nothing, but Lexbor still reads them
            self.replace(opening, end, data[opening : name_match.end()] + b">")
        if closes:
            stack.pop_to(index)
        return end

    def start_tag(self, opening: int, name_match: re.Match[bytes]) -> int:
        data, stack = self.data, self.open
        end, cut, self_closing = _read_attributes(data, name_match.end())
        if end < 0:
            if cut >= 0:
                self.replace(opening, len(data), data[opening:cut])
            return -1
        name = name_match.group().lower()
        foreign = name in _FOREIGN or stack.nearest(*_FOREIGN) >= 0
        if name in _ROOT or name in _VOID or (foreign and self_closing):
            if name in _CLOSES_P:
                stack.close_implied(name)
            self.keep_start_tag(opening, end, cut, self_closing)
            return end
        if not foreign:
            stack.close_implied(name)
        deep = len(stack) >= MAX_DEPTH
        if not foreign and (name in _RAW_TEXT or (deep and name in _HIDDEN_CONTAINERS)):
            element_end = _raw_text_end(data, name, end)
            if deep:
                self.replace(opening, len(data) if element_end < 0 else element_end)
            else:
                self.keep_start_tag(opening, end, cut, self_closing)
            return element_end
        if deep:
            self.replace(opening, end, _gap(name))
        else:
            self.keep_start_tag(opening, end, cut, self_closing)
        stack.push(name)
        return end

    def keep_start_tag(self, opening: int, end: int, cut: int, self_closing: bool) -> None:
        if cut >= 0:
            self.replace(opening, end, self.data[opening:cut] + (b"/>" if self_closing else b">"))


def _is_text_bracket(data: bytes, opening: int) -> bool:
    """Whether the '<' at ``opening`` is text: no tag, comment or declaration starts there."""
    after = data[opening + 1 : opening + 2]
    return after not in (b"!", b"?", b"/") and _TAG_NAME.match(data, opening + 1) is None


def _gap(name: bytes) -> bytes:
    """What a removed tag leaves: a space where a block ended or began, so that the texts on
    either side stay separate words."""
    return b" " if name in _BLOCK else b""


def _after(data: bytes, terminator: bytes, start: int) -> int:
    found = data.find(terminator, start)
    return -1 if found < 0 else found + len(terminator)


def _comment_end(data: bytes, opening: int) -> int:
    if data.startswith(b">", opening + 4):  # "<!-->"
        return opening + 5
    if data.startswith(b"->", opening + 4):  # "<!--->"
        return opening + 6
    return _after(data, b"-->", opening + 4)


def _raw_text_end(data: bytes, name: bytes, start: int) -> int:
    """Where the element whose raw text starts at ``start`` ends; -1 for the end of the data."""
    if name == b"plaintext":
        return -1
    closing = _RAW_TEXT_END[name].search(data, start)
    if closing is None:
        return -1
    return _read_attributes(data, closing.end() - 1)[0]


def _read_attributes(data: bytes, position: int, most: int | None = None) -> tuple[int, int, bool]:
    """Read a tag from the end of its name: (the index after its '>', or -1 when the data ends
    inside the tag; the index after its MAX_ATTRIBUTES-th attribute, or -1 when it has no more
    than that; whether it ends in "/>"). After ``most`` attributes, stop: the end is then the
    index after the last one read."""
    count, cut, length = 0, -1, len(data)
    while count != most:
        self_closing = False
        gap = _TAG_GAP.match(data, position)
        if gap is not None:
            position = gap.end()
            self_closing = data[position - 1] == ord("/")
        if position >= length:
            return -1, cut if count > MAX_ATTRIBUTES else -1, False
        if data[position] == ord(">"):
            return position + 1, cut if count > MAX_ATTRIBUTES else -1, self_closing
        attribute = _ATTRIBUTE.match(data, position)
        if attribute is None:  # never: any character but a gap or '>' starts a name
            return -1, -1, False
        count += 1
        if count == MAX_ATTRIBUTES:
            cut = attribute.end()
        position = attribute.end()
    return position, cut if count > MAX_ATTRIBUTES else -1, False
