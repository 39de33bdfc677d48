"""The escape helpers: whatever a workbook, a file name or an address holds comes out as
text Streamlit's markdown and plotly's labels show as written, never as markup."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dayserv.show import safe_text
from dayserv.show.safe_text import WORD_JOINER

# What Streamlit's markdown would make of an unescaped character, where it stands.
ALWAYS = set("\\`*~[]!<>$|")
LINE_START = set("#+-=")
# Patterns Streamlit finds in the text itself, after escapes are read.
TEXT_PATTERNS = (
    re.compile(r"https?://", re.IGNORECASE),  # remark-gfm's literal links
    re.compile(r"www\.", re.IGNORECASE),
    re.compile(r"[-.\w+]@"),  # e-mail addresses become mailto links
    re.compile(r":[\w/+-]+:"),  # :material_x: icons, :streamlit:, emoji shortcodes
    re.compile(r"(^|\s)(<->|->|<-|--|>=|<=|~=)(\s|$)"),  # arrows and dashes
)
HOSTILE = [
    "![t](http://127.0.0.1:9/track.png)",
    "**bold** <b>x</b> $x^2$ :red[red]",
    '<a href="http://example.invalid">link</a>',
    "**evil**.xlsx",
    ":material/home: :streamlit: :smile: :+1:",
    "# Heading\n- item\n1. item\n> quote",
    "`code` ~~gone~~ | a | b |",
    "$$\\frac{1}{2}$$",
    "see www.example.invalid or me@example.invalid",
    "a -> b <- c -- d >= e",
    "&lt;b&gt; &#36;",
]
# Markdown text made of the characters that matter most, and anything else.
markup_text = st.text(alphabet=st.sampled_from(list("\\`*_~[]()!<>$|:#+-=.&;@/ \n\tab1wh")))
any_text = st.one_of(markup_text, st.text())


def shown(escaped: str) -> str:
    """What markdown shows of escaped text: each backslash-escape read, word joiners unseen."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", escaped).replace(WORD_JOINER, "")


def unescaped_positions(escaped: str) -> list[int]:
    """The indices of the characters of ``escaped`` that no backslash escapes."""
    positions, i = [], 0
    while i < len(escaped):
        if escaped[i] == "\\":
            i += 2
            continue
        positions.append(i)
        i += 1
    return positions


def plotly_shows(label: str) -> str:
    """What plotly shows of a label: the entities it reads turned back into characters."""
    return re.sub(r"&(#\d+|#x[0-9a-fA-F]+|[a-z]+);", lambda m: html.unescape(m.group()), label)


def text_nodes(escaped: str) -> str:
    """The text the markdown parser hands to Streamlit's plugins: escapes read, word
    joiners kept (they are what stops the plugins' patterns)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", escaped)


@given(any_text)
def test_markdown_shows_the_text_as_written(text):
    assert shown(safe_text.markdown(text)) == safe_text.plain(text)


@given(any_text)
def test_markdown_leaves_no_markup_character_unescaped(text):
    escaped = safe_text.markdown(text)
    assert "\n" not in escaped and "\r" not in escaped
    for i in unescaped_positions(escaped):
        c = escaped[i]
        before = escaped[i - 1] if i else ""
        after = escaped[i + 1] if i + 1 < len(escaped) else ""
        assert c not in ALWAYS, (escaped, i)
        assert not (i == 0 and c in LINE_START), escaped
        if c == "_":
            assert before.isalnum() and after.isalnum(), (escaped, i)
        if c == ":":
            assert after == "" or after.isspace(), (escaped, i)
        if c == "&":
            assert not re.match(r"&#?\w+;", escaped[i:]), (escaped, i)
    assert not re.match(r"\d+[.)]", escaped), escaped


@given(any_text)
def test_markdown_leaves_nothing_for_streamlits_text_plugins(text):
    nodes = text_nodes(safe_text.markdown(text))
    for pattern in TEXT_PATTERNS:
        assert not pattern.search(nodes), (pattern.pattern, nodes)


@given(st.text(alphabet=st.sampled_from(list("abcXYZ019 .,()'/%£"))))
def test_text_without_markup_comes_back_as_it_was(text):
    name = f"Area {text}"  # not at the start: "1." there would be a list's number
    assert safe_text.markdown(name) == safe_text.plain(name)


@pytest.mark.parametrize(
    "text",
    ["sample_portfolio.xlsx", "Showing 29 of 148 service-years (locality North)", "Source: a"],
)
def test_the_apps_own_sentences_and_file_names_are_unchanged(text):
    assert safe_text.markdown(text) == text


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_names_are_escaped(text):
    escaped = safe_text.markdown(text)
    assert shown(escaped) == safe_text.plain(text)
    assert "](" not in escaped.replace("\\]", "")  # no link or image
    assert "**" not in escaped.replace("\\*", "")


def test_an_image_link_cannot_be_formed():
    escaped = safe_text.markdown("![t](http://127.0.0.1:9/track.png)")
    assert escaped == "\\!\\[t\\](http\\:" + WORD_JOINER + "//127.0.0.1\\:9/track.png)"


def test_line_breaks_become_spaces():
    assert safe_text.markdown("North\n\n# West  ") == "North # West"  # no longer a heading


def test_a_list_of_names_keeps_its_own_bullets():
    assert safe_text.markdown_list(["- a", "**b**"]) == "- \\- a\n- \\*\\*b\\*\\*"


@given(any_text)
def test_plotly_labels_show_the_text_as_written(text):
    escaped = safe_text.plotly(text)
    assert "<" not in escaped and ">" not in escaped and "$" not in escaped
    for entity in re.finditer(r"&#?\w+;", escaped):
        assert entity.group() in ("&lt;", "&gt;", "&amp;", "&#36;"), escaped
    assert plotly_shows(escaped) == text


def test_plotly_escapes_tags_and_entities():
    assert safe_text.plotly('<a href="x">A & B</a>') == '&lt;a href="x"&gt;A & B&lt;/a&gt;'
    assert safe_text.plotly("&lt;b&gt; &#60;") == "&amp;lt;b&amp;gt; &amp;#60;"
    assert safe_text.plotly("$x^2$") == "&#36;x^2&#36;"
    assert safe_text.plotly("Grants & trusts") == "Grants & trusts"
