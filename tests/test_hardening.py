"""What an attacker or a tired editor may put in content/ (issue 20).

Each case is one change to a small site, built as `make build` does (invoke
build, staging folder, then output/). Whatever the input, the build ends
within 30 seconds, writes nothing outside output/, publishes nothing from
outside content/, and either stops with a French message naming the file
(output/ left as it was) or publishes the right page.
"""

import fcntl
import os
from pathlib import Path

import pytest
import yaml

from conftest import GOOD, ROOT, SKELETON, invoke, offer_text, pelican_build, titled_offer, write_content
from core.limits import MAX_DEPTH

# Written outside content/: a symbolic link may point to it; it must never be published.
SECRET = "SECRET-HORS-DU-DOSSIER-DES-TEXTES"
OLD_SITE = "<p>La dernière version réussie.</p>"


def page(front_matter, body="Le texte de la page.\n"):
    return f"---\n{front_matter}\n---\n\n{body}"


def offer_with(extra_yaml):
    """A valid offer whose front matter ends with `extra_yaml`."""
    return f"---\n{yaml.safe_dump(GOOD, allow_unicode=True, sort_keys=False)}{extra_yaml}\n---\n\nTexte.\n"


ALIAS_BOMB = "\n".join(
    ["lol0: &a0 [x]"]
    + [f"lol{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]" for level in range(1, 10)]
)
DEEP_LIST = "niveaux: " + "[" * 10_000 + "]" * 10_000
# A body is nested as deep as its lists, quotes `>` and HTML elements. In
# page(), the body's first line (empty) is the file's fourth: level 1 is on
# line 5, the first level beyond the limit on line 5 + MAX_DEPTH.
BEYOND = f"ligne {5 + MAX_DEPTH} : le texte est imbriqué sur plus de {MAX_DEPTH} niveaux"


def nested_list(levels):
    return "".join("    " * level + f"- niveau {level + 1}\n" for level in range(levels))


def link(target):
    """A symbolic link to `target`, relative to the test's folder."""
    return ("symlink", target)


