"""Find the <img> tags of a content's HTML and write a <picture> in place of each.

The HTML is read with the standard library's parser, which gives where
each tag starts and its exact text; the tags are then replaced by position,
so the rest of the HTML stays byte for byte as the Markdown reader wrote it.
"""

from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

# What an editor writes as the text of an image that only decorates (the
# guide explains it): the page then gives it alt="" and screen readers skip it.
DECORATIVE = {"decoratif", "décoratif", "decorative"}
# Attributes an editor may set on an image and that are kept on the <img>.
KEPT = ("id", "class", "title")


@dataclass(frozen=True)
class Tag:
    start: int  # offset of "<img" in the HTML
    end: int  # offset just after its ">"
    attributes: dict
    in_picture: bool  # already inside a <picture> written by hand


class _ImageFinder(HTMLParser):
    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.line_starts = [0]
        for index, character in enumerate(html):
            if character == "\n":
                self.line_starts.append(index + 1)
        self.tags, self.pictures = [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "picture":
            self.pictures += 1
        elif tag == "img":
            line, column = self.getpos()
            start = self.line_starts[line - 1] + column
            text = self.get_starttag_text()
            self.tags.append(Tag(start, start + len(text), {name: value or "" for name, value in attrs}, self.pictures > 0))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "picture" and self.pictures:
            self.pictures -= 1


def find_images(html):
    """Every <img> tag of `html`, in order."""
    if "<img" not in html.lower():  # most pages: no parsing at all
        return []
    finder = _ImageFinder(html)
    finder.feed(html)
    finder.close()
    return finder.tags


def is_decorative(alt):
    return alt.strip().casefold() in DECORATIVE


def replace(html, replacements):
    """`html` with each (Tag, new text) put in place of the tag."""
    pieces, position = [], 0
    for tag, text in sorted(replacements, key=lambda pair: pair[0].start):
        pieces += [html[position:tag.start], text]
        position = tag.end
    pieces.append(html[position:])
    return "".join(pieces)


def srcset(variants, url):
    return ", ".join(f"{url(variant.name)} {variant.width}w" for variant in variants)


def picture(variants, fallback, alt, sizes, url, first, attributes=None):
    """A <picture>: one <source> per modern format, then the fallback <img>
    that carries the size, the text and how it loads."""
    largest = max(fallback, key=lambda variant: variant.width)
    middle = _default(fallback)
    lines = ["<picture>"]
    for mime in dict.fromkeys(variant.mime for variant in variants):
        same = [variant for variant in variants if variant.mime == mime]
        lines.append(f'<source type="{mime}" srcset="{escape(srcset(same, url))}" sizes="{escape(sizes)}">')
    extra = "".join(f' {name}="{escape(value)}"' for name, value in (attributes or {}).items() if name in KEPT and value)
    loading = "" if first else ' loading="lazy" decoding="async"'
    lines.append(f'<img src="{escape(url(middle.name))}" srcset="{escape(srcset(fallback, url))}" sizes="{escape(sizes)}" '
                 f'alt="{escape(alt)}" width="{largest.width}" height="{largest.height}"{loading}{extra}>')
    lines.append("</picture>")
    return "".join(lines)


def _default(fallback):
    """The fallback's src, for browsers that ignore srcset: the width
    nearest to a text column."""
    return min(fallback, key=lambda variant: abs(variant.width - 720))
