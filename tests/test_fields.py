"""Field extractors on their own: bylines, dates, chrome lines, headline cleaning."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsparse.chrome_lines import classify_line, repeated_furniture
from newsparse.fields.byline import byline_line_names, clean_name, split_names
from newsparse.fields.dates import (
    VISIBLE_DATE,
    date_from_url,
    find_visible_date,
    might_hold_date,
    parse_machine_date,
)
from newsparse.fields.feed import is_time_line
from newsparse.fields.headline import host_names, strip_site_name
from newsparse.fields.images import split_credit
from newsparse.patterns import trie_alternation


@pytest.mark.parametrize(
    ("line", "names"),
    [
        (
            "by Ada Brook and The Harbor Post news desk March 7, 2024 4:12 PM 3 min read",
            ["Ada Brook", "The Harbor Post news desk"],
        ),
        ("Von Anna Keller und Jonas Brandt", ["Anna Keller", "Jonas Brandt"]),
        ("By A. Smith, Bob Jones and Carol White", ["A. Smith", "Bob Jones", "Carol White"]),
        ("Par Jeanne Roux et Marc Petit", ["Jeanne Roux", "Marc Petit"]),
        ("Por Lucía Vega y Tomás Ruiz", ["Lucía Vega", "Tomás Ruiz"]),
        ("By Jane Roe, Staff Writer", ["Jane Roe"]),
        ("Jane Roe 3 hours ago", ["Jane Roe"]),
        ("By jane@example.com", []),
        ("By Jane Roe and Jane Roe", ["Jane Roe"]),
        # A sentence that opens with a byline word: no name from its last clause.
        ("Por fuen los sus bil tras 139 tras la plaza del mercado viejo, ñuer de.", []),
        ("By the end of the week the ferry had carried three thousand people, Ana said", []),
        ("By Jane Roe, Staff Writer at The Harbor Post Daily Edition", ["Jane Roe"]),
        ("By jesusfreak", ["jesusfreak"]),
    ],
)
def test_split_names(line: str, names: list[str]) -> None:
    assert split_names(line) == names


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Por un camino nuevo", []),
        ("By the river, a new mill", []),
        ("Von dpa", ["dpa"]),
        ("By Staff and news service reports", []),
        ("Por Lucía Vega y Tomás Ruiz", ["Lucía Vega", "Tomás Ruiz"]),
        ("Paper by Ana de la Cruz", []),
        ("Von wird 87.069 Zwazies, als Töpfucht Klitrass.", []),
        ("Von dpa, aktualisiert am 10.03.2024", ["dpa"]),
        ("By jesusfreak on March 12, 2023", ["jesusfreak"]),
        # A caption that opens with "Por": its first clause is too long for a name.
        ("Por pitres fullienu de la plaza sue tues rued bisri, entre 949. Ana Vila/EPA", []),
    ],
)
def test_byline_line_names(line: str, names: list[str]) -> None:
    assert byline_line_names(line) == names


def test_a_heading_needs_capitalised_names_to_be_a_byline() -> None:
    assert byline_line_names("Text messages", heading=True) == []
    assert byline_line_names("Text: Anna Meier", heading=True) == ["Anna Meier"]
    assert byline_line_names("Text messages") == ["messages"]  # a line: could be a handle


def test_names_in_scripts_without_case_are_kept() -> None:
    assert clean_name("山田太郎") == "山田太郎"
    assert clean_name("محمد علي") == "محمد علي"
    assert split_names("Staff and news service reports") == ["Staff", "news service reports"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("December 13, 2023 9:51 AM", datetime(2023, 12, 13, 9, 51)),
        ("13. Dezember 2023, 14:16 Uhr", datetime(2023, 12, 13, 14, 16)),
        ("7 mars 2024 à 16h12", datetime(2024, 3, 7, 16, 12)),
        (
            "Published Tuesday, June 4, 2024 at 7:05 a.m. ET",
            datetime(2024, 6, 4, 7, 5, tzinfo=timezone(timedelta(hours=-4))),
        ),
        ("Nov 20 2019, 11:06am IST", datetime(2019, 11, 20, 11, 6)),  # IST is ambiguous
        ("2024-03-07", datetime(2024, 3, 7)),
        (
            "13/12/2023 – 14:16 UTC+1",
            datetime(2023, 12, 13, 14, 16, tzinfo=timezone(timedelta(hours=1))),
        ),
    ],
)
def test_visible_dates(text: str, expected: datetime) -> None:
    found = find_visible_date(text)
    assert found is not None
    assert found.value == expected
    assert (found.value.tzinfo is None) == (expected.tzinfo is None)


def test_ambiguous_numeric_date_is_flagged() -> None:
    found = find_visible_date("05/06/2024")
    assert found is not None and found.ambiguous
    unambiguous = find_visible_date("13/06/2024")
    assert unambiguous is not None and not unambiguous.ambiguous


def test_machine_dates_keep_offsets_and_reject_nonsense() -> None:
    value = parse_machine_date("2023-12-13T09:51:00+02:00")
    assert value == datetime(2023, 12, 13, 9, 51, tzinfo=timezone(timedelta(hours=2)))
    assert parse_machine_date("2023-12-13T09:51:00") == datetime(2023, 12, 13, 9, 51)
    assert parse_machine_date("0001-01-01") is None
    assert parse_machine_date("not a date") is None


def test_date_from_url() -> None:
    assert date_from_url("https://x.test/2023/12/13/story") == datetime(2023, 12, 13)
    assert date_from_url("https://x.test/story-2023") is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.test/press/notices/29-10-2021", datetime(2021, 10, 29)),
        ("https://x.test/press/29-10-2021-ten-years-on/", datetime(2021, 10, 29)),
        ("https://x.test/press/7-7-2021", datetime(2021, 7, 7)),
        # Day and month could be either way round: no guess.
        ("https://x.test/press/05-06-2021", None),
        # Inside a slug, or not a date at all.
        ("https://x.test/press/item-29-10-2021", None),
        ("https://x.test/press/31-02-2021", None),
    ],
)
def test_day_first_dates_in_urls_only_when_certain(url: str, expected: datetime | None) -> None:
    assert date_from_url(url) == expected


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("* indicates required", "form_marker"),
        ("Enter your email to subscribe", "newsletter"),
        ("Subscribe", "newsletter"),
        ("Skip to content", "navigation"),
        ("Edit post", "admin"),
        ("This audio is created with AI assistance", "media_note"),
        ("MORE NEWS", "boilerplate"),
        ("Editors' Picks", "boilerplate"),
        ("Newsletter abonnieren", "newsletter"),
        ("Follow", "share"),
        ("Subscribers complained that the service had become slower.", None),
        ("Follow the money: how the port was financed", None),
        ("Bildquelle: Hafenamt Nordstadt", "media_note"),
        ("Photos: Harbour festival draws thousands", None),
        ("Die Fähre am neuen Pier © Hafenamt Nordstadt | Kay Muster", "media_note"),
        ("4/12 photos © Harbour Agency", "media_note"),
        ("© 2024 The Bay Gazette", "footer"),
        ("05/10/2024 - Posted by: Ana Ruiz - Category: Harbour - Tags: ferry, pier", "boilerplate"),
        ("The minutes are filed under Harbour/Minutes and Kategorie:Minutes here.", None),
        ("Tell us what YOU think...", "boilerplate"),
        ("1 2 3 4 5 6 7 8", "navigation"),
        ("« 1 | 2 | 3 »", "navigation"),
        # Numbers out of order are data (a score line, a phone number), not a pager.
        ("41 623 50", None),
        ("87 38 38 38", None),
        # A gallery's slide counter; a month and year, or "24/7", are none.
        ("1/199", "navigation"),
        ("3 / 12", "navigation"),
        ("12/2023", None),
        ("24/7", None),
        ("0/5", None),
        # An embedded social post's link, shown until its script replaces it.
        ("View this post on Instagram", "media_note"),
        ("Sieh dir diesen Beitrag auf Instagram an", "media_note"),
        ("We saw this post on Instagram and liked it.", None),
        ("12.05.24", None),
        ("Отзывы", "comments"),
        ("Kommentar schreiben", "comments"),
        ("Самые популярные диеты", "boilerplate"),
        ("Crédits photos : Agence du port", "media_note"),
        ("Fotos zeigen den Hafen im Winter.", None),
        ("Externer Inhalt", "cookie"),
        (
            "Wir respektieren deine Privatsphäre und stellen deshalb ohne dein Einverständnis "
            "keine Verbindung zu dem Videodienst her.",
            "cookie",
        ),
        (
            "This entry was posted on Monday, May 3rd, 2021 at 9:14 am and is filed under "
            "Harbour news.",
            "boilerplate",
        ),
        ("If you enjoyed this post, would you consider supporting our work?", "boilerplate"),
        ("You must be logged in to post a comment.", "comments"),
        ("ATENÇÃO: Comentários ofensivos não serão aprovados pelo moderador.", "comments"),
        ("This work is licensed under a Creative Commons licence.", "boilerplate"),
        (
            "Our site is the place for harbour news. Please sign up for our daily newsletter, "
            "The Tide, here.",
            "newsletter",
        ),
        ("Reporting by Ana Ruiz; Editing by Li Wen and Tove Berg", "byline"),
        ("The Associated Press contributed to this report.", "byline"),
        ("Got a story? Get in touch with our news team by email.", "boilerplate"),
        ("Have a tip? Ana Ruiz may be reached at ana@harbour.test.", "boilerplate"),
        ("Get the latest updates right in your inbox.", "newsletter"),
        ("The pier's editing room by the quay stays open all winter.", None),
        ("Externen Inhalt anzeigen", "cookie"),
        ("Alle Angaben ohne Gewähr.", "boilerplate"),
        ("This slideshow requires JavaScript.", "media_note"),
        ("Showing 1 to 10 of 19 results", "navigation"),
        ("Es werden die Weine 1 bis 10 von insgesamt 19 angezeigt!", "navigation"),
        ("He scored 2 - 1 of 3 games", None),
        ("Vorschau auf den nächsten Artikel", "navigation"),
        ("Ende der weiteren Informationen", "boilerplate"),
        ("Follow Harbour Radio on Instagram, Facebook, Twitter and YouTube.", "share"),
        ("Following the Facebook leak, the harbour master resigned.", None),
        ("Follow the money: the Twitter deal explained", None),
        ("Abbildung 4: klassische Schwachschicht.", "caption"),
        ("Figure 2. The harbour in 1910", "caption"),
        ("Figure skating returns to the harbour arena.", None),
        ("Redaktion: Ana Ruiz, Li Wen Faktencheck: Ana Ruiz", "byline"),
        ("Redaktionsschluss war am Montag.", None),
        ("Quelle: Landesregierung", "media_note"),
        ("Sources say the ferry will run late.", None),
        ("Weitere Infos unter www.hafen.test.", "boilerplate"),
        ("Permalien", "share"),
        ("Get Harbour Monthly delivered through your letterbox every month.", "newsletter"),
        (
            "Ich bin damit einverstanden, dass mir der externe Inhalt angezeigt wird. Damit "
            "können personenbezogene Daten an Drittplattformen übermittelt werden. Mehr dazu "
            "steht in den Einstellungen zum Datenschutz, die Sie unten auf jeder Seite des "
            "Hafenblatts finden und jederzeit ändern oder widerrufen können.",
            "cookie",
        ),
        ("Sie können sich jederzeit wieder abmelden, wenn Sie das möchten.", "newsletter"),
        ("12 Kommentare", "comments"),
        ("3 comments", "comments"),
        ("3 comments on the harbour plan were read out.", None),
        ("Auf dieser Seite:", "navigation"),
        ("On this page", "navigation"),
        ("Bildrechte: Hafenamt/Ana Ruiz", "media_note"),
        ("Rechte: Harbour Broadcasting", "media_note"),
        (
            "Dieses Thema im Programm: Hafenradio | Nachrichten | 28. April 2023 | 10:00 Uhr",
            "boilerplate",
        ),
        ("[PR]", "boilerplate"),
        ("【広告】", "boilerplate"),
        ("PR agencies bid for the harbour contract.", None),
    ],
)
def test_classify_line(line: str, kind: str | None) -> None:
    assert classify_line(line) == kind


def test_repeated_furniture_repeats_across_containers() -> None:
    lines = [("* indicates required", form) for form in range(4)]
    lines += [("A real sentence that appears once.", 9)]
    lines += [("Method", 7)] * 4  # every recipe step's subhead, inside one story container
    assert repeated_furniture(lines) == {"* indicates required"}


def test_an_interview_question_asked_of_each_guest_is_no_furniture() -> None:
    question = "What made you start a cooking page?"
    lines = [(question, guest) for guest in range(5)] + [("Share?", box) for box in range(5)]
    assert repeated_furniture(lines) == {"Share?"}


def test_strip_site_name_only_when_it_is_the_site() -> None:
    assert strip_site_name("Ferry returns | Bay Post", ["Bay Post"]) == "Ferry returns"
    assert strip_site_name("Bay Post - Ferry returns", ["Bay Post"]) == "Ferry returns"
    assert strip_site_name("Climate: the long view", ["Bay Post"]) == "Climate: the long view"


def test_host_names() -> None:
    assert host_names("https://www.bay-post.co.uk/news/1") == {"baypost"}
    assert host_names("https://news.harbour.example/1") == {"news", "harbour"}
    assert host_names("https://[broken/1") == frozenset()
    assert host_names(None) == frozenset()


def test_is_time_line() -> None:
    for text in ("6:58 PM", "18:40", "2 hours ago", "vor 3 Stunden", "Dec 12, 2023 6:58 PM"):
        assert is_time_line(text), text
    assert not is_time_line("The ferry left at 6:58 PM on Monday.")


def test_split_credit() -> None:
    caption, credit = split_credit(
        "Crews clear brush near the road. (Ana Reyes/Northlight via Getty Images)"
    )
    assert caption == "Crews clear brush near the road."
    assert credit == "Ana Reyes/Northlight via Getty Images"
    assert split_credit("Photo: Hana Mori") == ("", "Hana Mori")


def test_dates_in_urls_need_a_whole_day_segment() -> None:
    assert date_from_url("https://x.test/world/2008/01/23-191/") is None
    assert date_from_url("https://x.test/2024/03/15/story") == datetime(2024, 3, 15)
    assert date_from_url("https://x.test/news/2024-03-15-story.html") == datetime(2024, 3, 15)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_the_date_prefilter_never_hides_a_date(text: str) -> None:
    # might_hold_date is a shortcut before VISIBLE_DATE: it may say yes wrongly, never no.
    if VISIBLE_DATE.search(text) is not None:
        assert might_hold_date(text)


@pytest.mark.parametrize(
    "line", ["December 13, 2023 9:51 AM", "13. Dezember 2023", "23.09.22", "2023-12-13", "7/3/2024"]
)
def test_the_date_prefilter_passes_every_date_form(line: str) -> None:
    assert VISIBLE_DATE.search(line) is not None and might_hold_date(line)
    assert not might_hold_date(line.translate(str.maketrans("0123456789", "abcdefghij")))


@pytest.mark.parametrize(
    "text",
    ["januar 12", "jan 3", "janvier", "foo", "märz", "mär", "a.m.", "x", "xjan", "", "feb."],
)
def test_a_trie_alternation_matches_what_the_longest_first_list_does(text: str) -> None:
    words = ["jan", "januar", "janvier", "feb", "februar", "mär", "märz", "a.m.", "x"]
    listed = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    trie = trie_alternation(words)
    found = re.match(trie, text)
    expected = re.match(listed, text)
    assert (found.group() if found else None) == (expected.group() if expected else None)
    assert [m.group() for m in re.finditer(trie, text)] == [
        m.group() for m in re.finditer(listed, text)
    ]


@given(
    st.lists(st.text(alphabet="abc.", min_size=1, max_size=4), min_size=1, max_size=8),
    st.text(alphabet="abc. ", max_size=20),
)
def test_trie_alternation_finds_the_same_matches(words: list[str], text: str) -> None:
    listed = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    trie = trie_alternation(words)
    assert [m.group() for m in re.finditer(trie, text)] == [
        m.group() for m in re.finditer(listed, text)
    ]
