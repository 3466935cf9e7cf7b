"""parse_feed and looks_like_feed: RSS 0.91/2.0, RSS 1.0 (RDF), Atom 1.0/0.3, broken and hostile
feeds. Every fixture in tests/fixtures/feeds/ is invented."""

from __future__ import annotations

import gzip
import os
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsparse.errors import FeedError, NewsparseError
from newsparse.feeds import looks_like_feed, parse_feed, read_date
from newsparse.models import Feed, FeedItem

FIXTURES = Path(__file__).parent / "fixtures" / "feeds"
UTC = timezone.utc
# Generous for CI machines: a safe parse of these files takes milliseconds, an expanded entity
# bomb or a blocked file read takes far longer.
FAST_SECONDS = 2.0


def load(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def tz(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


def assert_feed(actual: Feed, expected: Feed) -> None:
    # model_dump gives pytest a field-by-field diff on failure.
    assert actual.model_dump() == expected.model_dump()


# --- well-formed feeds, every field -------------------------------------------------------------


def test_rss2_with_namespaces() -> None:
    feed = parse_feed(load("rss2_namespaces.xml"))
    assert_feed(
        feed,
        Feed(
            title="The Harbourside Gazette – Local News",
            link="https://gazette.example.org/",
            description="News from the town of Lowmere & its harbour",
            language="en-gb",
            items=[
                FeedItem(
                    headline="Ferry timetable changes for the summer season",
                    url="https://gazette.example.org/2025/06/ferry-timetable/",
                    # description wins over content:encoded; tags, &nbsp; and &hellip; resolved
                    summary="The harbour ferry will run every 40 minutes from July. Read more…",
                    time_text="Mon, 02 Jun 2025 08:30:00 +0100",
                    published_at=datetime(2025, 6, 2, 8, 30, tzinfo=tz(1)),
                ),
                FeedItem(
                    # entity-escaped markup in a title is markup; double-escaped &amp;amp; is "&"
                    headline="Council approves longer library hours",
                    # relative link resolved against the channel link
                    url="https://gazette.example.org/2025/06/library-hours/",
                    summary="Opening hours extended on Thursdays & Saturdays.",
                    time_text="2025-06-01T17:45:00Z",
                    published_at=datetime(2025, 6, 1, 17, 45, tzinfo=UTC),
                ),
                FeedItem(
                    headline="Lifeboat crew rescues two kayakers",
                    # no <link>: a permalink guid stands in
                    url="https://gazette.example.org/2025/05/lifeboat-kayakers/",
                    # content:encoded when there is no description; the script is dropped
                    summary="Both kayakers were unharmed. The crew was called at 17:40.",
                    time_text="Sat, 31 May 2025 19:05:00 GMT",
                    published_at=datetime(2025, 5, 31, 19, 5, tzinfo=UTC),
                ),
                FeedItem(
                    # no title: the start of the summary, cut at a word
                    headline=(
                        "Tide warning: high water at 21:14 tonight. Expect flooding on Quay"
                        " Street and in the lower car park…"
                    ),
                    url="https://gazette.example.org/alerts/tide-0530",
                    # the summary itself is kept whole
                    summary=(
                        "Tide warning: high water at 21:14 tonight. Expect flooding on Quay"
                        " Street and in the lower car park beside the fish market."
                    ),
                    time_text="Fri, 30 May 2025 12:00:00 CEST",
                    published_at=datetime(2025, 5, 30, 12, 0, tzinfo=tz(2)),
                ),
                FeedItem(
                    headline="Harbour festival dates announced",
                    url=None,  # javascript: link dropped, guid is not a permalink
                    summary="Three days of music and boats on the quay.",  # media:description
                    time_text="Thu, 29 May 2025 09:00:00 IST",
                    published_at=None,  # IST is ambiguous: not guessed
                ),
            ],
            warnings=[
                "item 4 has no title; its headline is the start of its summary",
                "item 5: unknown time zone in date 'Thu, 29 May 2025 09:00:00 IST';"
                " published_at is empty",
            ],
        ),
    )


RSS091_EXPECTED = Feed(
    title="Café Quarter Weekly",
    link="http://cafe-quarter.example.net/",
    # &egrave; etc. come from the Netscape DTD, which is never loaded
    description="Openings, closings and the occasional crème brûlée",
    language="fr-be",
    items=[
        FeedItem(
            headline="A new bakery on Rue des Tanneurs",
            url="http://cafe-quarter.example.net/news/bakery.html",
            summary="Fresh bread from 7 o'clock, six days a week.",
        ),
        FeedItem(
            headline="Naïve art at the corner café",
            url="http://cafe-quarter.example.net/news/naive-art.html",
            summary="Paintings by local children until the end of the month.",
        ),
    ],
)


def test_rss091_latin1_bytes_with_netscape_doctype() -> None:
    data = load("rss091.xml")
    assert b"Caf\xe9" in data  # the fixture really is ISO-8859-1 bytes
    assert_feed(parse_feed(data), RSS091_EXPECTED)


def test_str_input_with_encoding_declaration() -> None:
    text = load("rss091.xml").decode("latin-1")
    assert text.startswith('<?xml version="1.0" encoding="ISO-8859-1"?>')
    assert_feed(parse_feed(text), RSS091_EXPECTED)


def test_rss1_rdf() -> None:
    feed = parse_feed(load("rdf.xml"), url="https://observatory.example.com/rss")
    assert_feed(
        feed,
        Feed(
            title="Hillcrest Observatory Bulletins",
            link="https://observatory.example.com/",
            description="Sky notes and open nights",
            language="en",  # dc:language
            items=[
                FeedItem(
                    headline="Open night moved to Friday",
                    url="https://observatory.example.com/bulletins/42",
                    summary="Cloud is forecast for Thursday, so the dome opens on Friday at 21:00.",
                    time_text="2025-05-28T16:20:00+02:00",
                    published_at=datetime(2025, 5, 28, 16, 20, tzinfo=tz(2)),
                ),
                FeedItem(
                    headline="Meteor shower viewing guide",
                    url="https://observatory.example.com/bulletins/43",
                    summary="Where to look Face north-east after midnight.",
                    time_text="2025-05-20",
                    published_at=datetime(2025, 5, 20),  # no zone given: naive
                ),
            ],
        ),
    )


def test_atom_with_xml_base_and_relative_links() -> None:
    # url is ignored for links: the feed's absolute xml:base comes first.
    feed = parse_feed(load("atom.xml"), url="https://mirror.example.net/feeds/alpen.atom")
    assert_feed(
        feed,
        Feed(
            title="Alpen-Bote",
            link="https://alpen-bote.example.at/",  # the text/html alternate, not self/json
            description="Nachrichten aus dem Ennstal",
            language="de-AT",
            items=[
                FeedItem(
                    headline="Neue Seilbahn eröffnet",
                    url="https://alpen-bote.example.at/wirtschaft/seilbahn",
                    summary="Die Gondeln fahren ab Samstag.",
                    time_text="2025-06-02T09:15:00+02:00",  # published before updated
                    published_at=datetime(2025, 6, 2, 9, 15, tzinfo=tz(2)),
                ),
                FeedItem(
                    headline="Skispringen: Rekord in Bad Mitterndorf",
                    # relative xml:base on the entry stacks on the feed's
                    url="https://alpen-bote.example.at/sport/rekord?id=7&ref=feed",
                    summary="Weite von 252 Metern. Neuer Schanzenrekord.",
                    time_text="2025-06-01T18:30:00Z",
                    published_at=datetime(2025, 6, 1, 18, 30, tzinfo=UTC),
                ),
                FeedItem(
                    headline="Almabtrieb: Straßensperren",
                    url="https://anderer.example.com/almabtrieb",
                    summary="Am Samstag ist die Ortsdurchfahrt von 8 bis 12 Uhr gesperrt.",
                    time_text="2025-05-30T07:00:00+02:00",
                    published_at=datetime(2025, 5, 30, 7, 0, tzinfo=tz(2)),
                ),
            ],
        ),
    )


def test_atom03() -> None:
    assert_feed(
        parse_feed(load("atom03.xml")),
        Feed(
            title="Saltmarsh & Dune Diary",
            link="http://saltmarsh.example.net/",
            description="Notes from a coastal nature reserve",  # tagline
            language="en",
            items=[
                FeedItem(
                    headline="First brent geese of the winter",
                    url="http://saltmarsh.example.net/2004/11/geese",
                    summary="Around 300 birds on the east mudflats.",  # mode="escaped"
                    time_text="2004-11-01T15:30:00-05:00",  # issued
                    published_at=datetime(2004, 11, 1, 15, 30, tzinfo=tz(-5)),
                ),
                FeedItem(
                    headline="Boardwalk closed",
                    url="http://saltmarsh.example.net/2004/10/boardwalk",
                    summary=None,  # base64 image content is not text
                    time_text="2004-10-28T08:00:00Z",  # modified
                    published_at=datetime(2004, 10, 28, 8, 0, tzinfo=UTC),
                ),
            ],
        ),
    )


# --- link resolution ----------------------------------------------------------------------------

ATOM_RELATIVE_BASE = """<feed xmlns="http://www.w3.org/2005/Atom" xml:base="/news/">
  <title>T</title><link href="index.html"/>
  <entry><title>E</title><link href="story-1"/></entry>
</feed>"""


def test_atom_relative_xml_base_resolves_against_url() -> None:
    feed = parse_feed(ATOM_RELATIVE_BASE, url="https://paper.example/feeds/main.atom")
    assert feed.link == "https://paper.example/news/index.html"
    assert [item.url for item in feed.items] == ["https://paper.example/news/story-1"]


def test_atom_relative_links_stay_relative_without_any_base() -> None:
    feed = parse_feed(ATOM_RELATIVE_BASE)
    assert feed.link == "/news/index.html"
    assert [item.url for item in feed.items] == ["/news/story-1"]


def test_atom_entries_follow_xml_base_not_the_feed_link() -> None:
    feed = parse_feed(
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://a.example/news/">'
        '<title>T</title><link href="/"/><entry><title>E</title><link href="story-1"/></entry>'
        "</feed>"
    )
    assert feed.link == "https://a.example/"
    assert feed.items[0].url == "https://a.example/news/story-1"


def test_rss_relative_xml_base_is_applied_once() -> None:
    feed = parse_feed(
        '<rss xml:base="news/"><channel><title>T</title><link>index.html</link>'
        "<item><title>A</title><link>a</link></item>"
        '<item xml:base="sport/"><title>B</title><link>b</link></item></channel></rss>',
        url="https://f.example/feeds/x.xml",
    )
    assert feed.link == "https://f.example/feeds/news/index.html"
    assert [item.url for item in feed.items] == [
        "https://f.example/feeds/news/a",
        "https://f.example/feeds/news/sport/b",
    ]


RSS_RELATIVE = """<rss version="2.0"><channel><title>T</title><link>{link}</link>
<item><title>A</title><link>/a/1</link></item>
<item><title>B</title><link href="b/2"/></item>
<item><title>C</title><link>mailto:desk@paper.example</link></item>
</channel></rss>"""


def test_rss_relative_links_use_channel_link_before_feed_url() -> None:
    feed = parse_feed(
        RSS_RELATIVE.format(link="https://www.paper.example/section/"),
        url="https://feeds.paper.example/rss.xml",
    )
    assert [item.url for item in feed.items] == [
        "https://www.paper.example/a/1",
        "https://www.paper.example/section/b/2",  # Atom-style href tolerated
        None,  # not a web link
    ]


def test_rss_relative_channel_link_resolves_against_url() -> None:
    feed = parse_feed(RSS_RELATIVE.format(link="/"), url="https://feeds.paper.example/rss.xml")
    assert feed.link == "https://feeds.paper.example/"
    assert feed.items[0].url == "https://feeds.paper.example/a/1"


# --- broken feeds -------------------------------------------------------------------------------


def test_broken_feed_recovers_items_and_warns() -> None:
    feed = parse_feed(load("broken.xml"))
    assert_feed(
        feed.model_copy(update={"warnings": []}),
        Feed(
            title="Millbrook Evening Post",
            link="https://millbrook.example.co.uk/",
            description="Local news & views",  # bare "&" kept as text
            items=[
                FeedItem(
                    headline="Bridge repairs – what drivers need to know",  # &ndash;
                    url="https://millbrook.example.co.uk/news/bridge?id=1&src=rss",
                    summary="Lanes close from Monday. Diversions via Station Road.",
                    time_text="Tue, 03 Jun 2025 16:00:00 +0100",
                    published_at=datetime(2025, 6, 3, 16, 0, tzinfo=tz(1)),
                ),
                FeedItem(
                    # the unclosed <description> nested this item in the one before
                    headline="School choir wins regional prize",
                    url="https://millbrook.example.co.uk/news/choir",
                    summary="The choir sang three songs in the final.",  # &bogus; dropped
                    time_text="Mon, 02 Jun 2025",
                    published_at=datetime(2025, 6, 2),
                ),
            ],
        ),
    )
    joined = "\n".join(feed.warnings)
    assert "whitespace before the XML declaration" in joined
    assert "not well-formed XML" in joined
    assert "replaced 1 HTML entities" in joined
    assert "escaped 2 bare '&'" in joined


RSS_MINIMAL = '<rss version="2.0"><channel><title>Minimal</title><item><title>Only item</title>'
RSS_MINIMAL += "<link>https://m.example/1</link></item></channel></rss>"


@pytest.mark.parametrize(
    ("data", "warning"),
    [
        (RSS_MINIMAL + "\n<div>debug: 12ms</div>", "Extra content at the end"),
        (RSS_MINIMAL.replace("</channel>", ""), "not well-formed"),
        ("Notice: undefined index in feed.php\n" + RSS_MINIMAL, "skipped 36 characters"),
        ("\n\n  " + '<?xml version="1.0"?>' + RSS_MINIMAL, "whitespace before the XML"),
    ],
    ids=["garbage-after-root", "unclosed-channel", "text-before-root", "leading-whitespace"],
)
def test_recoverable_damage(data: str, warning: str) -> None:
    for variant in (data, data.encode("utf-8")):
        feed = parse_feed(variant)
        assert feed.title == "Minimal"
        assert [(i.headline, i.url) for i in feed.items] == [("Only item", "https://m.example/1")]
        assert any(warning in w for w in feed.warnings), feed.warnings


def test_item_without_title_or_summary_is_skipped() -> None:
    feed = parse_feed(
        "<rss><channel><item><link>https://x.example/1</link></item>"
        "<item><title>Kept</title></item></channel></rss>"
    )
    assert [item.headline for item in feed.items] == ["Kept"]
    assert feed.warnings == ["item 1 has neither title nor summary; skipped"]


def test_atom_without_namespace_is_read_with_warning() -> None:
    feed = parse_feed(
        '<feed><title>Bare</title><entry><title>E</title><link href="https://b.example/e"/></entry></feed>'
    )
    assert feed.title == "Bare"
    assert [(i.headline, i.url) for i in feed.items] == [("E", "https://b.example/e")]
    assert feed.warnings == ["the <feed> element has no Atom namespace; read it as Atom"]


def test_own_entities_are_not_expanded() -> None:
    feed = parse_feed(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY site "Example Site">]>'
        "<rss><channel><title>News from &site; today</title></channel></rss>"
    )
    assert feed.title == "News from today"
    assert feed.warnings == ["the feed declares its own entities; they were left unexpanded"]


# --- encodings ----------------------------------------------------------------------------------

RSS_UNICODE = (
    '<rss version="2.0"><channel><title>Café Zürich</title>'
    "<item><title>Über die Brücke</title></item></channel></rss>"
)


def _decl(encoding: str) -> str:
    return f'<?xml version="1.0" encoding="{encoding}"?>\n'


@pytest.mark.parametrize(
    ("data", "warning"),
    [
        ((_decl("windows-1252") + RSS_UNICODE).encode("cp1252"), None),
        ((_decl("UTF-8") + RSS_UNICODE).encode("utf-8"), None),
        (RSS_UNICODE.encode("utf-8"), None),
        (b"\xef\xbb\xbf" + (_decl("utf-8") + RSS_UNICODE).encode("utf-8"), None),
        (b"\xef\xbb\xbf\n " + (_decl("utf-8") + RSS_UNICODE).encode("utf-8"), "whitespace"),
        ((_decl("UTF-16") + RSS_UNICODE).encode("utf-16"), None),
        ((_decl("UTF-16") + RSS_UNICODE).encode("utf-16-le"), None),
        ((_decl("ISO-8859-1") + RSS_UNICODE).encode("utf-8"), "the bytes are UTF-8"),
        ((_decl("UTF-8") + RSS_UNICODE).encode("latin-1"), "not valid UTF-8"),
        (
            (_decl("UTF-8") + RSS_UNICODE)
            .encode()
            .replace(b"</channel>", b"<description>Price: 5\x80</description></channel>"),
            "not all valid",
        ),
        ((_decl("x-no-such-charset") + RSS_UNICODE).encode("utf-8"), "unknown declared"),
        ((_decl("UTF-16") + RSS_UNICODE).encode("utf-8"), "does not fit 8-bit"),
        (b"\xef\xbb\xbf" + (_decl("ISO-8859-1") + RSS_UNICODE).encode("utf-8"), "byte order"),
        ("\ufeff" + _decl("ISO-8859-1") + RSS_UNICODE, None),
    ],
    ids=[
        "declared-cp1252",
        "declared-utf8",
        "undeclared-utf8",
        "bom",
        "bom-then-whitespace",
        "utf16-bom",
        "utf16-no-bom",
        "utf8-declared-latin1",
        "latin1-declared-utf8",
        "utf8-with-a-stray-byte",
        "unknown-label",
        "utf16-declared-8bit",
        "bom-contradicts-declaration",
        "str-with-bom-and-declaration",
    ],
)
def test_encodings(data: str | bytes, warning: str | None) -> None:
    feed = parse_feed(data)
    assert feed.title == "Café Zürich"
    assert [item.headline for item in feed.items] == ["Über die Brücke"]
    if warning is None:
        assert feed.warnings == []
    else:
        assert len(feed.warnings) == 1 and warning in feed.warnings[0], feed.warnings


# --- not a feed, wrong types --------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"",
        "   \n\t ",
        b"Just a sentence about RSS feeds, not a feed.",
        "hello <b>world</b>",
        b"<!DOCTYPE html><html><head><meta charset=utf-8><title>Page</title></head>"
        b"<body><p>An article<br>with a break</p></body></html>",
        '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
        '<?xml version="1.0"?><urlset><url><loc>https://s.example/</loc></url></urlset>',
        "<rdf:RDF xmlns:rdf='http://example.com/not-rdf'><channel/></rdf:RDF>",
    ],
    ids=["empty", "whitespace", "text", "text-with-tag", "html", "xhtml", "sitemap", "fake-rdf"],
)
def test_not_a_feed_raises_feed_error(data: str | bytes) -> None:
    with pytest.raises(FeedError) as info:
        parse_feed(data)
    assert isinstance(info.value, NewsparseError)
    assert str(info.value).startswith("not a feed")


