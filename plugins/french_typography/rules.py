"""French typography for one run of text (HTML text between tags, with its
entities): spaces before high punctuation, guillemets, apostrophes, numbers.

Each rule puts the one space that belongs there, in place of any space
already there (ordinary or no-break), so running the rules twice changes
nothing more.
URLs, e-mail addresses, entities, times (14:30), ratios (3:1) and emoticons
are set aside first and put back untouched.
"""

import functools
import re

NNBSP = "\u202f"  # narrow no-break space: before ; ! ? and between thousands
NBSP = "\u00a0"  # no-break space: before :, inside « », after a number
SPACES = " \t\r\n\u00a0\u202f"

# Entities for characters the rules turn into typographic ones (Jinja
# escapes ' and " as &#39; and &#34;), and for spaces the rules replace.
_DECODED = {"&#39;": "'", "&#x27;": "'", "&apos;": "'", "&#34;": '"', "&#x22;": '"', "&quot;": '"',
            "&nbsp;": NBSP, "&#160;": NBSP, "&#xa0;": NBSP, "&#8239;": NNBSP, "&#x202f;": NNBSP}
_ENTITY_TO_DECODE = re.compile("|".join(map(re.escape, _DECODED)), re.I)

_PROTECTED = re.compile(
    r"&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);"  # an entity: &amp; keeps its ;
    r"|(?:https?|ftp)://[^\s<>\"«»]+|www\.[^\s<>\"«»]+"  # a URL
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # an e-mail address
    r"|\d+:\d+"  # a time or a ratio: 14:30, 3:1
    r"|(?<![^\s(])[:;]-?[()DPp](?![\w])"  # an emoticon: :-) ;) :D
)
_MARK = "\ue000"  # a private-use character stands for each protected span

# Quick looks that spare the rules a text they would not change (most runs
# of text between two tags have nothing to set).
_SOMETHING_TO_DO = re.compile(r"[;!?:\"'«»“”&%€°\d-]|\.\.\.|M[.ml]|Dr")
_MAY_PROTECT = re.compile(r"[&@:;]|www\.")
_MAY_PUNCTUATE = re.compile(r"[;!?:]")
_MAY_TITLE = re.compile(r"°|M[.ml]|Dr")
_DIGIT = re.compile(r"\d")

_DASH = re.compile(r"(?<=[ \t\r\n])--(?=[ \t\r\n])")
_GUILLEMET_OPEN = re.compile(f"«[{SPACES}]*")
_GUILLEMET_CLOSE = re.compile(f"[{SPACES}]*»")
# High punctuation: ; ! ? (a group such as ?! takes one space) and :, with
# whatever space stands before it, after a character that is not a space.
_HIGH = re.compile(f"(?P<before>[^{SPACES}(\\[«{_MARK}]|{_MARK})?(?P<space>[{SPACES}]*)(?P<mark>[;!?]+|:)")
_UNIT = re.compile(f"(?<=\\d)[{SPACES}]?(?=[€%])|(?<=\\d)[ {NBSP}](?=h(?![\\w]))")
_HOUR_MINUTES = re.compile(f"(?<=\\d{NBSP}h)[ {NBSP}](?=\\d)")
_TITLES = re.compile(f"(?<![\\w.])(n°|N°|M\\.|MM\\.|Mme|Mmes|Mlle|Dr)[ {NBSP}]+(?=[\\w{_MARK}])")
# Numbers: five to nine digits (not a phone number: no leading 0; not a
# postcode: not followed by a capitalised town), four digits before a unit
# (never a year on its own), or digits already grouped by threes.
_LONG_NUMBER = re.compile(f"(?<![\\w.,+\\-/{NBSP}{NNBSP}])([1-9][0-9]{{4,8}})(?![\\w])(?![ {NBSP}][A-ZÀ-Þ])")
_AMOUNT = re.compile(
    f"(?<![\\w.,+\\-/{NBSP}{NNBSP}])([1-9][0-9]{{3}})(?=[ {NBSP}]?(?:€|%|(?:euros?|EUR|km|kg|heures|personnes|participants)\\b))"
)
_GROUPED = re.compile(f"(?<![\\w.,])([1-9][0-9]{{0,2}})((?:[ {NBSP}{NNBSP}][0-9]{{3}})+)(?![\\w])")


