"""The link checker (plugins/site_checks): every link of the built site that
points into it leads to a page, a file or an anchor that exists; each defect
planted in a copy of the site is named with its page, line, link and reason."""

import shutil
import socket

import pytest
from pictures import is_handled

from conftest import PUBLISHED_SITEURL, build_files, offer_text, pelican_build, write_content
from site_checks import Problem, check_site, describe, links
from site_checks.addresses import mailto_problem, tel_problem
from site_checks.links import page_findings as findings
from site_checks.page_links import srcset_urls
from site_checks.report import describe_in_source
from site_checks.root_links import root_links

# -- The real site -------------------------------------------------------------


def test_the_real_site_has_no_broken_link(site):
    result = check_site(site.root)
    assert result.problems == []
    assert result.pages == len(site.html_files())


def test_the_published_site_has_no_broken_link(published_site):
    """Built under a subpath: absolute links to SITEURL are checked as internal."""
    result = check_site(published_site.root, PUBLISHED_SITEURL)
    assert result.problems == []
    # Links to other sites are listed (never fetched), each with its host.
    assert all(url.startswith(("https://", "http://")) and url.split("/")[2] for url in result.external)


def test_the_former_sites_relative_links_resolve_as_on_github_pages(fixture_site):
    """Seed 000 links to `ecriture`, without a slash, from /ateliers/:
    GitHub Pages redirects it to the folder, where index.html is served."""
    links = [a["href"] for a in fixture_site.soup("/ateliers/").select("main a[href]")]
    assert "ecriture" in links
    assert check_site(fixture_site.root).problems == []


def test_checking_never_reaches_the_network(fixture_site, monkeypatch, tmp_path):
    def refuse(*args, **kwargs):
        raise AssertionError("le vérificateur de liens a tenté une connexion")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    copy = plant(fixture_site, '<a href="https://exemple.org/page">externe</a>', tmp_path)
    assert check_site(copy).problems == []


# -- Defects planted in a copy of the built fixture site -----------------------

PAGE = "/contact/"


def plant(site, html, tmp_path):
    """A copy of the built site, in `tmp_path`, whose contact page has
    `html` on a line of its own, just before </main>. Returns the copy's root."""
    copy = tmp_path / "copie"
    shutil.copytree(site.root, copy)
    page = copy / "contact" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", f"{html}\n</main>"), encoding="utf-8")
    return copy


def planted_line(root):
    """The line the planted HTML is on."""
    lines = (root / "contact" / "index.html").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if "</main>" in line) - 1