@pytest.mark.parametrize("bad", [None, 42, ["<rss/>"], Path("feed.xml")])
def test_wrong_xml_type_raises_type_error(bad: object) -> None:
    with pytest.raises(TypeError):
        parse_feed(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        looks_like_feed(bad)  # type: ignore[arg-type]


def test_wrong_url_type_raises_type_error() -> None:
    with pytest.raises(TypeError):
        parse_feed(RSS_MINIMAL, url=b"https://m.example/")  # type: ignore[arg-type]


def test_bytearray_and_memoryview_are_bytes() -> None:
    data = RSS_MINIMAL.encode()
    as_bytearray = parse_feed(bytearray(data))  # type: ignore[arg-type]
    as_memoryview = parse_feed(memoryview(data))  # type: ignore[arg-type]
    assert as_bytearray == as_memoryview == parse_feed(data)


# --- hostile feeds ------------------------------------------------------------------------------


def _timed(data: str | bytes) -> tuple[Feed, float]:
    start = time.perf_counter()
    feed = parse_feed(data)
    return feed, time.perf_counter() - start


def test_billion_laughs_is_not_expanded() -> None:
    feed, seconds = _timed(load("billion_laughs.xml"))
    assert seconds < FAST_SECONDS
    assert "lol" not in feed.model_dump_json()
    # the rest of the feed is still read
    assert feed.title == "Laughing Feed"
    assert feed.link == "https://laughs.example.com/"
    assert [(i.headline, i.url, i.summary) for i in feed.items] == [
        ("Item one", "https://laughs.example.com/1", "Plain words")
    ]
    assert "the feed declares its own entities; they were left unexpanded" in feed.warnings


def test_xxe_fixture_does_not_read_etc_passwd() -> None:
    feed, seconds = _timed(load("xxe.xml"))
    assert seconds < FAST_SECONDS
    dumped = feed.model_dump_json()
    assert "root:" not in dumped and "/bin/" not in dumped
    assert feed.description == "Before after"
    assert [(i.headline, i.summary) for i in feed.items] == [("Item with inside", "Start end")]


def _secret_file(tmp_path: Path) -> tuple[str, str]:
    secret = "TOPSECRET-" + os.urandom(6).hex()
    path = tmp_path / "secret.txt"
    path.write_text(secret)
    return secret, path.as_uri()


@pytest.mark.parametrize("broken", [False, True], ids=["well-formed", "recovery"])
def test_external_general_entity_is_not_read(tmp_path: Path, broken: bool) -> None:
    secret, uri = _secret_file(tmp_path)
    tail = "</rss> trailing junk" if broken else "</rss>"
    data = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY s SYSTEM "{uri}">]>'
        f"<rss><channel><title>A &s; B</title><item><title>&s;x</title></item></channel>{tail}"
    )
    feed, seconds = _timed(data)
    assert seconds < FAST_SECONDS
    assert secret not in feed.model_dump_json()
    assert feed.title == "A B"


