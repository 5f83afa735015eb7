"""The web editor (/admin/, Decap CMS): served by the site itself, its form
generated from the offer schema, the organisation's identity in a YAML file,
and, end to end in Chromium, an editor's change saved into a copy of the
content that the build then publishes."""

import contextlib
import difflib
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import time

import pytest
import yaml
from pelican.settings import read_settings
from preview_server import running_preview
from web_editor import OUR_FILES, PREVIEW_WORDS, bundle_files, site_config, write_admin
from web_editor.config import ASKED, CONFIG, DURATION_PATTERN, cms_config, config_text
from web_editor.layout import editor_files, save_as_decap

from conftest import (
    CONTENT,
    PUBLISHED_SITEURL,
    ROOT,
    as_shown,
    build_or_fail,
    front_matter,
    site_setting,
    visible_text,
)
from core.document import split_front_matter
from core.organisation import IDENTITY_FILE, missing_values, read_identity
from core.prices import format_price
from core.scaffold import NEW_OFFER, new_offer_data
from core.schemas import Offer
from core.schemas.offer import UNDECIDED, Price
from site_checks.accessibility import serve_folder

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))
# How long Decap may take to write a file through the preview's server.
SAVE_SECONDS = 30


@functools.cache
def config():
    """The web editor's configuration, made once: half a second each time,
    and the tests only read it."""
    return cms_config()


def collection(name):
    return next(item for item in config()["collections"] if item["name"] == name)


def by_name(fields):
    return {field["name"]: field for field in fields}


# -- The configuration, generated from the schema -----------------------------

def test_the_committed_configuration_is_what_the_schema_produces():
    """Run `make schema` after changing core/schemas/offer.py."""
    assert CONFIG.read_text(encoding="utf-8") == config_text()


def test_the_offer_form_has_every_field_of_the_schema_and_the_page_text():
    assert [field["name"] for field in collection("ateliers")["fields"]] == [*Offer.model_fields, "body"]


def test_every_required_field_of_the_json_schema_is_required_in_the_form():
    schema = json.loads((ROOT / "schemas" / "offer.schema.json").read_text(encoding="utf-8"))
    definitions = schema["$defs"]
    fields = by_name(collection("ateliers")["fields"])
    for name in schema["required"]:
        assert fields[name].get("required", True), name
    for name in definitions["Modalities"]["required"]:
        assert by_name(fields["modalities"]["fields"])[name].get("required", True), name
    for name in definitions["Citation"]["required"]:
        assert by_name(fields["citations"]["fields"])[name].get("required", True), name
    # A price is one form or the other: on_quote, or each field of the amount form.
    forms = [form["required"] for form in definitions["Price"]["oneOf"]]
    inputs = by_name(fields["price"]["inputs"])
    assert fields["price"]["fixed"] == {name: True for form in forms if len(form) == 1 for name in form}
    for name in next(form for form in forms if len(form) > 1):
        assert inputs[name].get("required", True), name


def test_widgets_follow_the_kind_of_each_field():
    fields = by_name(collection("ateliers")["fields"])
    assert fields["title"]["widget"] == "string" and fields["audience"]["widget"] == "text"
    assert fields["objectives"]["widget"] == "list" and fields["objectives"]["field"]["widget"] == "text"
    assert fields["modalities"]["widget"] == "object"
    assert fields["citations"]["widget"] == "list" and set(by_name(fields["citations"]["fields"])) == {"text", "author", "work"}
    assert fields["propositions"] | {"widget": "relation", "collection": "ateliers", "multiple": True} == fields["propositions"]
    assert fields["order"]["widget"] == "number" and fields["order"]["value_type"] == "int"
    assert [option["value"] for option in fields["status"]["options"]] == ["published", "hidden", "draft"]
    summary = fields["summary"]["pattern"][0]  # tested as Decap tests it: RegExp(pattern).test(value)
    assert re.search(summary, "x" * 300) and not re.search(summary, "x" * 301)


@pytest.mark.parametrize("written", ["1h30", "1 h 30", "2h", "2 heures", "1h05", "45 min", "45 minutes", "90min", "1H30",
                                     UNDECIDED, "à définir avec l'équipe"])