# (HTML planted, the link as written, what the reason says)
DEFECTS = {
    "page manquante": ('<a href="/ateliers/inexistant/">x</a>', "/ateliers/inexistant/",
                       "aucune page ni aucun fichier à l'adresse /ateliers/inexistant/"),
    "ancre manquante": ('<a href="/ateliers/#tarifs">x</a>', "/ateliers/#tarifs",
                        "l'ancre « #tarifs » n'existe pas dans la page /ateliers/"),
    "ancre manquante dans la page même": ('<a href="#contenue">x</a>', "#contenue",
                                          "vouliez-vous dire « #contenu » ?"),
    "image manquante": ('<img src="/images/equipe.jpg" alt="L’équipe" width="800" height="600" loading="lazy">',
                        "/images/equipe.jpg",
                        "aucune page ni aucun fichier à l'adresse /images/equipe.jpg"),
    "casse": ('<a href="/Ateliers/Ecriture/">x</a>', "/Ateliers/Ecriture/",
              "la casse ne correspond pas : l'adresse s'écrit /ateliers/ecriture/"),
    "casse d'un fichier": ('<link rel="stylesheet" href="/theme/css/Style.css">', "/theme/css/Style.css",
                           "l'adresse s'écrit /theme/css/style.css"),
    "srcset": ('<img src="/theme/favicon.svg" srcset="/theme/favicon.svg 1x, /images/logo@2x.png 2x" alt="x" '
               'width="32" height="32" loading="lazy">',
               "/images/logo@2x.png", "aucune page ni aucun fichier à l'adresse /images/logo@2x.png"),
    "source srcset": ('<picture><source srcset="/images/photo.webp"><img src="/theme/favicon.svg" alt="x" '
                      'width="32" height="32" loading="lazy"></picture>',
                      "/images/photo.webp", "aucune page ni aucun fichier"),
    "script": ('<script src="/theme/js/menu.js"></script>', "/theme/js/menu.js", "aucune page ni aucun fichier"),
    "og:image": ('<meta property="og:image" content="/images/partage.png">', "/images/partage.png",
                 "aucune page ni aucun fichier"),
    "mailto sans domaine": ('<a href="mailto:contact@reve">x</a>', "mailto:contact@reve",
                            "l'adresse e-mail « contact@reve » est mal formée"),
    "mailto avec une espace": ('<a href="mailto:contact@reve.fr?subject=Demande de devis">x</a>',
                               "mailto:contact@reve.fr?subject=Demande de devis", "écrivez %20"),
    "tel": ('<a href="tel:01 23 45 67 89">x</a>', "tel:01 23 45 67 89", "sans espace, au format international"),
    "localhost": ('<a href="http://localhost:8000/ateliers/">x</a>', "http://localhost:8000/ateliers/",
                  "lien vers localhost"),
    "lien Pelican non résolu": ('<a href="{filename}/pages/tarifs.md">x</a>', "{filename}/pages/tarifs.md",
                                "lien de Pelican non résolu"),
    "protocole inconnu": ('<a href="htps://exemple.org/">x</a>', "htps://exemple.org/", "protocole inconnu « htps: »"),
    "lien vide": ('<a href="">x</a>', "", "lien vide"),
}


@pytest.mark.parametrize("defect", DEFECTS)
def test_a_planted_defect_is_named_with_page_line_link_and_reason(fixture_site, defect, tmp_path):
    html, link, reason = DEFECTS[defect]
    copy = plant(fixture_site, html, tmp_path)
    [problem] = check_site(copy).problems
    assert (problem.page, problem.line, problem.link) == (PAGE, planted_line(copy), link)
    assert reason in problem.reason
    line = str(describe(problem))
    assert line.startswith(f"page {PAGE}, ligne {planted_line(copy)} du HTML, lien « {link} » : ")


def test_every_problem_is_in_one_report(fixture_site, tmp_path):
    copy = plant(fixture_site, "\n".join(html for html, _, _ in DEFECTS.values()), tmp_path)
    problems = check_site(copy).problems
    assert sorted(problem.link for problem in problems) == sorted(link for _, link, _ in DEFECTS.values())


def test_what_is_right_is_not_reported(fixture_site, tmp_path):
    """Folders with or without a slash, `page` for page.html, #top, a
    percent-encoded path, a query string, data: images and good addresses."""
    copy = plant(fixture_site, "\n".join([
        '<a href="/ateliers/comparatif">x</a>', '<a href="../ateliers/ecriture/#contenu">x</a>',
        '<a href="/404">x</a>', '<a href="#top">x</a>', '<a href="#">x</a>', '<a href="/ressources/?page=2">x</a>',
        '<a href="/theme/css/style%2Ecss">x</a>',
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="" width="1" height="1" loading="lazy">',
        '<a href="mailto:contact@reve-tout-haut.fr?subject=Demande%20d%E2%80%99information">x</a>',
        '<a href="mailto:a@exemple.fr,b@exemple.fr">x</a>', '<a href="tel:+33123456789">x</a>',
        '<a href="tel:+33-1-23-45-67-89">x</a>', '<a id="ici" href="#ici">x</a>',
    ]), tmp_path)
    assert check_site(copy).problems == []


# An image without loading="lazy", named by its alt text, on a line of its own.
EAGER = '\n<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="{}" width="1" height="1">\n'


