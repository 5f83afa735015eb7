"""Pages a search engine tells apart badly: two pages of the built site with
the same title or the same description (from the front matter's `title` and
`summary`, as a workshop copied from another keeps them). A rule of the
content, not of the code: `make check` warns of it (tasks.py), the build
goes on. A page search engines are told not to list (noindex) is left out.
"""

from pathlib import Path

from lxml import etree

from core.problems import Problem
from core.site import is_page, url_path

_PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True)
# What each repeated text is, and what the editors change to end it.
KINDS = {
    "title": ("le même titre", "donnez à chacune son propre titre (title)"),
    "description": ("la même description", "donnez à chacune son propre résumé (summary), dans son fichier "
                                           "ou dans l’éditeur en ligne (/admin/)"),
}


def page_texts(root):
    """{"title": {text: [URL, …]}, "description": {…}} of the site's
    pages that search engines may list."""
    root = Path(root)
    texts = {kind: {} for kind in KINDS}
    for path in sorted(root.rglob("*.html")):
        name = path.relative_to(root).as_posix()
        if not is_page(name):
            continue
        head = etree.parse(str(path), _PARSER).getroot()
        if head is None or "noindex" in " ".join(head.xpath("//meta[@name='robots']/@content")):
            continue
        found = {"title": " ".join(head.xpath("string(//title)").split()),
                 "description": " ".join(" ".join(head.xpath("//meta[@name='description']/@content")).split())}
        for kind, text in found.items():
            if text:
                texts[kind].setdefault(text, []).append(url_path(name))
    return texts


def duplicate_warnings(root):
    """A warning for each title or description that several pages share."""
    warnings = []
    for kind, by_text in page_texts(root).items():
        same, fix = KINDS[kind]
        for text, urls in by_text.items():
            if len(urls) > 1:
                pages = ", ".join(urls[:-1]) + " et " + urls[-1]
                warnings.append(Problem(f"les pages {pages} ont {same} (« {text} ») : un moteur de recherche les "
                                        "distingue mal", fix=f"{fix}.", severity="warning"))
    return warnings