def _protect(text):
    kept = []

    def keep(match):
        kept.append(match.group(0))
        return _MARK

    return _PROTECTED.sub(keep, text), kept


def _restore(text, kept):
    pieces = iter(kept)
    return re.sub(_MARK, lambda _: next(pieces), text)


def _quotes(text, before):
    """Straight double quotes become « » with their no-break spaces: one
    opens after a space, an opening bracket or the start; any other closes."""
    out, previous = [], before
    for index, piece in enumerate(text.split('"')):
        if index:
            opening = previous is None or previous in SPACES or previous in "([«—–"
            if opening:
                piece = "«" + NBSP + piece.lstrip(SPACES)
            else:
                out[-1] = out[-1].rstrip(SPACES)
                piece = NBSP + "»" + piece
        out.append(piece)
        if piece:
            previous = piece[-1]
    return "".join(out)


def _dashes(text):
    """`--` between spaces becomes an em dash; in a pair, the dashes hold to
    the aside they enclose: « mot —\u00a0aside\u00a0— suite »."""
    pieces = _DASH.split(text)
    for index in range(1, len(pieces)):
        opening = index % 2 == 1
        if opening:
            pieces[index - 1] = pieces[index - 1] + "—"
            pieces[index] = NBSP + pieces[index].lstrip(SPACES)
        else:
            pieces[index - 1] = pieces[index - 1].rstrip(SPACES) + NBSP + "—"
    return "".join(pieces)


def _high_punctuation(text, before):
    def space(match):
        previous = match.group("before")
        if previous is None:  # at the start of this text: the character before it counts
            if match.start() != 0 or before is None or before in SPACES or before in "([«":
                return match.group(0)
            previous = ""
        return previous + (NBSP if match.group("mark") == ":" else NNBSP) + match.group("mark")

    return _HIGH.sub(space, text)


def _thousands(match):
    digits = match.group(1)
    groups = []
    while len(digits) > 3:
        digits, group = digits[:-3], digits[-3:]
        groups.insert(0, group)
    return NNBSP.join([digits, *groups])


# Pure, and the same runs (the menu, the footer, the labels) come back on
# every page: a thousand pages ask for the same few hundred runs.
@functools.lru_cache(maxsize=65536)
def french_text(text, before=None):
    """Set a run of text in French typography. `before` is the character
    that precedes it on the page (after a closing </a>, say), or None at the
    start of a block."""
    if not _SOMETHING_TO_DO.search(text):
        return text
    if "&" in text:
        text = _ENTITY_TO_DECODE.sub(lambda match: _DECODED[match.group(0).lower()], text)
    text, kept = _protect(text) if _MAY_PROTECT.search(text) else (text, None)
    text = text.replace("...", "…").replace("'", "’")
    if '"' in text:
        text = _quotes(text, before)
    text = text.replace("“", "«").replace("”", "»")  # English quotes, as a word processor types them
    if "--" in text:
        text = _dashes(text)
    if "«" in text:
        text = _GUILLEMET_OPEN.sub("«" + NBSP, text)
    if "»" in text:
        text = _GUILLEMET_CLOSE.sub(NBSP + "»", text)
    if _MAY_PUNCTUATE.search(text):
        text = _high_punctuation(text, before)
    if _DIGIT.search(text):
        text = _UNIT.sub(NBSP, text)
        text = _HOUR_MINUTES.sub(NBSP, text)
        text = _GROUPED.sub(lambda match: match.group(1) + re.sub(f"[ {NBSP}]", NNBSP, match.group(2)), text)
        text = _LONG_NUMBER.sub(_thousands, text)
        text = _AMOUNT.sub(_thousands, text)
    if _MAY_TITLE.search(text):
        text = _TITLES.sub(lambda match: match.group(1) + NBSP, text)
    return _restore(text, kept) if kept else text
