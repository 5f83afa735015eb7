"""Nothing a page loads comes from another host unless the settings say so.

The site promises its visitors that no page makes their browser ask another
server for anything (the privacy page says so): a picture, a video, a frame,
a style sheet or a script from elsewhere would give that server the
visitor's address. A plain link (`<a href>`) loads nothing and stays
allowed. ALLOWED_HOSTS (pelicanconf.py) lists the hosts the organisation
accepts; the privacy page names them.

The Markdown file is read as the editor wrote it, in one HTML parse
(html.parser keeps each tag's line), plus Markdown's own picture form
`![…](https://…)`: the report names the line the editor must change, and
the check does not depend on how Pelican or another plugin renders the page.
A `<script>` is refused even without `src`: only the search page runs a
script, the site's own. Code between ``` or ~~~ and in `…` shows HTML and
loads nothing; an indented block is read as HTML (inside a list it is one):
in doubt, the build refuses, and ``` is the fix.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

# The attributes by which each element makes the browser load something.
LOADING = {
    "script": ("src",), "iframe": ("src",), "frame": ("src",), "img": ("src", "srcset"),
    "link": ("href",), "video": ("src", "poster"), "audio": ("src",), "source": ("src", "srcset"),
    "track": ("src",), "embed": ("src",), "object": ("data",), "input": ("src",),
}
_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^\s)>]+)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+).*?\1")


def host_of(url):
    """The host a URL leads to, or None for one of the site (relative, {filename}…)."""
    url = url.strip()
    if not (url.startswith("//") or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", url)):
        return None
    return (urlsplit(url).hostname or "").lower() or None


def prose(text):
    """`text` with its front matter, code blocks and code spans blanked, each
    line kept in its place: code shows HTML, it does not load it."""
    lines, fence = text.splitlines(), None
    start = 0
    if lines and lines[0].strip() == "---":
        ends = [number for number, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")]
        start = ends[0] + 1 if ends else 0
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


class _Loads(HTMLParser):
    """(line, tag, URL or None) of every element that loads something."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        line, attrs = self.getpos()[0], dict(attrs)
        if tag == "script" and not attrs.get("src"):
            self.found.append((line, tag, None))
        for name in LOADING.get(tag, ()):
            value = attrs.get(name) or ""
            urls = [part.split()[0] for part in value.split(",") if part.split()] if name == "srcset" else [value]
            self.found += [(line, tag, url) for url in urls if url]

    handle_startendtag = handle_starttag


def loads(text):
    """(line, tag, URL or None) of every element of a Markdown file that makes
    the browser load something, and of every inline `<script>` (URL None)."""
    text = prose(text)
    parser = _Loads()
    parser.feed(text)
    parser.close()
    pictures = [(number, "img", match.group(1))
                for number, line in enumerate(text.splitlines(), 1) for match in _IMAGE.finditer(line)]
    return sorted(parser.found + pictures)


def host_problems(source, text, allowed):
    """French lines, one per element of `source` that loads from a host not in
    `allowed`, or runs a script of its own."""
    allowed = {host.lower() for host in allowed or ()}
    problems = []
    for line, tag, url in loads(text):
        if url is None:
            problems.append(
                f"{source}, ligne {line} : un script (<script>) dans le texte d’une page n’est pas permis : le site "
                "promet que seule sa page de recherche exécute un script, le sien. Retirez-le ; pour montrer du "
                "code, écrivez-le entre ``` (bloc de code).")
            continue
        host = host_of(url)
        if host and host not in allowed:
            problems.append(
                f"{source}, ligne {line} : « {url} » (<{tag}>) ferait charger à chaque visiteur un fichier venu de "
                f"« {host} », qui recevrait son adresse ; le site promet que rien ne vient d’un autre site. "
                "Publiez le fichier avec le site (une image dans content/images/, avec "
                "{static}/images/…), ou mettez un simple lien [texte](adresse) ; si l’association accepte cet "
                f"hébergeur, ajoutez « {host} » à ALLOWED_HOSTS dans pelicanconf.py (la page de confidentialité "
                "le nommera).")
    return problems