def test_external_parameter_entity_is_not_read(tmp_path: Path) -> None:
    secret, uri = _secret_file(tmp_path)
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY leak SYSTEM "{uri}">')
    data = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % ext SYSTEM "{dtd.as_uri()}">\n%ext;\n]>'
        "<rss><channel><title>X &leak; Y</title></channel></rss>"
    )
    feed = parse_feed(data)
    assert secret not in feed.model_dump_json()
    assert feed.title == "X Y"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize(
    "template",
    [
        '<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{uri}"><rss><channel><title>T</title>'
        "</channel></rss>",
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY g SYSTEM "{uri}">]><rss><channel>'
        "<title>T &g;</title></channel></rss>",
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p SYSTEM "{uri}">\n%p;\n]><rss>'
        "<channel><title>T</title></channel></rss>",
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p SYSTEM "{uri}">\n%p;\n]><rss>'
        "<channel><title>T</title></channel></rss><junk>",
    ],
    ids=["external-dtd", "general-entity", "parameter-entity", "parameter-entity-recovery"],
)
def test_no_external_file_is_ever_opened(tmp_path: Path, template: str) -> None:
    """A reader opening a named pipe blocks until a writer comes: if parse_feed is still running
    after the timeout, it tried to read the pipe. The test then unblocks it and fails."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    data = template.format(uri=pipe.as_uri())
    results: list[Feed] = []
    worker = threading.Thread(target=lambda: results.append(parse_feed(data)), daemon=True)
    worker.start()
    worker.join(FAST_SECONDS)
    opened = worker.is_alive()
    if opened:  # let the blocked parser finish
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(FAST_SECONDS)
    assert not opened, "the parser opened an external file"
    assert results[0].title == "T"


# --- looks_like_feed ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.xml")))
def test_every_fixture_looks_like_a_feed(name: str) -> None:
    data = load(name)
    assert looks_like_feed(data)
    assert looks_like_feed(data.decode("latin-1"))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ('<?xml version="1.0"?>\n<!-- c -->\n<?xml-stylesheet href="s.xsl"?>\n<rss/>', True),
        ("<feed xmlns='http://www.w3.org/2005/Atom'><title>x</title></feed>", True),
        ("\ufeff  <atom:feed xmlns:atom='http://www.w3.org/2005/Atom'/>", True),
        (b"\xef\xbb\xbf<rss version='2.0'>", True),
        ("<rss version='2.0'><channel><title>truncated", True),
        ('<?xml version="1.0" encoding="UTF-16"?><rss/>'.encode("utf-16"), True),
        ("<rdf:RDF xmlns:rdf='x' xmlns='http://purl.org/rss/1.0/'>", True),
        (
            "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description/>",
            False,
        ),
        ("<!DOCTYPE html><html><head><title>rss feed</title></head></html>", False),
        ("<html><body><rss>not really</rss></body></html>", False),
        ("<rssfeed/>", False),
        ("A page about <rss> feeds", False),
        ("", False),
        (b"\x00\x01\x02 binary", False),
    ],
)
def test_looks_like_feed(data: str | bytes, expected: bool) -> None:
    assert looks_like_feed(data) is expected


def test_looks_like_feed_reads_only_the_head() -> None:
    padding = "<!-- " + "x" * 10_000 + " -->"
    assert not looks_like_feed(padding + "<rss/>")
    assert looks_like_feed("<rss>" + "x" * 10_000)


# --- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "problem"),
    [
        ("Mon, 02 Jun 2025 08:30:00 +0100", datetime(2025, 6, 2, 8, 30, tzinfo=tz(1)), None),
        ("Sat, 31 May 2025 19:05:00 GMT", datetime(2025, 5, 31, 19, 5, tzinfo=UTC), None),
        ("Sat, 31 May 2025 19:05:00 -0000", datetime(2025, 5, 31, 19, 5, tzinfo=UTC), None),
        ("Sat, 31 May 2025 19:05", datetime(2025, 5, 31, 19, 5), None),
        ("Fri, 30 May 2025 12:00:00 CEST", datetime(2025, 5, 30, 12, tzinfo=tz(2)), None),
        ("2 Jun 25 10:00 EST", datetime(2025, 6, 2, 10, tzinfo=tz(-5)), None),
        ("Mon,02 Jun 2025 10:00:00 +0200 (CEST)", datetime(2025, 6, 2, 10, tzinfo=tz(2)), None),
        ("2025-06-01T17:45:00Z", datetime(2025, 6, 1, 17, 45, tzinfo=UTC), None),
        ("2025-06-01T17:45:00.5+05:30", datetime(2025, 6, 1, 17, 45, 0, 500000, tz(5.5)), None),
        ("20250601T174500Z", datetime(2025, 6, 1, 17, 45, tzinfo=UTC), None),
        ("2025-06-01", datetime(2025, 6, 1), None),
        ("2025-06-02 10:00:00 +0200", datetime(2025, 6, 2, 10, tzinfo=tz(2)), None),
        ("June 2, 2025 10:00 AM PDT", datetime(2025, 6, 2, 10, tzinfo=tz(-7)), None),
        ("02.06.2025 14:05", datetime(2025, 6, 2, 14, 5), None),
        ("13/06/2025", datetime(2025, 6, 13), None),
        ("06/13/2025", datetime(2025, 6, 13), None),
        ("06/02/2025", None, "ambiguous day and month"),
        ("Thu, 29 May 2025 09:00:00 IST", None, "unknown time zone"),
        ("June 2, 2025 10:00 XYZT", None, "unknown time zone"),
        ("June 2025", None, "incomplete date"),
        ("2025-06", None, "incomplete date"),
        ("10:30", None, "incomplete date"),
        ("yesterday", None, "unreadable date"),
    ],
)
def test_read_date(text: str, expected: datetime | None, problem: str | None) -> None:
    value, reason = read_date(text)
    assert reason == problem
    assert value == expected
    if value is not None:
        # equal instants are not enough: the offset the feed gave must survive
        assert value.utcoffset() == (expected.utcoffset() if expected else None)
        assert value.tzinfo is None or type(value.tzinfo) is timezone


def test_a_gzip_compressed_feed_reads_like_the_plain_one() -> None:
    plain = load("rss091.xml")
    assert_feed(parse_feed(gzip.compress(plain)), parse_feed(plain))