def test_the_duration_pattern_accepts_what_the_build_reads(written):
    Offer.model_validate({**offer_data(), "modalities": {**offer_data()["modalities"], "duration": written}})
    assert re.fullmatch(DURATION_PATTERN, written)


@pytest.mark.parametrize("written", ["bientôt", "1h30 ou 2h", "une heure", "h30", ""])
def test_the_duration_pattern_refuses_what_the_build_refuses(written):
    assert not re.fullmatch(DURATION_PATTERN, written)


def offer_data():
    return {"title": "T", "summary": "Un résumé.", "method": "M", "audience": "A", "objectives": ["O"],
            "modalities": {"duration": "2h", "frequency": "F", "group_size": UNDECIDED, "format": "F", "commitment": "C"},
            "price": {"on_quote": True}}


def test_make_new_offer_and_the_editor_agree_on_fields_and_first_values():
    written = new_offer_data("Titre", "titre", 3)
    fields = collection("ateliers")["fields"]
    assert set(written) <= {field["name"] for field in fields}
    for name, value in NEW_OFFER.items():
        assert written[name] == value, name
    defaults = {field["name"]: field["default"] for field in fields if "default" in field}
    defaults["modalities"] = {field["name"]: field["default"] for field in by_name(fields)["modalities"]["fields"]}
    # The state is asked in the form (no value chosen in advance); the command writes a draft.
    assert defaults == {name: value for name, value in NEW_OFFER.items() if name not in ASKED}
    assert all("default" not in by_name(fields)[name] for name in ASKED)


def test_articles_pages_and_settings_have_their_collections():
    articles, pages, settings = collection("ressources"), collection("pages"), collection("reglages")
    assert articles["folder"] == "content/ressources" and "date" in by_name(articles["fields"])
    assert pages["folder"] == "content/pages"
    assert [entry["file"] for entry in settings["files"]] == [f"content/{IDENTITY_FILE}"]
    for item in (collection("ateliers"), articles, pages):
        assert item["format"] == "yaml-frontmatter" and item["fields"][-1]["widget"] == "markdown"
    assert (config()["locale"], config()["media_folder"], config()["public_folder"]) == ("fr", "content/images", "/images")


@pytest.mark.parametrize(
    ("settings", "environ", "backend", "mode"),
    [
        ({"SITEURL": "", "WEB_EDITOR_LOCAL_BACKEND": True}, {}, {"name": "github", "repo": "", "branch": "main"}, {}),
        ({"SITEURL": "https://a.b/c"}, {"GITHUB_REPOSITORY": "asso/site"},
         {"name": "github", "repo": "asso/site", "branch": "main"}, {"publish_mode": "editorial_workflow"}),
        ({"SITEURL": "https://a.b/c", "WEB_EDITOR_REPO": "autre/depot", "WEB_EDITOR_BRANCH": "principale",
          "WEB_EDITOR_AUTH_URL": "https://auth.exemple.org"}, {"GITHUB_REPOSITORY": "asso/site"},
         {"name": "github", "repo": "autre/depot", "branch": "principale", "base_url": "https://auth.exemple.org"},
         {"publish_mode": "editorial_workflow"}),
    ],
    ids=["preview", "published-by-github-actions", "published-elsewhere"],
)
def test_the_backend_comes_from_the_settings(settings, environ, backend, mode):
    config = site_config(settings, environ)
    assert config["backend"] == backend
    assert {key: config[key] for key in ("local_backend", "publish_mode") if key in config} == mode


def test_only_the_preview_saves_into_the_working_copy():
    """The preview's server adds the local mode as it serves config.yml
    (local_editor.py); the published site never has it."""
    assert SETTINGS["WEB_EDITOR_LOCAL_BACKEND"] is True
    published = subprocess.run(
        [sys.executable, "-c", "from pelican.settings import read_settings; "
         "print(read_settings('publishconf.py').get('WEB_EDITOR_LOCAL_BACKEND'))"],
        cwd=ROOT, env={**os.environ, "SITEURL": "https://exemple.org"}, capture_output=True, text=True, check=True)
    assert published.stdout.strip() == "False"


# -- The built site ---------------------------------------------------------------

