"""French typography over HTML: the rules of rules.py on every text a
visitor reads, never inside code, pre, kbd, samp, script, style, textarea,
comments or attributes; and no widow in a heading (its last two words held
together when they are short enough not to overflow a phone's width).
"""

import functools
import re

from .rules import NBSP, french_text

# The theme's words (menu, footer, buttons) come back on every page: each
# run is set once. Bounded, so that thousands of pages of prose cannot fill it.
_french_run = functools.lru_cache(maxsize=4096)(french_text)

# A tag (its slash and name captured), a comment, a doctype or a CDATA
# section; attributes may hold ">" inside quotes.
_TOKEN = re.compile(
    r"(<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[!?][^>]*>|<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>)", re.S
)
# Elements whose text is not prose: left as written.
_VERBATIM = {"code", "pre", "kbd", "samp", "var"}
# Elements whose content is not HTML at all: copied as it is up to their end tag.
_RAW_TEXT = {"script", "style", "textarea"}
# Inline elements: text on both sides of them is one run (« </a> ! »).
_INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "data", "dfn", "em", "i", "mark", "q", "s", "small", "span",
           "strong", "sub", "sup", "time", "u", "code", "kbd", "samp", "var", "label"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# A heading's last two words are held together if they are this short at most.
WIDOW_LENGTH = 16
_LAST_SPACE = re.compile(r"(\S+) (\S+)\s*$")


def french(html):
    """Set a fragment or a whole page of HTML in French typography."""
    # One split: text, then for each token its whole text, slash and name.
    parts = _TOKEN.split(html)
    out = []
    before = None  # the last character of prose, while only inline tags come between
    verbatim = 0  # how deep inside code, pre… we are
    heading = None  # indexes in `out` of the texts of the heading being read
    raw = None  # the end tag that closes the script, style or textarea we are in
    for index in range(0, len(parts), 4):
        text = parts[index]
        if text and raw is None:
            if text.isspace():  # between two tags: a space at most
                before = " " if before is not None else None
            else:
                if not verbatim:
                    text = _french_run(text, before)
                    if heading is not None:
                        heading.append(len(out))
                before = text[-1]
        out.append(text)
        if index + 1 >= len(parts):
            break
        token, closing, name = parts[index + 1], parts[index + 2], (parts[index + 3] or "").lower()
        out.append(token)
        if raw is not None:
            raw = None if closing and name == raw else raw
            continue
        if name in _RAW_TEXT and not closing:
            raw = name
        elif name in _VERBATIM:
            verbatim = max(0, verbatim + (-1 if closing else 1))
        elif name in _HEADINGS:
            if closing and heading is not None:
                _hold_last_words(out, heading)
            heading = None if closing else []
        if name and name not in _INLINE:
            before = None
    return "".join(out)


def _hold_last_words(out, indexes):
    """Replace the last ordinary space of a heading by a no-break space, if
    the two words it separates are short: no lone short word on a line."""
    texts = [out[index] for index in indexes]
    joined = "".join(texts)
    match = _LAST_SPACE.search(joined)
    if not match or len(match.group(1)) + len(match.group(2)) + 1 > WIDOW_LENGTH:
        return
    space = match.end(1)
    for index, text in zip(indexes, texts, strict=True):
        if space < len(text):
            out[index] = text[:space] + NBSP + text[space + 1:]
            return
        space -= len(text)