@pytest.mark.parametrize(("body", "refused"), [
    (f"<header>{EAGER.format('logo')}</header><main><p>x</p><picture>{EAGER.format('photo')}</picture>"
     f"{EAGER.format('seconde')}</main><footer>{EAGER.format('pied')}</footer>", ["seconde", "pied"]),
    (f"<main><p>x</p></main><footer>{EAGER.format('pied')}</footer>", ["pied"]),
    (f"<div>{EAGER.format('premiere')}{EAGER.format('seconde')}</div>", ["seconde"]),
], ids=["logo puis image du texte", "aucune image dans main", "page sans main"])
def test_the_images_a_visitor_sees_first_may_load_at_once(tmp_path, body, refused):
    """The site's logo (above <main>) and the text's first picture are both
    seen on arriving; any other image waits (loading="lazy")."""
    page = f'<!doctype html><html lang="fr"><body>{body}</body></html>'
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    lines = page.split("\n")
    problems = check_site(tmp_path).problems
    assert all('loading="lazy"' in problem.reason for problem in problems), problems
    assert [lines[problem.line - 1].split('alt="')[1].split('"')[0] for problem in problems] == refused


def test_external_links_are_listed_with_their_place_not_checked(fixture_site, tmp_path):
    links = '<a href="https://www.exemple.org/colloque">x</a>\n<a href="https://www.exemple.org/colloque">y</a>'
    copy = plant(fixture_site, links, tmp_path)
    result = check_site(copy)
    assert result.problems == []
    line = planted_line(copy)
    assert result.external["https://www.exemple.org/colloque"] == [(PAGE, line - 1), (PAGE, line)]


def test_a_link_that_leaves_a_subpath_site_is_refused(published_site, tmp_path):
    """On https://user.github.io/repo, `/ateliers/` leads to another site."""
    copy = plant(published_site, '<a href="/ateliers/">x</a>\n<a href="http://exemple.github.io/reve/">y</a>', tmp_path)
    problems = check_site(copy, PUBLISHED_SITEURL).problems
    assert [problem.link for problem in problems] == ["/ateliers/", "http://exemple.github.io/reve/"]
    assert "ce lien sort du site, dont toutes les adresses commencent par https://exemple.github.io/reve/" in problems[0].reason
    assert "lien en http:// vers le site, qui est en https://" in problems[1].reason


def test_a_base_element_is_followed(fixture_site, tmp_path):
    copy = plant(fixture_site, '<a href="ecriture/">x</a>', tmp_path)
    page = copy / "contact" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("<head>", '<head><base href="/ateliers/">'), encoding="utf-8")
    assert check_site(copy).problems == []


# -- In the build: Markdown links, drafts, the report ---------------------------

def test_a_broken_link_in_markdown_stops_the_build_with_the_content_file(tmp_path):
    result, output = build_files(tmp_path, {
        "pages/tarifs.md": "---\ntitle: Tarifs\n---\n\nVoir [l’atelier](../ateliers/ecritur/) et [la FAQ](#questions).\n",
    })
    assert result.returncode == 1
    assert "La construction du site a échoué : 2 problèmes à corriger." in output
    assert ("content/pages/tarifs.md, ligne 5 : lien « ../ateliers/ecritur/ » (page /tarifs/) : "
            "aucune page ni aucun fichier à l'adresse /ateliers/ecritur/") in output
    assert ("content/pages/tarifs.md, ligne 5 : lien « #questions » (page /tarifs/) : "
            "l'ancre « #questions » n'existe pas dans la page /tarifs/") in output
    assert "Rien n'a été publié." in output


# A page whose line 10 holds the link; what the line may also hold.
LINE_OF_SOURCE = {
    "lien relatif": ("Voir [la page](../inexistante/).", "../inexistante/"),
    "lien HTML": ('<a href="../fichiers/programme.pdf">le programme</a>', "../fichiers/programme.pdf"),
    "ancre": ("Plus bas : [les tarifs](#tarifs).", "#tarifs"),
    "même lien deux fois": ("Un [lien](#rien).\n\nEncore [le même](#rien).", "#rien"),
    "lien dans une liste": ("- [adresse](mailto:contact@exemple)", "mailto:contact@exemple"),
}


