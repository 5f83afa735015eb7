"""Links and pictures an editor writes from the server's root (`/ateliers/…`,
`/images/…`) are refused by every build, the preview's as the published
one's, with the same message: on a site published under a sub-path
(https://exemple.github.io/site/) they would lead out of the site.

Refused rather than rewritten: the fix, Pelican's own `{filename}` and
`{static}`, gives a link that is right at every address and is checked by
Pelican (a renamed file is named), whereas rewriting the links of a page
written in raw HTML would take a regular expression over HTML. The check
reads the Markdown file, not the page, so it does not depend on SITEURL:
the preview and `make check` cannot disagree.
"""

import re

from core.source import prose

# [text](/x) and ![alt](/x), <…>-wrapped or not.
_MARKDOWN = re.compile(r"\]\(\s*<?(/(?!/)[^\s)>]*)")
# [name]: /x, a reference definition.
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(/(?!/)[^\s>]*)")
# href="/x", src='/x', poster=/x … in raw HTML.
_ATTRIBUTE = re.compile(r"""\b(?:href|src|poster|data|action)\s*=\s*["']?(/(?!/)[^"'\s>]*)""", re.I)
_SRCSET = re.compile(r"""\bsrcset\s*=\s*["']([^"']*)["']""", re.I)
# ![alt](/x) and <img src="/x">: pictures, which the pictures plugin may publish.
_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?(/(?!/)[^\s)>]*)")
_IMG_SRC = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*["']?(/(?!/)[^"'\s>]*)""", re.I)
# Whatever any pattern above could match starts so: a file without it has no
# root link, and is not read line by line (most files: links use {filename}).
_MAYBE = re.compile(r"""\]\(\s*<?/(?!/)|\]:\s*<?/(?!/)|=\s*["']?/(?!/)|srcset""", re.I)


def root_links(text, picture_handled=None):
    """(line, link) of every link written from the server's root in a
    Markdown file, outside code blocks and code spans. `picture_handled(src)`
    says which picture sources another plugin publishes at SITEURL (pictures):
    those are right at every address."""
    found = []
    if not _MAYBE.search(text):
        return found
    for number, line in enumerate(prose(text, front_matter=False).splitlines(), 1):
        links = [match.group(1) for pattern in (_MARKDOWN, _REFERENCE, _ATTRIBUTE) for match in pattern.finditer(line)]
        for srcset in _SRCSET.finditer(line):
            links += [part.split()[0] for part in srcset.group(1).split(",")
                      if part.split() and part.split()[0].startswith("/") and not part.split()[0].startswith("//")]
        pictures = {match.group(1) for pattern in (_IMAGE, _IMG_SRC) for match in pattern.finditer(line)}
        found += [(number, link) for link in dict.fromkeys(links)
                  if not (picture_handled and link in pictures and picture_handled(link))]
    return found


def fix_for(link, sources, static_paths):
    """What to write instead: {filename} and the page's file when the link
    names a page the site has, {static} for a file of the static folders."""
    path = link.split("#")[0].split("?")[0]
    fragment = link[len(path):] if link.startswith(path) else ""
    source = sources.get(path) or sources.get(path.rstrip("/") + "/")
    if source:
        return f"« {{filename}}/{source.split('/', 1)[1]}{fragment} » (le fichier de la page)"
    if any(path.startswith(f"/{folder.strip('/')}/") for folder in static_paths):
        return f"« {{static}}{path} » (le fichier lui-même)"
    return ("« {filename}/dossier/fichier.md » pour une page du site, « {static}/images/photo.jpg » "
            "pour une image, « {static}/documents/programme.pdf » pour un document PDF rangé dans "
            "content/documents/, ou une adresse complète https://… pour un autre site")


def root_link_problems(source, text, sources, static_paths, picture_handled=None):
    """(link, French line) for each root link of one content file."""
    return [
        (link, f"{source}, ligne {line} : le lien « {link} » part de la racine du serveur ; sur le site publié à une "
               f"sous-adresse (https://exemple.github.io/site/), il mènerait hors du site. Écrivez à la place "
               f"{fix_for(link, sources, static_paths)}.")
        for line, link in root_links(text, picture_handled)
    ]
