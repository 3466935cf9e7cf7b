"""Plausible prose from syllable tables: words, sentences, paragraphs, headlines and names.

Hypothesis draws the structure of a page (how many blocks, which kinds, which template); the
words themselves come from a ``random.Random`` seeded by one drawn integer. Drawing every
syllable through Hypothesis would exhaust its per-example budget long before a realistic
article is complete, and shrinking individual letters would not make a failure any clearer.
"""

from __future__ import annotations

import random
import re

from newsparse.testing.vocab import AGENCIES, CHROME_PHRASES, Language

# Share of a sentence's words that are function words ("the", "und", "и"): about what running
# text in these languages shows, so sentences are neither word salad nor all particles.
FUNCTION_WORD_SHARE = 0.4
# Syllables per content word, as weights for 1, 2, 3 and 4 syllables.
SYLLABLE_WEIGHTS = (30, 45, 20, 5)
# Sentence lengths in words: news prose averages around 20 words.
SENTENCE_WORDS = (6, 28)
# Chances per sentence of reported speech and of an "A & B" name (which tests escaping).
QUOTE_CHANCE = 0.08
AMPERSAND_CHANCE = 0.03
# Chances per word of a number, a capitalised name and a comma after the word.
NUMBER_CHANCE = 0.03
PROPER_NOUN_CHANCE = 0.12
COMMA_CHANCE = 0.08

# Content words never generated because a chrome string consists of them alone ("Subscribe",
# "World"): a test that looks for chrome strings as whole words must not find one in the prose.
_RESERVED = frozenset(
    word.lower()
    for table in CHROME_PHRASES.values()
    for phrases in table.values()
    for phrase in phrases
    for word in re.findall(r"\w+", phrase)
)

_QUOTES = {"en": ("“", "”"), "de": ("„", "“"), "es": ("«", "»"), "ru": ("«", "»")}
_THOUSANDS = {"en": ",", "de": ".", "es": ".", "ru": "\u00a0"}


def word(rng: random.Random, lang: Language) -> str:
    """A pronounceable content word of the language's letters."""
    while True:
        count = rng.choices((1, 2, 3, 4), weights=SYLLABLE_WEIGHTS)[0]
        parts = []
        for index in range(count):
            onset = rng.choice(lang.onsets)
            nucleus = rng.choice(lang.nuclei)
            coda = rng.choice(lang.codas) if index == count - 1 or rng.random() < 0.3 else ""
            parts.append(onset + nucleus + coda)
        candidate = "".join(parts)
        if len(candidate) >= 3 and candidate.lower() not in _RESERVED:
            return candidate


def proper_noun(rng: random.Random, lang: Language) -> str:
    return word(rng, lang).capitalize()


def number(rng: random.Random, lang: Language) -> str:
    value = rng.choice((rng.randint(2, 99), rng.randint(100, 999), rng.randint(1000, 400_000)))
    return f"{value:,}".replace(",", _THOUSANDS.get(lang.code, ","))


def _clause_words(rng: random.Random, lang: Language, count: int) -> list[str]:
    words: list[str] = []
    for _ in range(count):
        roll = rng.random()
        if roll < FUNCTION_WORD_SHARE:
            words.append(rng.choice(lang.function_words))
        elif roll < FUNCTION_WORD_SHARE + NUMBER_CHANCE:
            words.append(number(rng, lang))
        elif roll < FUNCTION_WORD_SHARE + NUMBER_CHANCE + PROPER_NOUN_CHANCE:
            words.append(proper_noun(rng, lang))
        else:
            content = word(rng, lang)
            if lang.capitalise_nouns and rng.random() < 0.35:
                content = content.capitalize()
            words.append(content)
    if rng.random() < AMPERSAND_CHANCE and len(words) > 3:
        at = rng.randrange(1, len(words) - 1)
        words[at : at + 1] = [proper_noun(rng, lang), "&", proper_noun(rng, lang)]
    return words


def sentence(rng: random.Random, lang: Language, words: tuple[int, int] = SENTENCE_WORDS) -> str:
    """One sentence: capitalised, with commas, numbers and names, ending in a full stop."""
    if rng.random() < QUOTE_CHANCE:
        return quoted_sentence(rng, lang)
    parts = _clause_words(rng, lang, rng.randint(*words))
    for index in range(2, len(parts) - 2):
        if rng.random() < COMMA_CHANCE:
            parts[index] += ","
    text = " ".join(parts)
    end = "?" if rng.random() < 0.03 else "."
    return text[0].upper() + text[1:] + end


def quoted_sentence(rng: random.Random, lang: Language) -> str:
    """Reported speech: “Words,” Name said. (with the language's quotation marks)."""
    opening, closing = _QUOTES.get(lang.code, ("“", "”"))
    inner = " ".join(_clause_words(rng, lang, rng.randint(5, 16)))
    inner = inner[0].upper() + inner[1:]
    speaker = f"{rng.choice(lang.first_names)} {rng.choice(lang.surnames)}"
    verb = rng.choice(lang.said)
    if lang.code == "en":
        return f"{opening}{inner},{closing} {speaker} {verb}."
    return f"{opening}{inner}{closing}, {verb} {speaker}."


def paragraph(rng: random.Random, lang: Language, sentences: tuple[int, int] = (1, 5)) -> str:
    return " ".join(sentence(rng, lang) for _ in range(rng.randint(*sentences)))


def headline(rng: random.Random, lang: Language, words: tuple[int, int] = (5, 12)) -> str:
    """A headline: no final full stop, a proper noun or two, sometimes a colon."""
    parts = _clause_words(rng, lang, rng.randint(*words))
    parts[0] = parts[0][0].upper() + parts[0][1:]
    if rng.random() < 0.15 and len(parts) > 4:
        parts[1] += ":"
    return " ".join(parts)


def fragment(rng: random.Random, lang: Language, words: tuple[int, int] = (2, 9)) -> str:
    """A short phrase without final punctuation (list items, alt text, tags)."""
    parts = _clause_words(rng, lang, rng.randint(*words))
    return parts[0][0].upper() + parts[0][1:] + "".join(" " + part for part in parts[1:])


def person(rng: random.Random, lang: Language) -> str:
    return f"{rng.choice(lang.first_names)} {rng.choice(lang.surnames)}"


def agency(rng: random.Random) -> str:
    return rng.choice(AGENCIES)


def slug(text: str, fallback: str) -> str:
    """A URL slug from ASCII letters of ``text``; ``fallback`` for texts without any."""
    ascii_words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(ascii_words[:8]) or fallback
