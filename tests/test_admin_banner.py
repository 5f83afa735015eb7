"""The web editor's banner (admin/banner.js) and local mode's words: while
the last build fails, /admin/ still opens and shows each problem with the
form's label of its field; in local mode a save reads « Enregistrer sur cet
ordinateur » and then says which file it wrote and how to publish it.

The preview's JSON (/admin/problemes.json) is read as the banner reads it;
then, end to end in Chromium, a copy of the content is broken on disk and
fixed again while the preview rebuilds it."""

import json
import re
import shutil
import urllib.error
import urllib.request

import pytest
from bs4 import BeautifulSoup
from preview_server import running_preview
from web_editor import ADMIN

from conftest import CONTENT, PUBLISHED_SITEURL, build_or_fail, front_matter, pelican_build, wait_in_page
from core.problems import Problem, describe, label_of
from core.report import NO_DETAIL, headline, problems_file, read_json
from local_editor import Editor, answer
from site_checks.accessibility import WCAG_TAGS, serve_folder
from site_checks.tools import AXE_SCRIPT, required

# How long a rebuild of the copy may take before the banner changes.
REBUILD_SECONDS = 90
SUMMARY = Problem("le résumé doit tenir en une seule phrase ; le reste va dans le texte de la page",
                  file="content/ateliers/essai.md", line=3, key="summary", label=label_of("summary"),
                  fix="gardez la première phrase")
NO_LABEL = Problem("champ « audiance » inconnu", file="content/ateliers/essai.md", line=7, key="audiance")
NO_FILE = Problem("le site n’a pas de page d’accueil", fix="ajoutez-la")


def get(origin, path="/admin/problemes.json", host=None):
    """(status, headers, body) of a GET to the preview, as a browser sends it."""
    request = urllib.request.Request(origin + path, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8")


# -- The preview's JSON ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("report", "title", "problems", "text"),
    [
        (None, None, [], None),
        ([SUMMARY], headline([SUMMARY]),
         [("content/ateliers/essai.md", 3, "« Résumé (summary) »",
           "content/ateliers/essai.md, ligne 3, champ « Résumé (summary) »",
           "Le résumé doit tenir en une seule phrase ; le reste va dans le texte de la page.",
           "Gardez la première phrase.")], None),
        ([NO_LABEL, NO_FILE], headline([NO_LABEL, NO_FILE]),
         [("content/ateliers/essai.md", 7, "« audiance »", "content/ateliers/essai.md, ligne 7, champ « audiance »",
           "Champ « audiance » inconnu.", None),
          (None, None, None, "", "Le site n’a pas de page d’accueil.", "Ajoutez-la.")], None),
        ("réglages illisibles : pelicanconf.py, ligne 4", "La construction du site a échoué.", [],
         "réglages illisibles : pelicanconf.py, ligne 4"),
        ("", "La construction du site a échoué.", [], NO_DETAIL),
    ],
    ids=["passed", "one-problem-with-its-label", "no-label-and-no-file", "text-report", "empty-report"],
)
def test_the_json_lists_the_last_builds_problems_in_the_reports_words(site, tmp_path, report, title, problems, text):
    with running_preview(site.root, tmp_path, report=report) as preview:
        status, headers, body = get(preview.origin)
    assert status == 200 and headers["Cache-Control"] == "no-store"
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    state = json.loads(body)
    assert (state["failed"], state["title"], state["text"]) == (report is not None, title, text)
    shown = [(item["file"], item["line"], item["field"], item["where"], item["what"], item["remedy"])
             for item in state["problems"]]
    assert shown == problems
    for item, problem in zip(state["problems"], report if isinstance(report, list) else [], strict=True):
        assert item["sentence"] == describe(problem)  # the terminal's own line
    assert (state["local"], state["saved"]) == (True, [])


@pytest.mark.parametrize("host", ["exemple.org", "exemple.org:{port}", "localhost:1", "127.0.0.2:{port}"])
def test_the_json_answers_only_the_previews_own_address(site, tmp_path, host):
    with running_preview(site.root, tmp_path, report=[SUMMARY]) as preview:
        status, _headers, body = get(preview.origin, host=host.format(port=preview.port))
        assert get(preview.origin, host=f"127.0.0.1:{preview.port}")[0] == 200
    assert status == 403 and "Résumé" not in body


