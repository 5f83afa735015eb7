"""Another organisation copies the site and replaces content/ by its own
(tests/fixtures/autre_association): it builds as published with no change
to the code, the pages the theme links to come from theme/default_pages/
(plugins/default_pages), and nothing of today's content/ is shown. A page
missing anyway is one problem, however many pages link to it
(plugins/site_checks/report.py)."""

import os
import shutil

import pytest

import fresh_process
from conftest import CONTENT, PUBLISHED_SITEURL, ROOT, Site, as_shown, build_files, build_or_fail, front_matter
from core.organisation import read_identity
from site_checks import Problem, check_site
from site_checks.links import NoPage
from site_checks.report import in_source

FORK_CONTENT = ROOT / "tests" / "fixtures" / "autre_association" / "content"
DEFAULT_PAGES = ROOT / "theme" / "default_pages"
# What a copy of the repository holds besides content/: the settings are
# copied, the rest linked (the réglages are the content folder's own).
COPIED = ["pelicanconf.py", "publishconf.py"]
LINKED = ["theme", "plugins", "core", "node_modules"]


def fork_of(folder, content=FORK_CONTENT):
    """A copy of the repository whose content/ is `content`."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        shutil.copy(ROOT / name, folder / name)
    for name in LINKED:
        (folder / name).symlink_to(ROOT / name, target_is_directory=True)
    shutil.copytree(content, folder / "content")
    return folder


def build_published(fork):
    """`make publish` in the copy: publishconf.py, under a sub-path."""
    environment = {**os.environ, "COLUMNS": "250", "SITEURL": PUBLISHED_SITEURL}
    arguments = ["content", "-s", "publishconf.py", "-o", fork / "output"]
    return fresh_process.run("pelican", arguments, fork, environment)


@pytest.fixture(scope="module")
def fork(tmp_path_factory):
    """The other organisation's site, built as published: (process, Site)."""
    folder = fork_of(tmp_path_factory.mktemp("fork") / "depot")
    return build_published(folder), Site(folder / "output")


def default_pages():
    """The default pages' (file name, URL path, title)."""
    pages = []
    for path in sorted(DEFAULT_PAGES.glob("*.md")):
        meta = front_matter(path)
        pages.append((path.name, "/" + meta.get("save_as", f"{path.stem}/"), meta["title"]))
    return pages


def test_another_organisations_content_builds_as_published_with_no_problem(fork):
    result, site = fork
    assert result.returncode == 0, result.stdout + result.stderr
    assert "problème" not in result.stdout + result.stderr
    assert check_site(site.root, PUBLISHED_SITEURL).problems == []


def test_its_own_pages_are_published(fork):
    _, site = fork
    for path in sorted(FORK_CONTENT.rglob("*.md")):
        meta = front_matter(path)
        section = path.parent.name
        url = "/" if meta.get("save_as") == "index.html" else f"/{'' if section == 'pages' else section + '/'}{path.stem}/"
        assert site.file_for(url).is_file(), url
        assert as_shown(meta["title"], "h1") in " ".join(site.soup(url).get_text(" ").split())


@pytest.mark.parametrize(("name", "url", "title"), default_pages(), ids=[page[0] for page in default_pages()])
def test_each_page_the_theme_links_to_comes_from_the_theme(fork, name, url, title):
    _, site = fork
    assert site.file_for(url).is_file(), f"{name} n'a pas été publiée à {url}"
    assert site.soup(url).title.get_text().startswith(as_shown(title, "title"))


def test_the_site_is_named_after_its_organisation(fork):
    _, site = fork
    name = read_identity(FORK_CONTENT / "reglages.yml")["ORGANISATION"]["name"]
    assert site.soup("/").find("meta", property="og:site_name")["content"] == name


# The other organisation's réglages, where a build of its content folder with
# this repository's own settings file shows them: (URL, section, key).
BESIDE = [
    ("/", "organisation", "name"),
    ("/contact/", "organisation", "name"),
    ("/contact/", "organisation", "email"),
    ("/mentions-legales/", "organisation", "name"),
    ("/mentions-legales/", "organisation", "email"),
    ("/mentions-legales/", "host", "name"),
]


@pytest.fixture(scope="module")
def beside(tmp_path_factory):
    """`pelican <copy> -s pelicanconf.py`: a copy of the other organisation's
    content folder, built by this repository's settings (its content/ has
    other réglages)."""
    folder = tmp_path_factory.mktemp("a-cote")
    shutil.copytree(FORK_CONTENT, folder / "autre")
    return build_or_fail(folder / "autre", folder / "output")


@pytest.mark.parametrize(("url", "section", "key"), BESIDE, ids=[f"{url} {section}.{key}" for url, section, key in BESIDE])
def test_a_content_folder_brings_its_own_reglages_whatever_the_settings_file(beside, url, section, key):
    value = read_identity(FORK_CONTENT / "reglages.yml")[{"organisation": "ORGANISATION", "host": "HOST"}[section]][key]
    text = " ".join(beside.soup(url).get_text(" ").split())
    assert as_shown(value) in text or value in text, f"{url} ne montre pas « {value} »"


def test_nothing_of_the_repositorys_reglages_is_shown_beside(beside):
    own = read_identity(CONTENT / "reglages.yml")["ORGANISATION"]["name"]
    assert own and own != read_identity(FORK_CONTENT / "reglages.yml")["ORGANISATION"]["name"]
    leaked = [url for url, soup in beside.pages() if own in str(soup) or as_shown(own) in str(soup)]
    assert leaked == []