def test_the_built_site_has_admin_and_decap_without_source_maps(site):
    admin = site.root / "admin"
    assert sorted(path.name for path in admin.iterdir()) == sorted(
        [path.name for path in bundle_files()] + [*OUR_FILES, PREVIEW_WORDS, "config.yml"])
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in page and '<meta name="robots" content="noindex, nofollow">' in page
    assert "data-pagefind-body" not in page
    # The preview's local mode is added by the preview's server, with its secret: never written on disk.
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert "local_backend" not in config and "publish_mode" not in config


def test_admin_is_neither_in_the_sitemap_nor_a_page_of_the_site(published_site):
    assert "/admin/" not in (published_site.root / "sitemap.xml").read_text(encoding="utf-8")
    assert all("admin" not in path.parts for path in published_site.html_files())
    config = yaml.safe_load((published_site.root / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["publish_mode"] == "editorial_workflow" and "local_backend" not in config
    assert config["site_url"] == PUBLISHED_SITEURL


def test_admin_loads_only_the_sites_own_files(published_site, browser):
    """Published mode, before signing in: every request goes to the site."""
    context = browser.new_context()
    try:
        origin = serve_folder(context, published_site.root, PUBLISHED_SITEURL)
        page = context.new_page()
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(origin + "/admin/")
        page.get_by_role("button", name=re.compile("GitHub")).wait_for()
        assert page.get_by_role("button", name=re.compile("Se connecter")).count() == 1  # in French
    finally:
        context.close()
    assert {f"{origin}/admin/{name}" for name in ("", "config.yml", "decap-cms.js", "widgets.js")} <= set(requests)
    assert [url for url in requests if not url.startswith(origin + "/")] == []


# -- The organisation's identity (content/reglages.yml) ---------------------------------

GOOD_IDENTITY = "organisation:\n  name: Asso\n  email:\nhost:\n  name: Hébergeur\n"


def test_the_identity_file_gives_organisation_and_host_with_none_for_unknown(tmp_path):
    path = tmp_path / "reglages.yml"
    path.write_text(GOOD_IDENTITY, encoding="utf-8")
    identity = read_identity(path)
    assert identity["ORGANISATION"] == {"name": "Asso", "legal_form": None, "email": None, "phone": None,
                                        "address": None, "registration": None, "publication_director": None}
    assert identity["HOST"] == {"name": "Hébergeur", "address": None, "website": None}
    assert identity["APPEARANCE"] == {"colour": None, "accent_colour": None, "logo": None}
    assert ("email", 3) in missing_values(path) and ("phone", None) in missing_values(path)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("organisation:\n  name: [Asso\n", 3, "le YAML n’est pas lisible"),
        ("organisation:\n  name: Asso\nhote:\n  name: X\n", 3, "champ « hote » : ce champ n’existe pas ; vous vouliez "
                                                               "dire « host » ?"),
        ("organisation:\n  nom: Asso\n", 2, "champ « organisation.nom » : ce champ n’existe pas. Champs possibles ici"),
        ("organisation:\n  registration: 123456789\n", 2, "entre guillemets"),
        ("organisation:\n  email: true\n", 2, "champ « Courriel (organisation.email) » : la valeur doit être un texte"),
        ("organisation:\n  name:\n    - Asso\n", 2, "doit être un texte"),
        ("organisation:\n  name: Asso\n  name: Autre\n", 3, "écrit deux fois"),
        ("organisation: Asso\n", 1, "un champ par ligne"),
        ("- Asso\n", 1, "rubriques"),
    ],
    ids=["bad-yaml", "unknown-section", "unknown-key", "number", "boolean", "list", "twice", "not-a-mapping", "a-list"],
)
def test_a_wrong_identity_file_is_named_with_its_line_in_french(tmp_path, text, line, words):
    path = tmp_path / "reglages.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        read_identity(path, tmp_path)
    assert re.match(rf"reglages\.yml, ligne {line}(, champ « [^»]+ »)? : ", str(stop.value.code)), stop.value.code
    assert words in str(stop.value.code)


