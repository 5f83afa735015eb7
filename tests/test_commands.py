"""The editors' commands: a failed build or check keeps the last good site;
`make check` checks the published version before it replaces output/; the
preview serves, rebuilds on save and reloads."""

import asyncio
import json
import os
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from tornado.websocket import websocket_connect

import fresh_process
from conftest import FIXTURE_CONTENT, ROOT, free_port, invoke
from core.organisation import identity_file, missing_values
from core.problems import label_of

# A page whose YAML is broken, and an offer whose price is written in words:
# (file, how it is broken, what the report says).
BREAKAGES = {
    "yaml": ("pages/contact.md", lambda text: "---\ntitle: [\n---\n", "content/pages/contact.md, ligne"),
    "offre": ("ateliers/ecriture.md",
              lambda text: text.replace("  on_quote: true", "  amount: deux cents euros\n  currency: EUR\n  unit: per_day"),
              "content/ateliers/ecriture.md, ligne 20, champ « Montant (price.amount) »"),
    "lien": ("pages/contact.md", lambda text: text + "\n[Nos tarifs](../tarifs/)\n",
             "content/pages/contact.md, ligne"),
    "lien depuis la racine": ("pages/contact.md", lambda text: text + "\n[Nos tarifs](/tarifs/)\n",
                              "le lien « /tarifs/ » part de la racine du serveur"),
}


def snapshot(folder):
    return {path.relative_to(folder): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_failed_build_keeps_the_last_good_output(content_copy, tmp_path, breakage):
    output = tmp_path / "output"
    first = invoke("build", "--content", str(content_copy), "--output", str(output))
    assert first.returncode == 0, first.stderr
    good = snapshot(output)
    assert (output / "index.html").is_file()

    name, breaking, message = BREAKAGES[breakage]
    path = content_copy / name
    path.write_text(breaking(path.read_text(encoding="utf-8")), encoding="utf-8")
    second = invoke("build", "--content", str(content_copy), "--output", str(output))
    assert second.returncode != 0
    assert message in second.stderr
    assert "le dossier" in second.stderr and "garde la dernière version réussie" in second.stderr
    assert snapshot(output) == good
    assert not (tmp_path / "output.staging").exists()


def test_successful_build_replaces_the_output(content_copy, tmp_path):
    output = tmp_path / "output"
    (output / "ancienne-page").mkdir(parents=True)
    result = invoke("build", "--content", str(content_copy), "--output", str(output))
    assert result.returncode == 0, result.stderr
    assert not (output / "ancienne-page").exists()
    assert (output / "index.html").is_file()


def test_make_check_publishes_only_a_site_that_passes_every_check(content_copy, tmp_path):
    """The published version is built in a staging folder and checked
    (content, links, HTML, accessibility); output/ is replaced only when all
    pass, and a failed check names every problem and leaves it as it was."""
    output = tmp_path / "output"
    siteurl = "https://exemple.github.io/verifie"
    first = invoke("check", "--content", str(content_copy), "--output", str(output), "--siteurl", siteurl)
    assert first.returncode == 0, first.stdout + first.stderr
    for step in ("Liens : ", "aucun problème", "(validateur Nu) : aucune erreur", "WCAG 2.1 A et AA) : ", "aucune violation"):
        assert step in first.stdout
    assert f'href="{siteurl}/ateliers/"' in (output / "index.html").read_text(encoding="utf-8")
    # What the organisation's identity lacks is listed, without failing the
    # check; a missing email first of all (tests/test_enquiry.py has the cases).
    # The content folder's own réglages (tests/fixtures/site), named as editors know them.
    identity, shown = identity_file(content_copy)
    for key, line in missing_values(identity):
        said = "Aucune adresse de contact : les visiteurs ne peuvent pas vous écrire" if key == "email" else "ce champ est vide"
        assert (f"Avertissement : {shown}, ligne {line}, "
                f"champ « {label_of(f'organisation.{key}')} (organisation.{key}) » : {said}") in first.stdout
        if key == "email":
            assert first.stdout.startswith(f"Avertissement : {shown}, ligne {line}, ")
    good = snapshot(output)

    # Builds (its links are right, its HTML is in the allow-list), but a second
    # id="contenu" is invalid HTML, and a link with no text says nothing to a
    # screen reader (WCAG link-name).
    page = content_copy / "pages" / "contact.md"
    page.write_text(page.read_text(encoding="utf-8") +
                    '\n<p><span id="contenu">Doublon</span> <a href="#contenu"></a></p>\n', encoding="utf-8")
    second = invoke("check", "--content", str(content_copy), "--output", str(output), "--siteurl", siteurl)
    assert second.returncode == 1
    assert "La vérification a trouvé" in second.stderr
    assert "page /contact/, ligne" in second.stderr and "Duplicate ID “contenu”" in second.stderr
    assert "page /contact/ : accessibilité, règle « link-name »" in second.stderr
    assert "le dossier output/ garde la dernière version réussie" in second.stderr
    assert snapshot(output) == good
    assert not (tmp_path / "output.staging").exists()


def test_check_links_lists_external_links_without_fetching_them(content_copy):
    page = content_copy / "pages" / "contact.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nVoir [le colloque](https://colloque.invalid/programme).\n",
                    encoding="utf-8")
    result = invoke("check-links", "--content", str(content_copy))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "aucun problème ;" in result.stdout and "liens externes :" in result.stdout
    assert "https://colloque.invalid/programme  (/contact/ l. " in result.stdout


