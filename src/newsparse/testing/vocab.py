"""Data tables for generated pages: syllables, function words, names, months, bylines, chrome.

Every table is invented for this package. Words are built from syllables so generated prose has
the letter statistics of its language without copying any real text.
"""

from __future__ import annotations

from dataclasses import dataclass


def _words(text: str) -> tuple[str, ...]:
    """A table written as space-separated words; "-" stands for the empty string."""
    return tuple("" if word == "-" else word for word in text.split())


@dataclass(frozen=True)
class Language:
    """How to write plausible prose, names, bylines and dates in one language."""

    code: str
    onsets: tuple[str, ...]
    nuclei: tuple[str, ...]
    codas: tuple[str, ...]
    function_words: tuple[str, ...]
    first_names: tuple[str, ...]
    surnames: tuple[str, ...]
    months: tuple[str, ...]
    # Month names as they appear after a day number ("7. März", "7 марта"); English uses
    # ``months`` for both.
    months_genitive: tuple[str, ...]
    by: tuple[str, ...]
    and_word: str
    said: tuple[str, ...]
    updated: str
    min_read: str
    capitalise_nouns: bool = False
    # A byline prefix for several authors where the language inflects it ("Авторы:").
    by_plural: tuple[str, ...] = ()


ENGLISH = Language(
    code="en",
    onsets=_words("b br c ch d dr f fl g gr h j l m n p pl pr r s sh sl st t th tr v w -"),
    nuclei=_words("a e i o u ea ee oo ai ou y"),
    codas=_words("n r s t l m nd st ck ng rt x - - -"),
    function_words=_words(
        "the of and to in a that for on with was as from at which has will after their "
        "over into its while than before some more been"
    ),
    first_names=_words(
        "Anna James Maria David Laura Michael Sarah Daniel Emily Thomas Rachel Peter "
        "Olivia Samuel Grace Henry Chloe Martin Nadia Oscar"
    ),
    surnames=_words(
        "Whitmore Calloway Brennan Ashford Pemberton Hollis Garrity Lindqvist Okafor "
        "Castellano Rowntree Mercer Fairbanks Quill Harrowgate Delaney Sutcliffe Varga "
        "Nakamura Osei"
    ),
    months=_words(
        "January February March April May June July August September October November December"
    ),
    months_genitive=_words(
        "January February March April May June July August September October November December"
    ),
    by=("By", "by"),
    and_word="and",
    said=("said", "told reporters", "wrote in a statement", "added"),
    updated="Updated",
    min_read="min read",
)

GERMAN = Language(
    code="de",
    onsets=_words("b br d f g gr h k kl kr l m n pf r s sch schw st t tr w z zw -"),
    nuclei=_words("a e i o u ä ö ü ei au ie eu"),
    codas=_words("n r s t ng ch cht tz ss ß nd lt rn - -"),
    function_words=_words(
        "der die das und in den von mit sich des auf für ist im dem nicht ein eine als "
        "auch nach wird bei aus noch über vor seit"
    ),
    first_names=_words(
        "Anna Lukas Sophie Jonas Lena Felix Marie Tobias Katrin Matthias Julia Stefan "
        "Miriam Florian Hannah Andreas Clara Sebastian Ines Dominik"
    ),
    surnames=_words(
        "Brandauer Kessler Hoffmeister Lindner Vogelsang Wachtel Ebersberg Falkenhain "
        "Grünwald Hartung Jäger Kornmeier Lautenbach Meisel Niedermayer Obermüller "
        "Pfeiffer Rauscher Schönfeld Tiefenbach"
    ),
    months=_words(
        "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"
    ),
    months_genitive=_words(
        "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"
    ),
    by=("Von", "von"),
    and_word="und",
    said=("sagte", "erklärte", "teilte mit", "betonte"),
    updated="Aktualisiert am",
    min_read="Min. Lesezeit",
    capitalise_nouns=True,
)

SPANISH = Language(
    code="es",
    onsets=_words("b c ch d f g j l ll m n ñ p pr r s t tr v z br cl -"),
    nuclei=_words("a e i o u ue ie ia io"),
    codas=_words("n s r l d z - - -"),
    function_words=_words(
        "de la que el en y los del se las por un para con una su al es lo como más pero "
        "sus tras sobre entre"
    ),
    first_names=_words(
        "Lucía Javier Carmen Alejandro Isabel Diego Marta Pablo Elena Andrés Sofía Raúl "
        "Beatriz Sergio Paula Tomás Irene Gonzalo Alba Rodrigo"
    ),
    surnames=_words(
        "Villaseca Montoro Arriaga Belmonte Cifuentes Echeverría Fuentealba Garrido "
        "Iturralde Lozano Maldonado Navarrete Olmedo Peralta Quintana Robledo Salcedo "
        "Toledano Urrutia Zamora"
    ),
    months=_words(
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
    ),
    months_genitive=_words(
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
    ),
    by=("Por", "por"),
    and_word="y",
    said=("dijo", "afirmó", "explicó", "señaló"),
    updated="Actualizado el",
    min_read="min de lectura",
)

RUSSIAN = Language(
    code="ru",
    onsets=_words("б в г д ж з к л м н п р с т ч ш пр ст кр гр тр сл зв -"),
    nuclei=_words("а е и о у ы я ю ё"),
    codas=_words("н т й л ст в к м р - - -"),
    function_words=_words(
        "и в не на что с по как из за от для о к это его после также уже при был будет"
    ),
    first_names=_words(
        "Анна Дмитрий Елена Сергей Ольга Алексей Мария Иван Татьяна Павел Наталья Михаил "
        "Ирина Андрей Екатерина Николай Светлана Константин Вера Григорий"
    ),
    surnames=_words(
        "Белозёрова Воронцов Громова Данилевский Ершова Жуковский Звягинцева Калашников "
        "Лебедева Мирошниченко Некрасова Орлов Полякова Рябинин Соколова Тарасов Ушакова "
        "Фёдоров Черкасова Шестаков"
    ),
    months=_words(
        "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь"
    ),
    months_genitive=_words(
        "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"
    ),
    by=("Автор:",),
    by_plural=("Авторы:",),
    and_word="и",
    said=("сообщил", "заявил", "отметил", "рассказал"),
    updated="Обновлено",
    min_read="мин. чтения",
)

