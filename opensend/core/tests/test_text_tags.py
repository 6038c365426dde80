"""Long text is shortened at a word with the rest behind "Show more"; short text is whole."""

from django.template import Context, Template

from opensend.core.templatetags.text_tags import split_long


def test_short_text_is_shown_whole():
    assert split_long("Finds reading hard.") == ("Finds reading hard.", "")
    assert split_long("word " * 90) == (("word " * 90).strip(), "")  # only a little over


def test_long_text_breaks_at_a_word_and_loses_nothing():
    text = " ".join(f"word{i}" for i in range(200))
    shown, rest = split_long(text, 100)
    assert len(shown) <= 100 and not shown.endswith(" ")
    assert f"{shown} {rest}" == text


def test_the_page_shows_more_in_a_details_element():
    html = Template('{% load text_tags %}{% long_text text "the needs" %}').render(
        Context({"text": "x " * 400})
    )
    assert "govuk-details" in html and "Show more" in html and "of the needs" in html
    short = Template("{% load text_tags %}{% long_text text %}").render(Context({"text": "Hi"}))
    assert "Show more" not in short