@pytest.mark.parametrize("size", [None, 70 * 1024], ids=["missing", "too-large"])
def test_a_missing_or_oversized_identity_file_is_named(tmp_path, size):
    path = tmp_path / "reglages.yml"
    if size:
        path.write_text("# " + "x" * size + "\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        read_identity(path, tmp_path)
    assert str(stop.value.code).startswith("reglages.yml : ")


# -- Round trip: a file written by hand, saved by the editor, builds the same site --------

def hand_written(path):
    """The same values in another layout, as a text editor may leave them:
    PyYAML's, top-level keys in reverse order, nothing folded."""
    text = path.read_text(encoding="utf-8")
    meta, body = (yaml.safe_load(text), None) if path.suffix == ".yml" else (
        front_matter(path), split_front_matter(text, path.name)[1])
    dumped = yaml.safe_dump(dict(reversed(meta.items())), allow_unicode=True, sort_keys=False, width=10_000)
    return dumped if body is None else f"---\n{dumped}---\n{body}"


def test_a_file_written_by_hand_is_saved_by_the_editor_in_its_layout_with_the_same_site(tmp_path):
    """Any valid layout builds; the editor's first save rewrites the file
    in its own (the canonical one: content/'s, once saved by the editor
    too, whatever its layout today), every value kept."""
    by_hand, resaved = tmp_path / "a-la-main" / "content", tmp_path / "depot" / "content"
    canonical = tmp_path / "canonique" / "content"
    shutil.copytree(CONTENT, canonical)
    save_as_decap(editor_files(canonical), canonical)
    shutil.copytree(CONTENT, by_hand)
    for path in editor_files(by_hand):
        path.write_text(hand_written(path), encoding="utf-8")
        assert path.read_bytes() != (canonical / path.relative_to(by_hand)).read_bytes(), path.name
    shutil.copytree(by_hand, resaved)
    # Each offer's date comes from git (plugins/offers/updated.py): neither copy has its history.
    site = build_or_fail(by_hand, tmp_path / "site-a-la-main")
    files = editor_files(resaved)
    assert len(files) == len(list(CONTENT.glob("*/*.md"))) + 1
    save_as_decap(files, resaved)
    for path in files:
        assert path.read_bytes() == (canonical / path.relative_to(resaved)).read_bytes(), path.name
    saved = build_or_fail(resaved, tmp_path / "site-reenregistre")
    pages = [path.relative_to(site.root) for path in sorted(site.root.rglob("*.html"))]
    assert pages == [path.relative_to(saved.root) for path in sorted(saved.root.rglob("*.html"))]
    for page in pages:
        assert (saved.root / page).read_bytes() == (site.root / page).read_bytes(), page
    assert read_identity(resaved / "reglages.yml") == read_identity(by_hand / "reglages.yml")


# -- End to end, local mode: Chromium, the preview's server, a copy of the content -------

class LocalEditor:
    """/admin/ of a site built from a copy of the content, saving into that
    copy through the preview's server, as `make serve` runs it."""

    def __init__(self, repository, page, origin):
        self.repository, self.page, self.origin = repository, page, origin
        self.content = repository / "content"

    def open(self, fragment):
        self.page.goto(f"{self.origin}/admin/#/collections/{fragment}")
        self.page.get_by_label("Titre", exact=True).wait_for()

    def publish(self):
        self.page.get_by_role("button", name="Enregistrer sur cet ordinateur", exact=True).click()
        self.page.get_by_role("menuitem", name="Enregistrer maintenant").click()

    def build(self, output):
        return build_or_fail(self.content, output)


@contextlib.contextmanager
def admin_in_local_mode(tmp_path, browser, height):
    """/admin/ in local mode, signed in, on a copy of the content (in
    `tmp_path`) beside the site built from it: (repository, page, origin, built)."""
    repository = tmp_path / "depot"
    shutil.copytree(CONTENT, repository / "content")
    built = build_or_fail(repository / "content", tmp_path / "avant")
    context = browser.new_context(viewport={"width": 1280, "height": height})
    try:
        with running_preview(built.root, repository / "content") as preview:
            page = context.new_page()
            page.set_default_timeout(SAVE_SECONDS * 1000)
            page.goto(preview.origin + "/admin/")
            page.get_by_role("button", name="Se connecter").click()
            yield repository, page, preview.origin, built
    finally:
        context.close()


@pytest.fixture
def local_editor(tmp_path, browser):
    with admin_in_local_mode(tmp_path, browser, height=1000) as (repository, page, origin, _):
        yield LocalEditor(repository, page, origin)


def wait_for(condition):
    deadline = time.monotonic() + SAVE_SECONDS
    while not condition():
        assert time.monotonic() < deadline, "the web editor did not save in time"
        time.sleep(0.2)


def offer_url(path, meta):
    return f"/ateliers/{meta.get('slug', path.stem)}/"


def an_offer_with_an_amount(content):
    """The first published offer with an amount; when every offer is on
    quote, the first one given an amount, saved as the editor saves it."""
    offers = [path for path in sorted((content / "ateliers").glob("*.md"))
              if front_matter(path).get("status", "published") != "draft"]
    path = next((path for path in offers if "amount" in front_matter(path)["price"]), offers[0])
    if "amount" not in front_matter(path)["price"]:
        save_as_decap([path], content, {path: [(["price"], {"amount": 100, "currency": "EUR", "unit": "per_session"})]})
    return path


def in_layout(path, content):
    """A file of `content` as the form saves it: one written otherwise (by
    hand) is first put in the editor's layout, as `make layout` does, so
    that saving one field changes its line only."""
    save_as_decap([path], content)
    return path


def changed_lines(before, after):
    """The lines a diff shows removed and added, as a reviewer reads them."""
    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0))[2:]
    return ([line[1:] for line in diff if line.startswith("-")], [line[1:] for line in diff if line.startswith("+")])