# name: (files in content/ (text, bytes, or a link), expected)
# expected: ("refused", file named, French words) or ("page", path in output/, words it shows).
CASES = {
    # An attacker's.
    "alias-bomb-offer": ({"ateliers/bombe.md": offer_with(ALIAS_BOMB)},
                         ("refused", "content/ateliers/bombe.md, ligne", "les ancres et renvois YAML")),
    "alias-bomb-title": ({"pages/titre.md": page("title: &t Bombe\nsummary: *t")},
                         ("refused", "content/pages/titre.md, ligne 2", "les ancres et renvois YAML")),
    "deep-list-offer": ({"ateliers/profond.md": offer_with(DEEP_LIST)},
                        ("refused", "content/ateliers/profond.md, ligne", "imbriqués sur plus de 20 niveaux")),
    "long-value": ({"pages/longue.md": page("title: Longue\nsummary: " + "x" * 30_000)},
                   ("refused", "content/pages/longue.md, ligne 3", "une valeur dépasse 20000 caractères")),
    "huge-file": ({"pages/enorme.md": page("title: Énorme", "Un mot. " * 200_000)},
                  ("refused", "content/pages/enorme.md", "plus que les 1024 Ko permis")),
    "python-tag": ({"pages/objet.md": page("title: !!python/object/apply:os.system ['touch pwned']")},
                   ("refused", "content/pages/objet.md, ligne 2", "une étiquette « ! » ou « !! »")),
    "save-as-beside-staging": ({"pages/evil.md": page("title: Mal\nsave_as: ../output.staging-evil/evil.html")},
                               ("refused", "content/pages/evil.md, ligne 3", "mènerait hors du site")),
    "save-as-absolute": ({"pages/evil.md": page("title: Mal\nsave_as: /tmp/evil-hardening.html")},
                         ("refused", "content/pages/evil.md, ligne 3", "mènerait hors du site")),
    "url-outside": ({"pages/evil.md": page("title: Mal\nurl: ../../ailleurs/")},
                    ("refused", "content/pages/evil.md, ligne 3", "mènerait hors du site")),
    "url-javascript": ({"pages/evil.md": page("title: Mal\nurl: \"javascript:alert(1)\"")},
                       ("refused", "content/pages/evil.md, ligne 3", "mènerait hors du site")),
    "slug-outside": ({"pages/evil.md": page("title: Mal\nslug: ../../evil")},
                     ("refused", "content/pages/evil.md, ligne 3", "n’est pas un nom de page")),
    "template-outside": ({"pages/evil.md": page("title: Mal\ntemplate: ../../../etc/passwd")},
                         ("refused", "content/pages/evil.md, ligne 3", "le modèle « ../../../etc/passwd » n’existe pas")),
    "url-prefix-offer-hidden": ({"ateliers/cache.md": offer_with("url_prefix: ../../\nstatus: hidden")},
                                ("refused", "content/ateliers/cache.md, ligne", "« url_prefix » ne s’écrit pas")),
    "symlink-picture-outside": ({"images/photo.jpg": link("secret.txt")},
                                ("refused", "content/images/photo.jpg", "liens symboliques")),
    "symlink-page-outside": ({"pages/ailleurs.md": link("ailleurs.md")},
                             ("refused", "content/pages/ailleurs.md", "liens symboliques")),
    "symlink-folder-outside": ({"pages/dehors": link(".")},
                               ("refused", "content/pages/dehors", "liens symboliques")),
    "symlink-loop": ({"pages/boucle.md": link("content/pages/boucle.md")},
                     ("refused", "content/pages/boucle.md", "liens symboliques")),
    "nul-in-body": ({"pages/nul.md": page("title: Nul", "Premier paragraphe.\n\nAvec un \x00 caché.\n")},
                    ("refused", "content/pages/nul.md, ligne 7", "caractère invisible interdit (U+0000)")),
    "escape-in-body": ({"pages/echap.md": page("title: Échap", "Un \x1b[31mrouge\n")},
                       ("refused", "content/pages/echap.md, ligne 5", "caractère invisible interdit (U+001B)")),
    "script-from-another-host": ({"pages/traceur.md": page("title: Traceur", "Texte.\n\n<script src=\"https://traceur.example/t.js\"></script>\n")},
                                 ("refused", "content/pages/traceur.md, ligne 7", "« traceur.example »")),
    "inline-script": ({"pages/script.md": page("title: Script", "<script>\nfetch('https://x.example/')\n</script>\n")},
                      ("refused", "content/pages/script.md, ligne 5", "un script (<script>)")),
    "iframe-from-another-host": ({"ateliers/video.md": offer_text(
                                     body="Voir :\n\n<iframe src=\"https://www.youtube.com/embed/x\"></iframe>\n")},
                                 ("refused", "content/ateliers/video.md, ligne", "« www.youtube.com »")),
    "markdown-picture-from-another-host": ({"pages/photo.md": page("title: Photo", "![Un lac](https://images.example/lac.jpg)\n")},
                                           ("refused", "content/pages/photo.md, ligne 5", "« images.example »")),
    "style-sheet-from-another-host": ({"ressources/police.md": page(
        "title: Police\ndate: 2026-11-05", "<link rel=\"stylesheet\" href=\"//fonts.example/f.css\">\n")},
                                      ("refused", "content/ressources/police.md, ligne 6", "« fonts.example »")),
    "video-source-from-another-host": ({"pages/film.md": page(
                                            "title: Film", "<video controls>\n<source src=\"https://cdn.example/f.mp4\">\n</video>\n")},
                                       ("refused", "content/pages/film.md, ligne 6", "« cdn.example »")),
    "link-to-another-site": ({"pages/lien.md": page(
                                  "title: Lien", "Voir [un autre site](https://autre.example/) et <a href=\"https://autre.example/b\">celui-ci</a>.\n")},
                             ("page", "lien/index.html", "https://autre.example/b")),
    "script-shown-as-code": ({"pages/code.md": page(
                                  "title: Code", "```html\n<script src=\"https://x.example/a.js\"></script>\n```\n\nEt `<iframe src=\"https://x.example\">`.\n")},
                             ("page", "code/index.html", "x.example/a.js")),
    "deep-markdown-list": ({"pages/liste.md": page("title: Liste", nested_list(600))},
                           ("refused", f"content/pages/liste.md, {BEYOND}", f"ramenez-le à {MAX_DEPTH} niveaux au plus")),
    "deep-blockquote": ({"pages/citation.md": page("title: Citation", "".join(">" * level + " Qui cite qui ?\n"
                                                                           for level in range(1, 600)))},
                        ("refused", f"content/pages/citation.md, {BEYOND}", "citations « > »")),
    "deep-html-blocks": ({"pages/blocs.md": page("title: Blocs", '<div markdown="1">\n' * 600 + "Texte.\n" + "</div>\n" * 600)},
                         ("refused", f"content/pages/blocs.md, {BEYOND}", "ou balises")),
    "deep-list-within-the-limit": ({"pages/plan.md": page("title: Plan", nested_list(MAX_DEPTH))},
                                   ("page", "plan/index.html", f"niveau {MAX_DEPTH}</li>")),
    # A tired editor's.
    "broken-offer-proposed-by-others": ({"ateliers/casse.md": page("title: [Cassé"),
                                         "ateliers/a.md": titled_offer("A", 1, propositions=["casse"]),
                                         "ateliers/b.md": titled_offer("B", 2, propositions=["casse", "a"])},
                                        ("refused",
                                         "1 problème à corriger.\n  1. content/ateliers/casse.md : ce fichier n'a pas pu être lu",
                                         "content/ateliers/casse.md, ligne 2 : l'en-tête YAML est mal formé")),
    "page-at-the-article-list": ({"pages/ressources.md": page("title: Ressources")},
                                 ("refused", "content/pages/ressources.md : la page serait publiée à l’adresse /ressources/",
                                  "la liste des articles")),
    "offer-at-the-comparison": ({"ateliers/comparatif.md": titled_offer("Comparatif", 1)},
                                ("refused", "content/ateliers/comparatif.md : la page serait publiée à l’adresse "
                                 "/ateliers/comparatif/", "réservée à la comparaison")),
    "offer-named-without-letters": ({"ateliers/!!!.md": offer_text()},
                                    ("refused", "content/ateliers/!!!.md : le nom du fichier « !!! »", "aucune adresse")),
    "two-pages-at-one-address": ({"pages/copie.md": page("title: Copie\nsave_as: contact/index.html")},
                                 ("refused", "content/pages/contact.md et content/pages/copie.md", "même adresse /contact/")),
    "latin-1-file": ({"pages/latin.md": page("title: Été", "Un café.\n").encode("latin-1")},
                     ("refused", "content/pages/latin.md, ligne 2", "n’est pas enregistré en UTF-8")),
    "date-that-does-not-exist": ({"ressources/fevrier.md": page("title: Février\ndate: 2026-02-30")},
                                 ("refused", "content/ressources/fevrier.md, ligne 3", "la date « 2026-02-30 » n’existe pas")),
    "day-first-date-that-does-not-exist": ({"ressources/fevrier.md": page("title: Février\ndate: 31/02/2026")},
                                           ("refused", "content/ressources/fevrier.md, ligne 3", "jour/mois/année")),
    "unknown-status": ({"pages/attente.md": page("title: En attente\nstatus: en attente")},
                       ("refused", "content/pages/attente.md, ligne 3", "« brouillon » (draft, non publié)")),
    "unknown-template": ({"pages/contacte.md": page("title: Contact\ntemplate: contacte")},
                         ("refused", "content/pages/contacte.md, ligne 3", "les modèles sont : 404, article")),
    "day-first-date": ({"ressources/novembre.md": page("title: Novembre\ndate: 05/11/2026")},
                       ("page", "ressources/novembre/index.html", "5 novembre 2026")),
    "status-brouillon": ({"pages/projet.md": page("title: Projet\nstatus: brouillon")},
                         ("absent", "projet/index.html", "")),
    "status-brouillon-capital": ({"ressources/idee.md": page("title: Idée\ndate: 2026-11-05\nstatus: Brouillon")},
                                 ("absent", "ressources/idee/index.html", "")),
    "article-status-draft": ({"ressources/projet.md": page("title: Projet\ndate: 2026-11-05\nstatus: draft")},
                             ("absent", "ressources/projet/index.html", "")),
    "iso-date": ({"ressources/iso.md": page("title: Iso\ndate: 2026-11-05")},
                 ("page", "ressources/iso/index.html", "5 novembre 2026")),
    "status-cache": ({"pages/discrete.md": page("title: Discrète\nstatus: caché")},
                     ("page", "discrete/index.html", "Discrète")),
    "title-on": ({"pages/allume.md": page("title: On")}, ("page", "allume/index.html", "<h1>On</h1>")),
    "offer-status-brouillon": ({"ateliers/essai.md": titled_offer("Essai", 1, status="brouillon")},
                               ("absent", "ateliers/essai/index.html", "")),
    # Every document validated (pages, articles; finite numbers; unclosed front matter; unread files).
    "page-misspelt-key": ({"pages/essai.md": page("title: Essai\nsumary: Une phrase.")},
                          ("refused", "content/pages/essai.md, ligne 3", "vous vouliez dire « summary » ?")),
    "article-misspelt-key": ({"ressources/note.md": page("title: Note\ndate: 2026-11-05\nsummmary: Une phrase.")},
                             ("refused", "content/ressources/note.md, ligne 4", "vous vouliez dire « summary » ?")),
    "page-list-expected": ({"pages/liste.md": page("title: Liste\nsummary:\n  - Deux\n  - Phrases")},
                           ("refused", "content/pages/liste.md, ligne 3",
                            "champ « Résumé (summary) » : la valeur doit être un texte")),
    "article-without-date": ({"ressources/sans-date.md": page("title: Sans date")},
                             ("refused", "content/ressources/sans-date.md", "date: 2026-11-05 ou 05/11/2026")),
    "front-matter-unclosed": ({"pages/ouvert.md": "---\ntitle: Ouvert\n\nNous proposons : des groupes.\n"},
                              ("refused", "content/pages/ouvert.md, ligne 1", "Ajoutez une ligne « --- »")),
    "front-matter-closed-too-late": ({"pages/tard.md": "---\ntitle: Tard\n\nNous proposons : des groupes.\n\n---\n\nSuite.\n"},
                                     ("refused", "content/pages/tard.md, ligne 4", "l'en-tête n'est pas fermé avant")),
    "amount-inf": ({"ateliers/infini.md": offer_text({**GOOD, "price": {**GOOD["price"], "amount": float("inf")}})},
                   ("refused", "content/ateliers/infini.md, ligne", "« price.amount » vaut « inf »")),
    "amount-nan": ({"ateliers/nan.md": offer_text({**GOOD, "price": {**GOOD["price"], "amount": float("nan")}})},
                   ("refused", "content/ateliers/nan.md, ligne", "n’est pas un vrai nombre")),
    "nan-in-page": ({"pages/nan.md": page("title: Nan\nsummary: .NaN")},
                    ("refused", "content/pages/nan.md, ligne 3", "« summary » vaut « nan »")),
    "upper-case-extension": ({"pages/maj.MD": page("title: Majuscules")},
                             ("refused", "content/pages/maj.MD", "renommez-le « maj.md »")),
    "md-txt": ({"pages/note.md.txt": page("title: Note")},
               ("refused", "content/pages/note.md.txt", "renommez-le « note.md »")),
    "markdown-txt": ({"ressources/lu.markdown.txt": page("title: Lu\ndate: 2026-11-05")},
                     ("refused", "content/ressources/lu.markdown.txt", "renommez-le « lu.markdown »")),
    "md-outside-read-folders": ({"divers/perdu.md": page("title: Perdue")},
                                ("refused", "content/divers/perdu.md", "déplacez-le")),
    "page-modified": ({"pages/revue.md": page("title: Revue\nsummary: Une page revue.\nmodified: 05/11/2026")},
                      ("page", "revue/index.html", "Une page revue.")),
    "symlink-inside-content": ({"pages/copie.md": link("content/pages/contact.md"),
                                "ateliers/un.md": offer_text()},
                               ("page", "copie/index.html", "Écrivez-nous")),
}


