"""A Markdown file as its editor wrote it, read for where things are.

Checks that report a line (other hosts, the HTML allow-list) look for what
they found in the text the editor wrote. Code shows HTML, it does not make
it: front matter, fenced blocks (``` or ~~~) and code spans are blanked,
each line kept in its place, so that a line number found in `prose(text)`
is the line of the file.
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


def prose(text):
    """`text` with its front matter, code blocks and code spans blanked, each
    line kept in its place: code shows HTML, it does not load it."""
    lines, fence = text.splitlines(), None
    start = front_matter_end(lines)
    kept = []
    for number, line in enumerate(lines):
        opening = _FENCE.match(line)
        if number < start or fence is not None or opening:
            if opening:
                mark = opening.group(1)
                fence = mark[0] * len(mark) if fence is None else (None if mark.startswith(fence) else fence)
            kept.append("")
            continue
        kept.append(_CODE_SPAN.sub(lambda match: " " * len(match.group(0)), line))
    return "\n".join(kept)
