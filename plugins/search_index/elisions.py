"""French elisions as Pagefind should read them.

Pagefind splits words on spaces only: « d’écriture », « l'écoute » and
« qu’ils » stay one word each, and « écriture » finds nothing. The indexer
reads a copy of the site's pages in which a space follows each elision
(« d’ écriture »); the search page splits a query the same way
(theme/static/js/search.js) and joins the elisions back in what it shows.
"""

import re
import shutil
from pathlib import Path

# An elided word (l’, d’, qu’, jusqu’, lorsqu’…) with either apostrophe, as
# written or as an HTML entity, at the start of a word and before a letter.
# « aujourd’hui » and « quelqu’un » are one word: a letter precedes.
ELISION = re.compile(r"(?<![\w&#])((?:jusqu|lorsqu|puisqu|quoiqu|qu|[cdjlmnst])(?:’|'|&#39;|&#x27;|&#8217;|&rsquo;|&apos;))"
                     r"(?=[^\W\d_])", re.IGNORECASE)
# A tag, a comment, or a whole <script>/<style> element: left as written.
_MARKUP = re.compile(r"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->|<[^>]*>", re.IGNORECASE | re.DOTALL)


def split_elisions(text):
    """A plain text with a space after each elision."""
    return ELISION.sub(r"\1 ", text)


def split_elisions_in_html(html):
    """`html` with a space after each elision of its text; tags and their
    attributes (a title given as data-pagefind-meta…) are left as written."""
    parts, start = [], 0
    for markup in _MARKUP.finditer(html):
        parts += [split_elisions(html[start:markup.start()]), markup.group()]
        start = markup.end()
    parts.append(split_elisions(html[start:]))
    return "".join(parts)


def copy_for_indexing(site, target, stopped=lambda: False):
    """Every page of `site` (not Pagefind's own bundles) into `target`, at
    the same path, its elisions split: what Pagefind indexes. Ends early
    once `stopped()` is true (the preview stopped or has a newer site)."""
    site, target = Path(site), Path(target)
    for path in site.rglob("*.html"):
        if stopped():
            return
        relative = path.relative_to(site)
        if relative.parts[0].startswith("pagefind"):
            continue
        copy = target / relative
        copy.parent.mkdir(parents=True, exist_ok=True)
        try:
            copy.write_text(split_elisions_in_html(path.read_text(encoding="utf-8")), encoding="utf-8")
        except UnicodeDecodeError:  # not ours to read: Pagefind sees it as it is
            shutil.copyfile(path, copy)
