"""Data is text, never markup: names from a workbook, a file's name or an address, made safe
to put into Streamlit's markdown and into plotly's labels.

Streamlit renders markdown in ``st.markdown``, captions, alerts, titles and the labels of
metrics, expanders, tabs and status boxes: a Locality called ``![t](http://host/t.png)``
would make every viewer's browser fetch that image. Plotly reads its labels, hover text,
legends and titles as a little HTML (``<b>``, ``<a href>``). ``markdown`` and ``plotly``
return text that those show exactly as it was written.

Pure: no Streamlit.
"""

from __future__ import annotations

import re

# A zero-width, invisible character that also stops a line breaking where it stands.
WORD_JOINER = "\N{WORD JOINER}"

# Characters that start markup wherever they stand: escapes, code, emphasis, strikethrough,
# links and images, HTML and autolinks, maths, table cells.
_ALWAYS = frozenset("\\`*~[]!<>$|")
_LINE_START = frozenset("#+-=")  # a heading, a list item, a rule or a setext underline
_LIST_NUMBER = re.compile(r"^(\d{1,9})([.)])")  # "1. item", "2) item"
_ENTITY = re.compile(r"&#?\w+;")  # &amp; &#36;: the character it names would be shown
_ENTITY_START = re.compile(r"&(?=#?\w+;)")
_SPACE = re.compile(r"[ \t\r\n\f\v]+")

# Streamlit's markdown changes some text after the escapes are read (remark-gfm's literal
# links, its :material_x: icons and :streamlit: logo, remark-emoji, its arrows and dashes);
# a word joiner inside each pattern keeps the text as written. Each pattern matches the
# place to put it.
_DEFUSE = (
    re.compile(r"(?<=:)(?=//)"),  # http://host: a live link
    re.compile(r"(?<=:)(?=[\w/+-]+:)"),  # :material/home:, :streamlit:, :smile:
    re.compile(r"(?<=www)(?=\.)", re.IGNORECASE),  # www.host: a live link
    re.compile(r"(?<=[-.\w+])(?=@)"),  # name@host.org: a live mailto link
    re.compile(r"(?:(?<=^[-<>~])|(?<=\s[-<>~]))(?=[->=])"),  # ->, <-, <->, --, >=, <=, ~=
)


def plain(text: object) -> str:
    """``text`` as one line: every run of spaces, tabs and line breaks as a single space,
    none at either end (how a browser shows it in a sentence anyway)."""
    return _SPACE.sub(" ", "" if text is None else str(text)).strip()


def _defused(text: str) -> str:
    for pattern in _DEFUSE:
        text = pattern.sub(WORD_JOINER, text)
    return text


def _starts_markup(line: str, i: int) -> bool:
    """Whether the character at ``i`` could start or end markup in Streamlit's markdown."""
    c = line[i]
    before = line[i - 1] if i else ""
    after = line[i + 1] if i + 1 < len(line) else ""
    if c in _ALWAYS or (i == 0 and c in _LINE_START):
        return True
    if c == "_":  # inside a word (file_name) it can neither open nor close emphasis
        return not (before.isalnum() and after.isalnum())
    if c == ":":  # :red[...], :material/icon:, :smile: all run on from the colon
        return bool(after) and not after.isspace()
    if c == "&":
        return _ENTITY.match(line, i) is not None
    return False


def markdown(text: object) -> str:
    """``text`` for Streamlit markdown, shown as written. Backslashed: ``\\``, backticks,
    ``*``, ``~``, ``[``, ``]``, ``!``, ``<``, ``>``, ``$`` and ``|`` everywhere; ``_`` unless
    inside a word; ``:`` before anything but a space (``:red[...]``, ``:material/icon:``);
    ``&`` that starts an entity; ``#``, ``+``, ``-``, ``=`` and ``1.`` at the start. A word
    joiner inside what Streamlit would still turn into a link, an icon or an arrow; line
    breaks as spaces. Text without any of these comes back as it was.

    For any call that renders markdown: ``st.markdown``, ``st.caption``, ``st.title``,
    alerts, ``st.table`` cells, and the labels of metrics, expanders, tabs and status boxes.
    """
    line = _defused(plain(text))
    escaped = "".join("\\" + c if _starts_markup(line, i) else c for i, c in enumerate(line))
    return _LIST_NUMBER.sub(r"\1\\\2", escaped)


def markdown_list(items: list[str] | tuple[str, ...]) -> str:
    """A markdown bullet list whose items are shown as written."""
    return "\n".join(f"- {markdown(item)}" for item in items)


def plotly(text: object) -> str:
    """``text`` for plotly's labels (axis ticks, legends, hover text, annotations, titles),
    which read ``<b>``, ``<a href>``, ``<br>`` and entities: ``<`` and ``>`` written as
    entities, and ``&`` where it would start one (``A & B`` stays as it is); ``$`` too, since
    a label between two ``$`` is LaTeX where MathJax is loaded."""
    text = _ENTITY_START.sub("&amp;", "" if text is None else str(text))
    return text.replace("<", "&lt;").replace(">", "&gt;").replace("$", "&#36;")