@pytest.mark.parametrize("case", LINE_OF_SOURCE)
def test_a_problem_is_reported_at_the_line_of_the_markdown_file(tmp_path, case):
    """Never the generated HTML's line: the editor's file, where the fix goes."""
    text, link = LINE_OF_SOURCE[case]
    body = "\n\n".join(["Un paragraphe."] * 3)  # lines 5 to 9
    result, output = build_files(tmp_path, {"pages/essai.md": f"---\ntitle: Essai\n---\n\n{body}\n{text}\n"})
    assert result.returncode == 1
    lines = [number for number, line in enumerate(text.splitlines(), 10) if link in line]
    for number in lines:
        assert f"content/pages/essai.md, ligne {number} : lien « " in output, output
    assert "(page /essai/)" in output
    assert "page /essai/, ligne" not in output


def test_a_link_that_only_a_template_wrote_has_no_line():
    problem = Problem("/contact/", 40, "/x/", "raison")
    said = describe_in_source(problem, "content/pages/contact.md", None)
    assert (said.file, said.line) == ("content/pages/contact.md", None)
    assert str(said) == ("content/pages/contact.md : lien « /x/ » de la page /contact/, absent du texte "
                         "(il vient du gabarit du thème) : raison.")


@pytest.mark.parametrize("settings", ["pelicanconf.py", "publishconf.py"])
@pytest.mark.parametrize(("written", "fix"), [
    ("[nos ateliers](/ateliers/)", "{filename}/pages/ateliers.md"),
    ('<a href="/tarifs/#prix">tarifs</a>', "{filename}/dossier/fichier.md"),
    ("[contact]: /contact/", "{filename}/pages/contact.md"),
])
def test_a_link_from_the_servers_root_is_refused_alike_by_preview_and_publishing(tmp_path, settings, written, fix):
    """`/ateliers/` would leave a site published at https://…github.io/site/:
    both builds refuse it with one message, at its line, with the fix."""
    text = f"---\ntitle: Annonce\n---\n\nVoir ci-dessous.\n\n{written}\n\n`[exemple](/dans/du/code/)`\n"
    write_content(tmp_path / "content", {"pages/annonce.md": text})
    result = pelican_build(tmp_path / "content", tmp_path / "output", settings=settings, env={"SITEURL": PUBLISHED_SITEURL})
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "La construction du site a échoué : 1 problème à corriger." in output, output
    link = written.split("(")[-1].rstrip(")") if "](" in written else written.split('"')[1] if '"' in written else "/contact/"
    assert (f"content/pages/annonce.md, ligne 7 : le lien « {link} » part de la racine du serveur ; sur le site publié "
            "à une sous-adresse (https://exemple.github.io/site/), il mènerait hors du site. Écrivez à la place "
            f"« {fix}") in output, output


@pytest.mark.parametrize(("text", "handled", "found"), [
    ("![Photo](/images/photo.jpg)", True, []),
    ('<img src="/images/photo.jpg" alt="Photo">', True, []),
    ("![Photo](/images/photo.jpg)", False, [(1, "/images/photo.jpg")]),
    ('<img src="/images/photo.jpg" alt="Photo">', False, [(1, "/images/photo.jpg")]),
    ("[la photo en grand](/images/photo.jpg)", True, [(1, "/images/photo.jpg")]),
    ("![Photo](/images/photo.jpg) et [la page](/contact/)", True, [(1, "/contact/")]),
])
def test_a_picture_from_the_root_is_no_root_link_when_the_pictures_plugin_publishes_it(text, handled, found):
    """The pictures plugin gives `![…](/images/x.jpg)` its address under
    SITEURL; a link to the same file, or a picture without the plugin, is
    still a root link."""
    assert root_links(text, is_handled if handled else None) == found


