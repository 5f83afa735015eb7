"""Every URL the templates write comes from SITEURL, so the site also works
under a project-pages subpath such as https://user.github.io/repo/."""

from urllib.parse import urlsplit

from conftest import PUBLISHED_SITEURL, published_offers

URL_ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "srcset", "form": "action"}


def urls(soup):
    """Every URL the page names; a srcset names one per candidate (« url 720w, … »)."""
    for tag, attribute in URL_ATTRIBUTES.items():
        for element in soup.find_all(tag, attrs={attribute: True}):
            if attribute == "srcset":
                yield from (candidate.split()[0] for candidate in element[attribute].split(",") if candidate.strip())
            else:
                yield element[attribute]
    for element in soup.find_all("img", attrs={"srcset": True}):
        yield from (candidate.split()[0] for candidate in element["srcset"].split(",") if candidate.strip())


def test_no_root_relative_url_in_the_published_site(published_site):
    for path in published_site.html_files():
        for url in urls(published_site.soup(published_site.url_of(path))):
            assert not url.startswith("/"), f"{url} dans {published_site.url_of(path)} ignore SITEURL"


def test_site_links_start_with_siteurl(published_site):
    soup = published_site.soup(next(iter(published_offers())))
    stylesheet = soup.find("link", rel="stylesheet")["href"]
    assert stylesheet == f"{PUBLISHED_SITEURL}/theme/css/style.css"
    home = soup.select_one(".site-name a")["href"]
    assert home == f"{PUBLISHED_SITEURL}/"
    for link in soup.select("nav a"):
        assert link["href"].startswith(PUBLISHED_SITEURL + "/")


def test_markdown_links_use_siteurl(published_site):
    links = [a["href"] for a in published_site.soup("/").select("main a")]
    contact = [href for href in links if href.endswith("/contact/")]
    assert contact and all(href == f"{PUBLISHED_SITEURL}/contact/" for href in contact)


def test_internal_absolute_urls_exist(published_site):
    """Every absolute link into the site names a file that was built."""
    prefix = PUBLISHED_SITEURL + "/"
    for path in published_site.html_files():
        for url in urls(published_site.soup(published_site.url_of(path))):
            if url.startswith(prefix):
                target = "/" + urlsplit(url[len(prefix):]).path
                assert published_site.file_for(target).is_file(), f"{url} dans {published_site.url_of(path)}"
