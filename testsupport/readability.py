"""A reading-ease score for family-facing text (issue 14: "family-facing text passes a readability
check"): the Flesch reading ease, 206.835 - 1.015 x (words per sentence) - 84.6 x (syllables per
word), on a 0-100 scale where higher is easier. 60-70 is plain English; 80 and over is easy (about
a 9 to 11 year old's reading). Syllables are counted by vowel groups, the usual approximation.
Written here rather than added as a dependency: it is a dozen lines."""

import re
from html import unescape

_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_SENTENCE_END = re.compile(r"[.!?:]+(?:\s|$)|\n\s*\n|\n\* ")
_VOWELS = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    word = word.lower()
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$", "", word)
    word = re.sub(r"^y", "", word)
    return max(1, len(_VOWELS.findall(word)))


def reading_ease(text: str) -> float:
    """The Flesch reading ease of `text` (URLs and email addresses left out)."""
    text = re.sub(r"\S+@\S+|https?://\S+|\(\([a-z_]+\)\)", " ", text)
    sentences = [s for s in _SENTENCE_END.split(text) if _WORD.search(s)]
    words = _WORD.findall(text)
    if not words or not sentences:
        return 100.0
    per_sentence = len(words) / len(sentences)
    per_word = sum(syllables(w) for w in words) / len(words)
    return 206.835 - 1.015 * per_sentence - 84.6 * per_word


# The lowest reading ease a family page may have (docs/family-portal.md, "Readability").
PAGE_THRESHOLD = 60


def page_text(html: str) -> str:
    """The text of a page's <main>, block by block, for `reading_ease`."""
    main = re.search(r"<main\b.*?</main>", html, re.DOTALL)
    text = re.sub(r"<(p|li|h[1-6]|dt|dd|div)\b[^>]*>", "\n\n", main.group(0) if main else html)
    return unescape(re.sub(r"<[^>]+>", " ", text))