def test_an_editor_changes_a_price_one_line_changes_and_the_build_publishes_it(local_editor, tmp_path):
    path = in_layout(an_offer_with_an_amount(local_editor.content), local_editor.content)
    before, body = front_matter(path), split_front_matter(path.read_text(encoding="utf-8"), path.name)[1]
    original = path.read_text(encoding="utf-8")
    price = {**before["price"], "amount": before["price"]["amount"] + 10}
    page = local_editor.page
    page.goto(f"{local_editor.origin}/admin/#/collections/ateliers")  # the list of workshops, read from the copy
    page.get_by_text(before["title"], exact=True).first.wait_for()
    page.get_by_text(before["title"], exact=True).first.click()
    page.get_by_label("Titre", exact=True).wait_for()
    page.get_by_label("Montant", exact=True).fill(str(price["amount"]))
    asked = {}
    if "status" not in before:  # the state is asked: a file without one is published
        page.locator('input[id^="status-field-"]').fill("Publié")
        page.keyboard.press("Enter")
        asked = {"status": "published"}
    local_editor.publish()
    wait_for(lambda: path.read_text(encoding="utf-8") != original)

    saved = path.read_text(encoding="utf-8")
    amount = re.compile(r" +amount: \d+")
    removed, added = changed_lines(original, saved)
    # One line changed, the amount; and, in a file that had no state, the state the form asked for.
    assert len(removed) == 1 and amount.fullmatch(removed[0]), (removed, added)
    assert [line for line in added if not amount.fullmatch(line)] == (["status: published"] if asked else []), added
    assert len([line for line in added if amount.fullmatch(line)]) == 1, added
    # Decap's own serializer run outside the browser (plugins/web_editor/decap_layout.js) writes the same bytes.
    alone = tmp_path / "seul" / "content" / "ateliers" / path.name
    alone.parent.mkdir(parents=True)
    alone.write_text(original, encoding="utf-8")
    changes = [(["price", "amount"], price["amount"]), *([(["status"], "published")] if asked else [])]
    save_as_decap([alone], alone.parents[1], {alone: changes})
    assert alone.read_text(encoding="utf-8") == saved
    after, saved_body = front_matter(path), split_front_matter(saved, path.name)[1]
    assert after == {**before, "price": price, **asked} and saved_body == body
    site = local_editor.build(tmp_path / "apres")
    shown = visible_text(site.soup(offer_url(path, after)).select_one("#tarif p"))
    assert shown.startswith(as_shown(format_price(Price(**price), site_setting("OFFERS_UNIT_LABELS"))))