@pytest.mark.parametrize("link", ["{filename}/ateliers/projet.md", "../ateliers/projet/"])
def test_a_link_to_a_draft_stops_the_build(tmp_path, link):
    """Written with {filename} (Pelican would send it to the home page) or
    as the address the draft will have once published."""
    result, output = build_files(tmp_path, {
        "ateliers/projet.md": offer_text().replace("---\n", "---\nstatus: draft\n", 1),
        "pages/annonce.md": f"---\ntitle: Annonce\n---\n\nBientôt : [notre projet]({link}).\n",
    })
    assert result.returncode == 1
    assert "content/pages/annonce.md, ligne 5 : lien « " in output and "(page /annonce/)" in output
    assert "ce lien mène à un brouillon (content/ateliers/projet.md, status: draft), qui n'est pas publié" in output


def test_a_published_build_checks_links_at_its_address(content_copy, tmp_path):
    page = content_copy / "pages" / "contact.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Accueil](http://localhost:8000/)\n", encoding="utf-8")
    result = pelican_build(content_copy, tmp_path / "output", settings="publishconf.py", env={"SITEURL": PUBLISHED_SITEURL})
    assert result.returncode == 1
    lines = (content_copy / "pages" / "contact.md").read_text(encoding="utf-8").splitlines()
    assert f"content/pages/contact.md, ligne {len(lines)} : lien « " in result.stderr
    assert "lien « http://localhost:8000/ » (page /contact/) : lien vers localhost" in result.stderr


def test_the_report_names_the_content_file_when_known():
    problem = Problem("/contact/", 12, "/x/", "raison")
    said = describe(problem, {"/contact/": "content/pages/contact.md"})
    assert (said.file, said.line) == ("content/pages/contact.md", None)  # the HTML's line is not the file's
    assert str(said) == "content/pages/contact.md : page /contact/, ligne 12 du HTML, lien « /x/ » : raison."


# -- The pieces ---------------------------------------------------------------

@pytest.mark.parametrize(("srcset", "urls"), [
    ("a.png", ["a.png"]),
    ("a.png 1x, b.png 2x", ["a.png", "b.png"]),
    ("a.png 480w,b.png 800w", ["a.png", "b.png"]),
    ("  a.png,  b.png 2x  ", ["a.png", "b.png"]),
    ("data:image/png;base64,AAAA 1x, b.png 2x", ["data:image/png;base64,AAAA", "b.png"]),
    ("", []),
])
def test_srcset_candidates(srcset, urls):
    assert srcset_urls(srcset) == urls


# Each scheme's check (site_checks/addresses.py): an address its
# application can use, or not.
ADDRESS_PROBLEM = {"mailto": mailto_problem, "tel": tel_problem}


@pytest.mark.parametrize(("url", "wrong"), [
    ("mailto:contact@reve.fr", False),
    ("mailto:prenom.nom+ateliers@reve-tout-haut.fr", False),
    ("mailto:contact@association.économie.fr", False),
    ("mailto:contact@reve.fr?subject=Demande%20de%20devis&body=Bonjour", False),
    ("mailto:contact@reve.fr,equipe@reve.fr", False),
    ("mailto:", True),
    ("mailto:?subject=Devis", True),
    ("mailto:contact", True),
    ("mailto:contact@reve", True),
    ("mailto:contact@@reve.fr", True),
    ("mailto:contact@reve.fr?subject", True),
    ("mailto:contact @reve.fr", True),
    ("tel:+33123456789", False),
    ("tel:+33-1-23-45-67-89", False),
    ("tel:+33.1.23.45.67.89", False),
    ("tel:3949;phone-context=+33", False),
    ("tel:0123456789", True),
    ("tel:+33 1 23 45 67 89", True),
    ("tel:+33", True),
    ("tel:+3312345678901234567", True),
    ("tel:+33abc", True),
])
def test_mailto_and_tel_links(url, wrong):
    assert (ADDRESS_PROBLEM[url.split(":")[0]](url) is not None) == wrong