def todays_words():
    """The name, titles and summaries of today's content/, whatever it holds,
    but those the theme writes too (« Mentions légales », a default page's
    summary kept because it says nothing of today's organisation)."""
    theme = " ".join(path.read_text(encoding="utf-8") for path in sorted((ROOT / "theme").glob("*/*.*"))
                     if path.suffix in (".md", ".html"))
    words = {read_identity(CONTENT / "reglages.yml")["ORGANISATION"]["name"]}
    for path in sorted(CONTENT.rglob("*.md")):
        meta = front_matter(path)
        words |= {meta[key] for key in ("title", "summary") if meta.get(key)}
    return sorted(word for word in words if word not in theme)


def test_nothing_of_todays_content_is_shown(fork):
    _, site = fork
    shown = {url: " ".join(soup.get_text(" ").split()) for url, soup in site.pages()}
    for words in todays_words():
        leaked = [url for url, text in shown.items() if as_shown(words) in text or words in text]
        assert not leaked, f"« {words} », de content/, apparaît dans {leaked}"


# A page of the fork's content/ at the address of a default page: its own text wins.
OWN_PAGES = {
    "même nom de fichier": ("pages/contact.md", "/contact/", "---\ntitle: Écrire à l’association\ntemplate: contact\n---\n\n"
                            "Notre propre texte de contact.\n"),
    "autre fichier, même adresse": ("pages/nous-ecrire.md", "/contact/", "---\ntitle: Écrire à l’association\n"
                                    "slug: contact\ntemplate: contact\n---\n\nNotre propre texte de contact.\n"),
    "page cachée": ("pages/introuvable.md", "/404.html", "---\ntitle: Écrire à l’association\nsave_as: 404.html\n"
                    "url: 404.html\nstatus: hidden\n---\n\nNotre propre texte de contact.\n"),
}


@pytest.mark.parametrize("case", OWN_PAGES)
def test_a_page_of_content_wins_over_the_themes(tmp_path, case):
    name, url, text = OWN_PAGES[case]
    content = tmp_path / "contenu"
    shutil.copytree(FORK_CONTENT, content)
    (content / name).write_text(text, encoding="utf-8")
    fork = fork_of(tmp_path / "depot", content)
    result = build_published(fork)
    assert result.returncode == 0, result.stdout + result.stderr
    page = " ".join(Site(fork / "output").soup(url).get_text(" ").split())
    assert "Notre propre texte de contact." in page
    default = front_matter(DEFAULT_PAGES / (url.strip("/").removesuffix(".html") + ".md"))
    assert as_shown(default["summary"]) not in page


# -- A missing page is one problem ------------------------------------------------------
# Pages (file in content/ -> links it writes to missing addresses); what the report says.
LINK = "[là]({})"
MISSING = {
    "trois liens dans une page": (
        {"pages/a.md": ["../nulle-part/"] * 3},
        ["à l'adresse /nulle-part/, vers laquelle mènent 3 liens de 1 page : content/pages/a.md, ligne 5, "
         "content/pages/a.md, ligne 7, content/pages/a.md, ligne 9."]),
    "un lien dans chacune de deux pages": (
        {"pages/a.md": ["../nulle-part/"], "pages/b.md": ["../nulle-part/"]},
        ["à l'adresse /nulle-part/, vers laquelle mènent 2 liens de 2 pages : content/pages/a.md, ligne 5, "
         "content/pages/b.md, ligne 5."]),
    "deux adresses": (
        {"pages/a.md": ["../nulle-part/", "../ailleurs/", "../nulle-part/"]},
        ["content/pages/a.md, ligne 7 : lien « ../ailleurs/ » (page /a/) : aucune page ni aucun fichier à "
         "l'adresse /ailleurs/.", "vers laquelle mènent 2 liens de 1 page"]),
    "un seul lien": (
        {"pages/a.md": ["../nulle-part/"]},
        ["content/pages/a.md, ligne 5 : lien « ../nulle-part/ » (page /a/) : aucune page ni aucun fichier à "
         "l'adresse /nulle-part/."]),
}


@pytest.mark.parametrize("case", MISSING)
def test_a_missing_page_is_one_problem_whatever_links_to_it(tmp_path, case):
    pages, said = MISSING[case]
    files = {name: "---\ntitle: Essai\n---\n\n" + "\n\n".join(LINK.format(link) for link in links) + "\n"
             for name, links in pages.items()}
    result, output = build_files(tmp_path, files)
    assert result.returncode == 1
    addresses = {link for links in pages.values() for link in links}
    count = f"{len(addresses)} problème{'s' if len(addresses) > 1 else ''} à corriger"
    assert f"La construction du site a échoué : {count}." in output, output
    for text in said:
        assert text in output, output


def test_the_places_named_are_the_first_few_then_counted():
    """A page linked from the theme on every page: the first three places, then how many more."""
    problems = [Problem(f"/page-{number}/", 40, "/contact/", NoPage("/contact/")) for number in range(11)]
    sources = {f"/page-{number}/": f"content/pages/page-{number}.md" for number in range(10)}
    [problem] = in_source(problems, sources, [None] * 11)
    assert (problem.file, problem.line) == (None, None)
    assert str(problem).startswith(
        "aucune page ni aucun fichier à l'adresse /contact/, vers laquelle mènent 11 liens de 11 pages : "
        "content/pages/page-0.md (gabarit du thème), content/pages/page-1.md (gabarit du thème), "
        "content/pages/page-2.md (gabarit du thème) et 8 autres. Publiez une page à cette adresse")


def test_an_offer_page_links_to_the_default_enquiry_page(fork):
    """The enquiry link of an offer (?atelier=…) leads to the default /demande/."""
    _, site = fork
    offer = next(path for path in sorted(FORK_CONTENT.glob("ateliers/*.md")))
    links = [link["href"] for link in site.soup(f"/ateliers/{offer.stem}/").select("a.button[href*='demande/']")]
    assert links and site.file_for("/demande/").is_file()