def test_an_editor_creates_an_offer_and_the_build_publishes_it(local_editor, tmp_path):
    folder = local_editor.content / "ateliers"
    existing = set(folder.glob("*.md"))
    local_editor.open("ateliers/new")
    page = local_editor.page
    page.get_by_label("Titre", exact=True).fill("Atelier d’essai créé en ligne")
    page.get_by_label("Résumé", exact=True).fill("Un atelier pour vérifier l’éditeur en ligne.")
    page.get_by_label("Méthode", exact=True).fill("Groupe d’essai")
    page.get_by_label("Pour qui", exact=True).fill("Les professionnels qui essaient l’éditeur.")
    page.get_by_role("button", name="Ajouter objectifs").click()
    page.locator('textarea[id^="item-field-"]').first.fill("Vérifier que l’atelier est publié.")
    page.locator('input[id^="status-field-"]').fill("Publié")
    page.keyboard.press("Enter")
    page.locator('[contenteditable="true"]').last.click()
    page.keyboard.type("Une page écrite dans le navigateur.")
    local_editor.publish()
    wait_for(lambda: set(folder.glob("*.md")) - existing)

    (path,) = set(folder.glob("*.md")) - existing
    meta = front_matter(path)
    assert meta["title"] == "Atelier d’essai créé en ligne" and meta["status"] == "published"
    assert meta["modalities"] == NEW_OFFER["modalities"] and meta["price"] == NEW_OFFER["price"]
    site = local_editor.build(tmp_path / "apres")
    assert visible_text(site.soup(offer_url(path, meta)).h1) == as_shown("Atelier d’essai créé en ligne", "h1")


def test_a_price_without_its_amount_is_refused_in_the_form(local_editor):
    """The amount form needs amount, currency and unit: the form says what
    is missing, in French, and writes nothing."""
    folder = local_editor.content / "ateliers"
    existing = sorted(folder.glob("*.md"))
    local_editor.open("ateliers/new")
    page = local_editor.page
    page.get_by_label("Titre", exact=True).fill("Atelier sans montant")
    page.get_by_label("Un montant").check()
    local_editor.publish()
    page.get_by_text("Il manque : Montant, Unité ; ou bien choisissez « Sur devis ».").wait_for()
    assert sorted(folder.glob("*.md")) == existing


def cannot_link(source, target):
    raise OSError(18, "Invalid cross-device link")


@pytest.mark.parametrize("across_disks", [False, True], ids=["links", "copies-across-disks"])
def test_a_second_build_rewrites_only_what_changed(tmp_path, monkeypatch, across_disks):
    """Decap's 6.5 MB are hard links to node_modules (each build writes into a
    new folder), or copies when the output is on another disk; into the same
    folder again, nothing unchanged is rewritten, a changed file is (even of
    the same size), and what the bundle no longer has goes."""
    if across_disks:
        monkeypatch.setattr(os, "link", cannot_link)
    dist = tmp_path / "dist"
    shutil.copytree(bundle_files()[0].parent, dist, ignore=shutil.ignore_patterns("*.map"))
    assert write_admin(tmp_path / "site", SETTINGS, dist=dist) == []
    admin = tmp_path / "site" / "admin"
    for source in bundle_files(dist):
        assert os.path.samefile(source, admin / source.name) != across_disks
        assert (admin / source.name).read_bytes() == source.read_bytes()
    stale = admin / "999.decap-cms.js"
    stale.write_text("// an older Decap's chunk", encoding="utf-8")
    before = {path.name: path.stat() for path in admin.iterdir() if path != stale}
    changed = bundle_files(dist)[1]
    new = bytes(reversed(changed.read_bytes()))  # a new version of the same size, a new file (as npm ci makes it)
    changed.unlink()
    changed.write_bytes(new)
    time.sleep(0.01)
    assert write_admin(tmp_path / "site", SETTINGS, dist=dist) == []
    after = {path.name: path.stat() for path in admin.iterdir()}
    assert set(after) == set(before)
    unchanged = {name for name in before if name != changed.name}
    assert {name: (stat.st_ino, stat.st_mtime_ns) for name, stat in after.items() if name in unchanged} == {
        name: (stat.st_ino, stat.st_mtime_ns) for name, stat in before.items() if name in unchanged}
    assert (admin / changed.name).read_bytes() == new


def test_without_npm_ci_the_build_says_how_to_install_decap(tmp_path):
    problems = write_admin(tmp_path / "site", SETTINGS, dist=tmp_path / "absent")
    assert len(problems) == 1 and "lancez « make build » (ou « npm ci »)" in problems[0]
    assert not (tmp_path / "site" / "admin").exists()