LANGUAGES: dict[str, Language] = {lang.code: lang for lang in (ENGLISH, GERMAN, SPANISH, RUSSIAN)}
"""The languages generated pages are written in, by ISO 639-1 code."""

# Chrome phrases: the furniture of real news templates, one table per role. Each entry is a
# whole string as it appears on the page; tests assert none of them survives outside
# ``removed``. A role's kind is the part of its name before the first underscore
# ("newsletter_button" is newsletter chrome). Languages without a table use the English one,
# as many sites do.
CHROME_PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "skip": ("Skip to content", "Skip to main content"),
        "admin": ("Edit post", "Edit this article"),
        "header_login": ("Log in", "Sign in"),
        "header_subscribe": ("Subscribe now", "Support us"),
        "header_search": ("Search",),
        "navigation": (
            "World",
            "Politics",
            "Business",
            "Science",
            "Culture",
            "Opinion",
            "Sport",
            "Technology",
        ),
        "cookie_text": (
            "We use cookies to improve your experience on our site.",
            "By continuing to browse, you agree to our use of cookies.",
        ),
        "cookie_button": ("Accept all cookies", "Manage preferences", "Reject non-essential"),
        "newsletter_title": (
            "Sign up for our morning briefing",
            "Get the day's top stories in your inbox",
        ),
        "newsletter_prompt": ("Enter your email to subscribe", "Your email address"),
        "newsletter_button": ("Subscribe", "Sign up"),
        "newsletter_error": ("Please, enter correct email address",),
        "newsletter_success": (
            "Successfully subscribed",
            "Thank you for signing up for this newsletter.",
        ),
        "form_marker": ("* indicates required",),
        "share": (
            "Share on Facebook",
            "Share on X",
            "Copy link",
            "Share via email",
            "Share this article",
        ),
        "media_note": ("Listen to this article", "This audio is created with AI assistance"),
        "related_inline": ("Read also:", "Related:"),
        "related_heading": ("Related stories", "More on this topic"),
        "feed_heading": ("News Feed", "Latest news"),
        "boilerplate": ("MORE NEWS", "Editors' Picks", "Most read"),
        "ad": ("Advertisement", "Sponsored content"),
        "footer": (
            "All rights reserved.",
            "Privacy Policy",
            "Terms of Use",
            "Contact us",
            "About us",
            "Cookie settings",
        ),
    },
    "de": {
        "skip": ("Zum Inhalt springen",),
        "admin": ("Beitrag bearbeiten",),
        "header_login": ("Anmelden",),
        "header_subscribe": ("Jetzt abonnieren",),
        "header_search": ("Suche",),
        "navigation": ("Politik", "Wirtschaft", "Wissen", "Kultur", "Meinung", "Panorama"),
        "cookie_text": (
            "Wir verwenden Cookies, um Ihnen ein besseres Nutzungserlebnis zu bieten.",
        ),
        "cookie_button": ("Alle akzeptieren", "Einstellungen verwalten"),
        "newsletter_title": ("Die wichtigsten Nachrichten des Tages direkt in Ihr Postfach",),
        "newsletter_prompt": ("Geben Sie Ihre E-Mail-Adresse ein",),
        "newsletter_button": ("Newsletter abonnieren", "Anmelden"),
        "newsletter_error": ("Bitte geben Sie eine gültige E-Mail-Adresse ein",),
        "newsletter_success": ("Vielen Dank für Ihre Anmeldung!",),
        "form_marker": ("* Pflichtfeld",),
        "share": ("Auf Facebook teilen", "Link kopieren", "Per E-Mail teilen", "Artikel teilen"),
        "media_note": ("Artikel anhören", "Diese Audiofassung wurde maschinell erzeugt"),
        "related_inline": ("Lesen Sie auch:", "Auch interessant:"),
        "related_heading": ("Mehr zum Thema",),
        "feed_heading": ("Nachrichtenticker", "Neueste Meldungen"),
        "boilerplate": ("MEHR NACHRICHTEN", "Empfehlungen der Redaktion", "Meistgelesen"),
        "ad": ("Anzeige",),
        "footer": (
            "Alle Rechte vorbehalten.",
            "Datenschutz",
            "Impressum",
            "Kontakt",
            "Nutzungsbedingungen",
        ),
    },
}

SITE_NAME_PARTS = (
    ("The", "Daily", "Evening", "Northern", "Harbour", "Capital", "Weekly", "Morning"),
    ("Ledger", "Courier", "Observer", "Dispatch", "Herald", "Chronicle", "Gazette", "Record"),
)
"""Site names are drawn as one word of each table ("Harbour Dispatch")."""

AGENCIES = ("Press Pool", "NWA", "Metro Wire")
"""Agencies credited as authors; kept as authors like people."""
PHOTO_SERVICES = ("Getty Images", "AFP", "AP Photo", "dpa", "EPA")
"""Credits of invented photographers: "Name/Service"."""

SECTION_SLUGS = ("world", "politics", "business", "science", "culture", "europe", "tech")

CLASS_WORDS = ("box", "wrap", "inner", "col", "row", "blk", "item", "cell", "grp", "unit")
"""Neutral class-name stems for the div-soup template (like CSS-module hashes)."""
