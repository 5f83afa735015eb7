"""A weight budget for an old office PC or a phone: each page with what it
loads (HTML, CSS, JavaScript, fonts) under 50 KB; one minified stylesheet
(and the réglages' colours, when set, in a small one of their own);
no request to any other host; images sized, described and lazy."""

from identity_style import STYLESHEET

from conftest import PUBLISHED_SITEURL, REGLAGES, ROOT, build_files
from core.appearance import identity_css

BUDGET = 50_000


def pages(site):
    return [(site.url_of(path), path) for path in site.html_files()]


def loaded(soup):
    """What a page asks the browser to fetch: stylesheets, scripts, images, icons."""
    for element in soup.select("link[href], script[src], img[src], source[src], iframe[src]"):
        if element.name == "link" and not {"stylesheet", "icon", "preload"} & set(element.get("rel", [])):
            continue  # canonical, alternate: addresses, not requests
        yield element.get("href") or element.get("src")


def test_every_page_with_what_it_loads_stays_under_50_kb(published_site):
    for url, path in pages(published_site):
        soup = published_site.soup(url)
        total = path.stat().st_size
        for address in loaded(soup):
            if address.endswith((".css", ".js", ".woff", ".woff2")):
                total += published_site.file_for(address.removeprefix(PUBLISHED_SITEURL)).stat().st_size
        assert total < BUDGET, f"{url} : {total} octets"


def test_one_stylesheet_minified(published_site):
    source = (ROOT / "theme" / "static" / "css" / "style.css").read_text(encoding="utf-8")
    published = (published_site.root / "theme" / "css" / "style.css").read_text(encoding="utf-8")
    assert len(published) < 0.8 * len(source)
    assert "/*" not in published and "\n  " not in published
    expected = [f"{PUBLISHED_SITEURL}/{name}"
                for name in ["theme/css/style.css", *([STYLESHEET] if identity_css(REGLAGES["APPEARANCE"]) else [])]]
    for url, _ in pages(published_site):
        sheets = published_site.soup(url).select('link[rel="stylesheet"]')
        assert [sheet["href"] for sheet in sheets] == expected, url


def test_nothing_is_requested_from_another_host(published_site):
    for url, _ in pages(published_site):
        for address in loaded(published_site.soup(url)):
            assert address.startswith(PUBLISHED_SITEURL + "/") or not address.startswith(("http:", "https:", "//")), \
                f"{address} dans {url}"


def test_the_search_index_loads_only_on_the_search_page(published_site):
    for url, path in pages(published_site):
        mentions = "/pagefind/" in path.read_text(encoding="utf-8")
        assert mentions == (url == "/recherche/"), url


def test_the_icon_is_an_svg(published_site):
    icon = published_site.soup("/").select_one('link[rel="icon"]')
    assert icon["type"] == "image/svg+xml"
    assert (published_site.root / "theme" / "favicon.svg").read_text(encoding="utf-8").lstrip().startswith("<svg")


def test_a_picture_in_a_format_the_site_cannot_size_stops_the_build_at_each_line(tmp_path):
    """The pictures plugin sizes every picture of the content; one it cannot
    open (an SVG here) is named at each line that shows it, with the fix."""
    result, output = build_files(tmp_path, {
        "images/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"></svg>\n',
        "pages/equipe.md": "---\ntitle: L’équipe\n---\n\n"
                           '<img src="{static}/images/logo.svg" alt="Le logo" width="64" height="64" loading="lazy">\n\n'
                           "![Le logo]({static}/images/logo.svg)\n",
    })
    assert result.returncode == 1
    for line in (5, 7):
        assert (f"content/pages/equipe.md, ligne {line} : l'image « {{static}}/images/logo.svg » : "
                "le format SVG n'est pas pris en charge. Enregistrez l'image en") in output, output
    assert "Traceback" not in output


def test_an_image_with_no_text_in_markdown_is_named_in_french(tmp_path):
    result, output = build_files(tmp_path, {"pages/equipe.md": "---\ntitle: L’équipe\n---\n\n![](/theme/favicon.svg)\n"})
    assert result.returncode == 1
    # plugins/pictures names the line, and says how to mark a decorative image.
    said = "content/pages/equipe.md, ligne 5 : l'image « /theme/favicon.svg » : le texte de remplacement de l'image est vide"
    assert said in output
    assert "![décoratif]" in output
