"""Kramdown's citation form, as a figure with its caption.

On the former site a quotation is a blockquote followed by a paragraph with
the class `cite` (`{:.cite}`) that names its author and work:

    > « Le travailleur social se veut et se pense médiateur… »

    Michel Autès dans « *Les paradoxes du travail social* »
    {:.cite}

It becomes <figure class="citation"><blockquote>…</blockquote><figcaption>…
</figcaption></figure>, the title of the work in <cite>, so that the author is
announced as the quotation's attribution rather than as a loose paragraph.
"""

import itertools
import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


def _is_attribution(element):
    return element.tag == "p" and "cite" in element.get("class", "").split()


def wrap_citations(root):
    """Wrap every blockquote followed by a `.cite` paragraph in a figure."""
    for parent in root.iter():
        children = list(parent)
        for quote, caption in itertools.pairwise(children):
            if quote.tag != "blockquote" or not _is_attribution(caption):
                continue
            figure = etree.Element("figure", {"class": "citation"})
            parent.insert(children.index(quote), figure)
            parent.remove(quote)
            parent.remove(caption)
            caption.tag = "figcaption"
            classes = [name for name in caption.get("class").split() if name != "cite"]
            if classes:
                caption.set("class", " ".join(classes))
            else:
                del caption.attrib["class"]
            for emphasis in caption.iter("em"):
                emphasis.tag = "cite"
            figure.tail, caption.tail = caption.tail, "\n"
            figure.extend([quote, caption])


class _CitationTreeprocessor(Treeprocessor):
    def run(self, root):
        wrap_citations(root)


class CitationExtension(Extension):
    def extendMarkdown(self, md):
        # After attr_list (priority 8), which sets the `cite` class.
        md.treeprocessors.register(_CitationTreeprocessor(md), "kramdown_citation", 7)
