"""A Markdown file as its editor wrote it, read for where things are: the one
scanner of front matter, fenced code blocks and code spans.

Checks that report a line (other hosts, the HTML allow-list, links from the
server's root, pictures) look for what they found in the text the editor
wrote. Code shows HTML, it does not make it: front matter, fenced blocks
(``` or ~~~) and code spans are blanked, each line kept in its place, so
that a line number found in `prose(text)` is the line of the file.
"""

import re

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+).*?\1")


def front_matter_end(lines):
    """The index of the first line after the front matter (0 without one)."""
    if lines and lines[0].strip() == "---":
        ends = [number for number, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")]
        return ends[0] + 1 if ends else 0
    return 0


def in_code_blocks(lines):
    """For each of `lines`, whether it belongs to a fenced code block, its
    fences included. A block closes on a fence of its own character, at
    least as long as the one that opened it."""
    inside, fence = [], None
    for line in lines:
        opening = _FENCE.match(line)
        if opening:
            mark = opening.group(1)
            fence = mark[0] * len(mark) if fence is None else (None if mark.startswith(fence) else fence)
        inside.append(bool(opening) or fence is not None)
    return inside


def prose(text, front_matter=True):
    """`text` with its front matter (unless `front_matter` is False: then it
    is read as prose), code blocks and code spans blanked, each line kept in
    its place: code shows HTML, it does not load it."""
    lines = text.splitlines()
    start = front_matter_end(lines) if front_matter else 0
    code = in_code_blocks(lines)
    return "\n".join("" if number < start or code[number] else _CODE_SPAN.sub(_spaces, line)
                     for number, line in enumerate(lines))


def _spaces(match):
    return " " * len(match.group(0))