def test_the_json_names_the_file_the_last_save_wrote(tmp_path):
    """Decap does not know a new entry's file name when it says it saved:
    the preview, which wrote it, does."""
    content = tmp_path / "content"
    (content / "ateliers").mkdir(parents=True)
    editor = Editor(content)
    answer(editor, "persistEntry", {"dataFiles": [{"path": "content/ateliers/nouveau.md", "raw": "---\ntitle: N\n---\n"}],
                                    "assets": []})
    assert editor.saved == ["content/ateliers/nouveau.md"]
    answer(editor, "persistEntry", {"dataFiles": [{"path": "content/ateliers/nouveau.md", "raw": "---\ntitle: N\n---\n",
                                                   "newPath": "content/ateliers/renomme.md"}], "assets": []})
    assert editor.saved == ["content/ateliers/renomme.md"]
    assert not (content / "ateliers" / "nouveau.md").exists()


def test_the_published_site_has_no_json_and_its_editor_starts_without_banner(published_site, browser):
    """On the published site the banner's script asks nothing, says nothing
    and Decap starts as before."""
    assert not (published_site.root / "admin" / "problemes.json").exists()
    context = browser.new_context()
    try:
        origin = serve_folder(context, published_site.root, PUBLISHED_SITEURL)
        page = context.new_page()
        requests, errors = [], []
        page.on("request", lambda request: requests.append(request.url))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.goto(origin + "/admin/")
        page.get_by_role("button", name=re.compile("GitHub")).wait_for()
        assert page.locator("#apercu-bandeau").count() == 0
        assert page.get_by_role("alert").count() == 0
    finally:
        context.close()
    assert origin + "/admin/banner.js" in requests
    assert [url for url in requests if "problemes" in url] == []
    assert errors == []


def test_the_admin_pages_own_sentence_follows_french_typography():
    """Its <noscript> sentence: a narrow no-break space before « : »."""
    sentence = BeautifulSoup((ADMIN / "index.html").read_text(encoding="utf-8"), "html.parser").noscript.get_text()
    assert "\u202f:" in sentence
    assert not re.search(r"[ \u00a0][:;!?»]|«[ \u00a0]", sentence)


# -- End to end: a copy of the content, broken on disk, then fixed -----------------------------------

def rebuilding(repository, output):
    """A build of the copy as the preview runs it: None when it passed, else
    its Problems (the JSON it wrote) or what it printed."""
    written = problems_file(output)

    def build(full):
        written.unlink(missing_ok=True)
        result = pelican_build(repository / "content", output, options=("-e", f"PROBLEMS_FILE={json.dumps(str(written))}"))
        if result.returncode == 0:
            return None
        return read_json(written) or result.stdout + result.stderr

    return build


@pytest.fixture
def editing(tmp_path, browser):
    """/admin/ of a copy of the content, in local mode, the preview
    rebuilding the copy after each save; yields (page, origin, content)."""
    repository = tmp_path / "depot"
    shutil.copytree(CONTENT, repository / "content")
    built = build_or_fail(repository / "content", tmp_path / "avant")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(path=required(AXE_SCRIPT))
    try:
        with running_preview(built.root, repository / "content",
                             build=rebuilding(repository, tmp_path / "apres")) as preview:
            page = context.new_page()
            page.set_default_timeout(REBUILD_SECONDS * 1000)
            page.goto(preview.origin + "/admin/")
            page.get_by_role("button", name="Se connecter").click()
            yield page, preview.origin, repository / "content"
    finally:
        context.close()


def a_published_offer(content):
    return next(path for path in sorted((content / "ateliers").glob("*.md"))
                if front_matter(path).get("status", "published") != "draft")


def with_two_sentence_summary(text):
    """The file with its `summary:` (one line, or a folded block) replaced by
    two sentences; and that line's number."""
    lines = text.split("\n")
    number = next(index for index, line in enumerate(lines) if line.startswith("summary:"))
    end = number + 1
    while end < len(lines) and lines[end].startswith((" ", "\t")):
        end += 1
    lines[number:end] = ["summary: Une première phrase. Puis une seconde phrase."]
    return "\n".join(lines), number + 1