def test_publishing_without_an_address_says_what_to_do(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "SITEURL"}
    result = fresh_process.run("pelican", ["content", "-s", "publishconf.py", "-o", tmp_path], ROOT, env)
    assert result.returncode != 0
    assert "l'adresse publique du site manque" in result.stdout + result.stderr


# Every command that takes a content folder, given one that does not exist.
COMMANDS_WITH_CONTENT = {
    "build": ["build"], "serve": ["serve", "--port", "0"], "check": ["check"], "check-links": ["check-links"],
    "screenshots": ["screenshots"], "layout": ["layout"], "new-offer": ["new-offer", "Un atelier"],
}


@pytest.mark.parametrize("command", COMMANDS_WITH_CONTENT)
def test_a_content_folder_that_does_not_exist_is_named_in_french(command, tmp_path):
    missing = tmp_path / "nulle-part"
    result = invoke(*COMMANDS_WITH_CONTENT[command], "--content", missing, timeout=120)
    said = result.stdout + result.stderr
    assert result.returncode == 2, said
    assert f"Le dossier des textes « {missing} » n'existe pas" in said and "Traceback" not in said, said
    assert not missing.exists()


def fetch(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read().decode("utf-8")


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.3)
    return False


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """`make serve` on a free port, on a copy of the fixture content; one for the module."""
    folder = tmp_path_factory.mktemp("apercu")
    content_copy = folder / "content"
    shutil.copytree(FIXTURE_CONTENT, content_copy)
    port = free_port()
    command = ["make", "serve", f"PORT={port}", f"CONTENT={content_copy}", f"OUTPUT={folder / 'output'}"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    yield f"http://localhost:{port}", content_copy
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=10)


def test_make_serve_answers_and_reloads_on_save(preview):
    url, content = preview
    assert wait_for(lambda: fetch(url + "/")[0] == 200, 60), "make serve ne répond pas sur /"
    status, html = fetch(url + "/contact/")
    assert status == 200 and "Nous contacter" in html
    assert "livereload.js" in html  # the page reloads itself when the site is rebuilt

    page = content / "pages" / "contact.md"
    assert "Prenons contact" not in html
    save(page, page.read_text(encoding="utf-8").replace("title: Nous contacter", "title: Prenons contact"))
    assert wait_for(lambda: "Prenons contact" in fetch(url + "/contact/")[1], 30), "la page n'a pas été reconstruite"