def write(tmp_path, files):
    """The skeleton's pages and `files` in tmp_path/content; a secret and a
    page outside it, for links to point to."""
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    (tmp_path / "ailleurs.md").write_text(page("title: Ailleurs", SECRET), encoding="utf-8")
    for name, text in {**SKELETON, **files}.items():
        path = tmp_path / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, tuple):
            path.symlink_to(os.path.relpath(tmp_path / text[1], path.parent))
        elif isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")


def listing(folder):
    """Every path under `folder` but the output folder, its lock, its problems
    (JSON) and the build's caches beside the content (.cache/: pictures and
    programmes, each entry checked before it is used)."""
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*")
                  if path.relative_to(folder).parts[0] not in ("output", "output.lock", "output.problemes.json", ".cache"))


def snapshot(folder):
    return {path.relative_to(folder): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def build(tmp_path):
    result = invoke("build", "--content", tmp_path / "content", "--output", tmp_path / "output", timeout=30)
    return result, result.stdout + result.stderr


@pytest.mark.parametrize("case", CASES)
def test_every_input_is_refused_by_name_or_published_right(tmp_path, case):
    files, (outcome, where, words) = CASES[case]
    write(tmp_path, files)
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "index.html").write_text(OLD_SITE, encoding="utf-8")
    before, neighbours = listing(tmp_path), sorted(path.name for path in tmp_path.parent.iterdir())

    result, said = build(tmp_path)

    assert "Traceback" not in said
    assert listing(tmp_path) == before, "written outside output/"
    assert sorted(path.name for path in tmp_path.parent.iterdir()) == neighbours
    assert not any(SECRET.encode() in data for data in snapshot(tmp_path / "output").values())
    if outcome == "refused":
        assert result.returncode != 0, said
        assert where in said and words in said, said
        assert snapshot(tmp_path / "output") == {Path("index.html"): OLD_SITE.encode()}
    else:
        assert result.returncode == 0, said
        published = tmp_path / "output" / where
        if outcome == "absent":
            assert not published.exists()
            assert (tmp_path / "output" / "contact" / "index.html").is_file()
        else:
            assert words in published.read_text(encoding="utf-8")