def banner_violations(page):
    """The WCAG 2.1 A/AA rules axe-core finds broken in the banner (contrast too)."""
    return page.evaluate("tags => axe.run('#apercu-bandeau', {runOnly: {type: 'tag', values: tags}})"
                         ".then(result => result.violations.map(violation => violation.id))", WCAG_TAGS)


def listed(page, origin, path):
    """The workshop `path`'s entry in /admin/'s list of workshops, the list opened."""
    page.goto(origin + "/admin/#/collections/ateliers")
    return page.get_by_text(front_matter(path)["title"], exact=True).first


def save(path, text):
    """Save as a text editor does: written aside, then renamed."""
    aside = path.with_name(f".#{path.name}")
    aside.write_text(text, encoding="utf-8")
    aside.replace(path)


def test_a_file_broken_on_disk_shows_in_admin_with_the_forms_label_then_goes(editing, artefacts):
    page, origin, content = editing
    path = a_published_offer(content)
    good = path.read_text(encoding="utf-8")
    listed(page, origin, path).wait_for()
    alert = page.locator("#apercu-bandeau [role=alert]")
    assert alert.is_hidden()

    broken, line = with_two_sentence_summary(good)
    save(path, broken)
    where = f"content/ateliers/{path.name}, ligne {line}, champ « Résumé (summary) »"
    alert.get_by_text(where).wait_for()
    assert alert.get_by_text("seule phrase").count() == 1
    status, _headers, report = get(origin, "/ateliers/")
    assert status == 500 and "Résumé (summary)" in report  # the rest of the preview shows the report

    listed(page, origin, path).click()  # /admin/ still opens, and says it at once
    alert.get_by_text(where).wait_for()
    save_button = page.get_by_role("button", name="Enregistrée", exact=True)  # the entry as saved: nothing to save
    save_button.wait_for()
    banner_box, button_box = page.locator("#apercu-bandeau").bounding_box(), save_button.bounding_box()
    assert button_box["y"] >= banner_box["y"] + banner_box["height"]  # the banner hides none of the form
    toggle = alert.get_by_role("button", name="Masquer le détail")
    assert toggle.get_attribute("aria-expanded") == "true"
    page.screenshot(path=str(artefacts / "editeur-bandeau-ordinateur.png"))
    assert banner_violations(page) == []
    toggle.focus()
    page.keyboard.press("Enter")
    assert alert.get_by_role("button", name="Voir le détail").get_attribute("aria-expanded") == "false"
    assert alert.get_by_text(where).is_hidden()
    page.keyboard.press("Enter")
    alert.get_by_text(where).wait_for()
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(artefacts / "editeur-bandeau-telephone.png"))

    save(path, good)
    alert.wait_for(state="hidden")
    wait_in_page(page, "document.getElementById('nc-root').getBoundingClientRect().top === 0")  # Decap back at the top
    assert get(origin, "/admin/problemes.json")[2].startswith('{"failed": false')


def test_a_save_in_local_mode_says_where_the_file_is_and_how_to_publish_it(editing, artefacts):
    page, origin, content = editing
    path = a_published_offer(content)
    original = path.read_text(encoding="utf-8")
    listed(page, origin, path).click()
    page.get_by_label("Méthode", exact=True).fill("Une autre méthode")
    assert page.get_by_role("button", name="Publier", exact=True).count() == 0
    page.get_by_role("button", name="Enregistrer sur cet ordinateur").click()
    page.get_by_role("menuitem", name="Enregistrer maintenant").click()
    notice = page.get_by_role("status").filter(has_text="Enregistré sur cet ordinateur")
    notice.get_by_text(f"content/ateliers/{path.name}", exact=True).wait_for()
    assert "« commit », puis « push »" in notice.inner_text()
    assert front_matter(path)["method"] == "Une autre méthode" and path.read_text(encoding="utf-8") != original
    page.screenshot(path=str(artefacts / "editeur-enregistre.png"))
    assert banner_violations(page) == []
    notice.get_by_role("button", name="Fermer").click()
    wait_in_page(page, "document.querySelector('#apercu-bandeau [role=status]').hidden")