def test_preview_redirects_a_folder_without_slash_as_github_pages_does(preview):
    url, _ = preview
    assert wait_for(lambda: fetch(url + "/")[0] == 200, 60)
    status, html = fetch(url + "/ateliers/ecriture")  # urllib follows the redirect
    assert status == 200 and "Atelier d’écriture" in html


def save(page, text):
    """Save as an editor does: the whole new text at once (written aside,
    then renamed), never a half-written file for the preview to read."""
    aside = page.parents[2] / f"{page.name}.tmp"  # outside content/: the preview does not watch it
    aside.write_text(text, encoding="utf-8")
    aside.replace(page)


async def pages_after_reloads(url, page, words, seconds=30):
    """Connect as the page's livereload script does; for each word, add it
    to `page`, wait for livereload's reload message, and fetch /contact/."""
    connection = await websocket_connect(url.replace("http://", "ws://") + "/livereload")
    await connection.write_message(json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}))
    await connection.read_message()
    await connection.write_message(json.dumps({"command": "info", "url": url + "/contact/", "plugins": {}}))
    await asyncio.sleep(0.5)  # the server has taken the browser in
    pages = []
    for word in words:
        save(page, page.read_text(encoding="utf-8") + f"\n{word} enregistrement.\n")
        while json.loads(await asyncio.wait_for(connection.read_message(), seconds)).get("command") != "reload":
            pass
        pages.append(fetch(url + "/contact/")[1])
    connection.close()
    return pages


def test_the_browser_is_told_to_reload_after_each_save(preview):
    """Two saves in a row, each followed by a reload of the rebuilt page
    (livereload's own rule would ignore a second save within 3 s)."""
    url, content = preview
    assert wait_for(lambda: fetch(url + "/")[0] == 200, 60)
    words = ["Premier", "Second"]
    # A thread of its own: the browser tests' Playwright keeps an event loop in this one.
    with ThreadPoolExecutor(1) as thread:
        pages = thread.submit(asyncio.run, pages_after_reloads(url, content / "pages" / "contact.md", words)).result()
    assert [f"{word} enregistrement." in html for word, html in zip(words, pages, strict=True)] == [True, True]


def test_the_preview_keeps_its_search_index_and_updates_it(preview):
    url, content = preview
    assert wait_for(lambda: fetch(url + "/")[0] == 200, 60)
    page = content / "pages" / "contact.md"
    save(page, page.read_text(encoding="utf-8") + "\nUn mot rare : zygomatique.\n")
    assert wait_for(lambda: "zygomatique" in fetch(url + "/contact/")[1], 30)
    # The index is there at once (the last one), and Pagefind rewrites it in the background.
    assert fetch(url + "/pagefind/pagefind-entry.json")[0] == 200


def test_a_build_with_the_cache_reads_again_a_changed_file(content_copy, tmp_path):
    output = tmp_path / "apercu"
    assert invoke("build", "--cache", "--content", str(content_copy), "--output", str(output)).returncode == 0
    page = content_copy / "pages" / "contact.md"
    page.write_text(page.read_text(encoding="utf-8").replace("title: Nous contacter", "title: Écrivez-nous"), encoding="utf-8")
    result = invoke("build", "--cache", "--content", str(content_copy), "--output", str(output))
    assert result.returncode == 0, result.stderr
    assert json.loads((output / "pagefind" / "bundles.json").read_text(encoding="utf-8")) == []  # the index is complete
    assert "Écrivez-nous" in (output / "contact" / "index.html").read_text(encoding="utf-8")
    # Pages from the caches are the pages a build without them writes.
    plain = tmp_path / "sans-cache"
    assert invoke("build", "--content", str(content_copy), "--output", str(plain)).returncode == 0
    pages = sorted(path.relative_to(plain) for path in plain.rglob("*.html"))
    assert pages == sorted(path.relative_to(output) for path in output.rglob("*.html"))
    assert [page for page in pages if (plain / page).read_bytes() != (output / page).read_bytes()] == []