def test_a_build_removes_what_interrupted_builds_left(tmp_path):
    write(tmp_path, {})
    for leftover in ("output.staging/vieux.html", "output.old-123-456/index.html"):
        (tmp_path / leftover).parent.mkdir(parents=True)
        (tmp_path / leftover).write_text("vieux", encoding="utf-8")
    result, said = build(tmp_path)
    assert result.returncode == 0, said
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith("output")) == ["output", "output.lock"]


def test_a_second_build_at_the_same_time_is_refused_in_french(tmp_path):
    write(tmp_path, {})
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "index.html").write_text(OLD_SITE, encoding="utf-8")
    with open(tmp_path / "output.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as a build in progress holds it
        result, said = build(tmp_path)
    assert result.returncode != 0
    assert "Une autre construction de output/ est en cours" in said and "Traceback" not in said
    assert snapshot(tmp_path / "output") == {Path("index.html"): OLD_SITE.encode()}


def broken_theme(folder, template, text):
    """A copy of the site's theme where `template` is `text` (None: removed)."""
    import shutil

    shutil.copytree(ROOT / "theme", folder)
    path = folder / "templates" / f"{template}.html"
    if text is None:
        path.unlink()
    else:
        path.write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(("template", "text", "words"), [
    ("offer", None, "le modèle « offer » manque dans le thème (réglage THEME)"),
    ("page", '{% extends "base.html" %}\n{% block content %}\n{{ page.title.nope.deeper }}\n{% endblock %}\n',
     "theme/templates/page.html, ligne 3 : le modèle du thème a échoué (en écrivant content/pages/"),
    ("base", "<!doctype html>\n{{ 1 // 0 }}\n", "theme/templates/base.html, ligne 2 : le modèle du thème a échoué"),
])
def test_a_broken_theme_is_one_french_report_naming_the_template(tmp_path, template, text, words):
    """Also: the offer's programme is being laid out in a worker when the
    theme fails; the build's process still ends (it once waited for ever)."""
    theme = broken_theme(tmp_path / "site" / "theme", template, text)
    write_content(tmp_path / "site" / "content", {"ateliers/un.md": offer_text()})
    result = pelican_build(tmp_path / "site" / "content", tmp_path / "output", options=("-e", f'THEME="{theme}"'))
    said = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in said and said.count("La construction du site a échoué : 1 problème") == 1, said
    assert words in said, said


@pytest.mark.parametrize(("error", "words"), [
    (MemoryError(), "la mémoire a manqué pour lire ce fichier"),
    (RecursionError("maximum recursion depth exceeded"), "imbriqué trop profondément"),
    (KeyError("x"), "une erreur inattendue (KeyError"),
])
def test_a_crash_is_said_in_french(tmp_path, error, words):
    from core.crash import crash_problem
    from core.problems import describe

    (tmp_path / "content" / "pages").mkdir(parents=True)
    (tmp_path / "content" / "pages" / "lue.md").write_text("---\ntitle: Lue\n---\n", encoding="utf-8")

    def reader(source_path):
        raise error

    with pytest.raises(type(error)) as raised:
        reader(str(tmp_path / "content" / "pages" / "lue.md"))
    problem = crash_problem(raised.value, {"PATH": str(tmp_path / "content")})
    assert problem.file == "content/pages/lue.md"
    assert describe(problem).startswith("content/pages/lue.md : ") and words in describe(problem)


@pytest.mark.parametrize(("text", "words"), [
    ("organisation:\n  name: &nom Rêve\nhost:\n  name: *nom\n", "ligne 2 : les ancres et renvois YAML"),
    ("organisation:\n  name: " + "[" * 5000 + "]" * 5000 + "\n", "ligne 2 : les listes et champs sont imbriqués"),
])
def test_the_settings_file_has_the_same_bounds(tmp_path, text, words):
    from core.organisation import read_identity

    (tmp_path / "reglages.yml").write_text(text, encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        read_identity(tmp_path / "reglages.yml", tmp_path)
    assert str(stopped.value).startswith("reglages.yml, ") and words in str(stopped.value)