def test_the_preview_and_the_check_give_the_same_report_for_links(tmp_path):
    """The same content, built as the preview (pelicanconf.py, no SITEURL)
    and as make check builds it (publishconf.py, a sub-path): the same lines."""
    text = ("---\ntitle: Annonce\n---\n\nVoir [nos ateliers](/ateliers/).\n\n"
            '<a href="/tarifs/">nos tarifs</a>\n\n'
            "Et [une ancre](#nulle-part), [une page](../absente/).\n")
    write_content(tmp_path / "content", {"pages/annonce.md": text})
    reports = []
    for settings in ("pelicanconf.py", "publishconf.py"):
        result = pelican_build(tmp_path / "content", tmp_path / settings, settings=settings, env={"SITEURL": PUBLISHED_SITEURL})
        assert result.returncode == 1
        reports.append([line for line in result.stderr.splitlines() if line.startswith("  ")])
    assert reports[0] == reports[1]
    assert len(reports[0]) == 4 and all("content/pages/annonce.md, ligne " in line for line in reports[0])


def test_the_home_page_problems_name_its_file_too(tmp_path):
    """The home page's URL is "" (saved as index.html): still known by its file."""
    home = "---\ntitle: Accueil\ntemplate: home\nsave_as: index.html\nurl: \"\"\n---\n\nBienvenue.\n\nVoir [là](#rien).\n"
    result, output = build_files(tmp_path, {"pages/accueil.md": home})
    assert result.returncode == 1
    assert "content/pages/accueil.md, ligne 10 : lien « #rien » (page /) : l'ancre « #rien » n'existe pas" in output


# -- The preview's memory of the check (LINK_CHECK_CACHE) ------------------------

def remove_page(root):
    shutil.rmtree(root / "ateliers" / "ecriture")


def remove_anchor(root):
    page = root / "ateliers" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace('id="contenu"', ""), encoding="utf-8")


def break_a_link(root):
    page = root / "contact" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", '<a href="/nulle-part/">x</a>\n</main>'),
                    encoding="utf-8")


# Each edit after a first check with the cache: (the edit, drafts given to the second check).
SITE_EDITS = {
    "rien": (lambda root: None, None),
    "un lien cassé dans une page": (break_a_link, None),
    "une page visée retirée": (remove_page, None),
    "une ancre visée retirée": (remove_anchor, None),
    "une page visée devenue brouillon": (lambda root: None, {"ateliers/ecriture/": "content/ateliers/ecriture.md"}),
}


@pytest.mark.parametrize("edit", SITE_EDITS)
def test_the_preview_checks_again_what_an_edit_may_have_broken(fixture_site, tmp_path, edit, monkeypatch):
    """With the preview's cache, an unchanged page is not checked again, yet
    a link it holds to a page, an anchor or a draft that changed is found:
    the same problems and external links as a check without the cache."""
    change, drafts = SITE_EDITS[edit]
    copy = plant(fixture_site, '<a href="/ateliers/ecriture/">x</a>\n<a href="/ateliers/#contenu">y</a>', tmp_path)
    cache = tmp_path / "liens.pickle"
    check_site(copy, cache=cache)
    change(copy)
    checked = []
    monkeypatch.setattr(links, "page_findings", lambda *arguments: checked.append(arguments[1]) or findings(*arguments))

    cached = check_site(copy, drafts=drafts, cache=cache)

    monkeypatch.undo()
    uncached = check_site(copy, drafts=drafts)
    assert (cached.problems, cached.external) == (uncached.problems, uncached.external)
    pages = uncached.pages
    if edit == "rien":
        assert checked == []
    elif edit == "un lien cassé dans une page":
        assert checked == ["contact/index.html"] and [problem.link for problem in cached.problems] == ["/nulle-part/"]
    else:
        assert len(checked) == pages and cached.problems
