"""The web editor's forms (/admin/, Decap CMS), generated from the schemas:
every field of each model, required where the build requires it; a value the
build refuses refused by the form, with the build's own sentence (the
patterns of the committed config.yml run in node with JavaScript's RegExp,
as Decap runs them); and every label and hint written for an editor."""

import json
import re
import subprocess
import time
from pathlib import Path

import pytest
import yaml
from pydantic import Field, ValidationError, create_model
from test_web_editor import changed_lines, in_layout, local_editor  # noqa: F401 (a fixture: /admin/ of a copy of the content, local mode)
from web_editor.config import CONFIG, model_fields

from conftest import ROOT, front_matter
from core.export import json_schema
from core.messages import explain
from core.problems import describe, label_of
from core.schemas.documents import Article, Page
from core.schemas.offer import PLACEHOLDER, UNDECIDED, Line, Offer, Text
from core.schemas.reglages import Known, Reglages

FORM = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
MODELS = {"ateliers": Offer, "ressources": Article, "pages": Page}
# Every form the build checks: the documents', and the réglages file's (a files collection).
CHECKED = {**MODELS, "reglages": Reglages}
# What each model needs to pass, so that one field at a time can be tried.
VALID = {
    "ateliers": {"title": "T", "summary": "Un résumé.", "method": "M", "audience": "A", "objectives": ["O"],
                 "modalities": {"duration": "2h", "frequency": "F", "group_size": UNDECIDED, "format": "F",
                                "commitment": "C"},
                 "price": {"on_quote": True}},
    "ressources": {"title": "T", "date": "2026-11-05"},
    "pages": {"title": "T"},
    "reglages": {"organisation": {}, "host": {}, "appearance": {}},
}


def collection(name):
    """A folder collection, or the one file of a files collection (réglages)."""
    found = next(item for item in FORM["collections"] if item["name"] == name)
    return found["files"][0] if "files" in found else found


def by_name(fields):
    return {field["name"]: field for field in fields}


def form_field(name, path):
    """The form's field at `path` (« modalities.duration »; « objectives.item »
    for a list's items)."""
    fields, field = collection(name)["fields"], None
    for part in path.split("."):
        field = field["field"] if part == "item" else by_name(fields)[part]
        fields = field.get("fields", []) + field.get("inputs", [])
    return field


# -- The forms follow the models ---------------------------------------------------

@pytest.mark.parametrize("name", MODELS)
def test_each_form_has_every_field_of_its_model_and_the_page_text(name):
    assert [field["name"] for field in collection(name)["fields"]] == [*MODELS[name].model_fields, "body"]


@pytest.mark.parametrize("name", MODELS)
def test_labels_and_hints_are_the_schemas_titles_and_descriptions(name):
    for field in collection(name)["fields"][:-1]:
        info = MODELS[name].model_fields[field["name"]]
        assert field["label"] == info.title, field["name"]
        if field["widget"] != "one_of":  # two forms: the hint says which to choose
            assert field["hint"] == info.description, field["name"]


@pytest.mark.parametrize("name", MODELS)
def test_every_required_field_of_the_json_schema_is_required_in_the_form(name):
    schema = json_schema(MODELS[name])
    fields = by_name(collection(name)["fields"])
    for key in schema["required"]:
        assert fields[key].get("required", True) is True, key
        reference = schema["properties"][key].get("$ref")
        if reference and fields[key]["widget"] == "object":  # required inside a required object
            for inner in schema["$defs"][reference.rsplit("/", 1)[-1]].get("required", []):
                assert by_name(fields[key]["fields"])[inner].get("required", True) is True, f"{key}.{inner}"


def test_a_new_workshops_state_is_asked_not_chosen_in_advance():
    status = by_name(collection("ateliers")["fields"])["status"]
    assert status.get("required", True) is True and "default" not in status
    assert "Brouillon" in status["hint"] and "pas publié" in status["hint"]
    assert [option["value"] for option in status["options"]] == list(Offer.model_fields["status"].annotation.__args__)


@pytest.mark.parametrize("model", [Page, Article, Offer])
def test_a_field_added_to_a_model_appears_in_its_form(model):
    """Drift: a field written in the schema needs nothing more to be in the form."""
    grown = create_model("Grown", __base__=model,
                         venue=(Line, Field(title="Lieu", description="Où se tient la séance.")),
                         note=(Text, Field(None, title="Note", description="Une remarque.")))
    fields = by_name(model_fields(grown))
    assert list(fields) == [*model.model_fields, "venue", "note"]
    assert fields["venue"] | {"label": "Lieu", "hint": "Où se tient la séance.", "widget": "string"} == fields["venue"]
    assert "required" not in fields["venue"] and fields["note"]["required"] is False
    assert fields["note"]["widget"] == "text" and "pattern" in fields["venue"]


def test_the_reglages_form_has_every_section_and_key_of_its_model_in_the_files_order():
    """The form's order is the file's (Decap writes the keys in the form's order)."""
    sections = collection("reglages")["fields"]
    assert [section["name"] for section in sections] == list(Reglages.model_fields)
    for section in sections:
        model = Reglages.model_fields[section["name"]].annotation
        assert [field["name"] for field in section["fields"]] == list(model.model_fields), section["name"]
    data = yaml.safe_load((ROOT / collection("reglages")["file"]).read_text(encoding="utf-8"))
    order = {section["name"]: list(by_name(section["fields"])) for section in sections}
    assert list(data) == [name for name in order if name in data]
    for name, keys in data.items():
        assert list(keys or {}) == [key for key in order[name] if key in (keys or {})], name


def test_the_reglages_labels_and_hints_are_the_schemas_titles_and_descriptions():
    for section in collection("reglages")["fields"]:
        info = Reglages.model_fields[section["name"]]
        assert (section["label"], section["hint"], section["required"]) == (info.title, info.description, False)
        for field in section["fields"]:
            inner = info.annotation.model_fields[field["name"]]
            assert (field["label"], field["hint"]) == (inner.title, inner.description), field["name"]
            assert field["required"] is False and field["widget"] == "string", field["name"]


def test_a_key_added_to_the_reglages_model_appears_in_its_form():
    """Drift: a key written in the réglages schema needs nothing more to be in the form."""
    host = Reglages.model_fields["host"].annotation
    grown_host = create_model("GrownHost", __base__=host,
                              siren=(Known, Field(None, title="SIREN", description="Le numéro de l’hébergeur.")))
    grown = create_model("Grown", __base__=Reglages, host=(grown_host, Field(title="Hébergeur", description="Qui.")))
    sections = by_name(model_fields(grown))
    fields = by_name(sections["host"]["fields"])
    assert list(fields) == [*host.model_fields, "siren"]
    assert fields["siren"] | {"label": "SIREN", "hint": "Le numéro de l’hébergeur.", "required": False} == fields["siren"]


# -- The form refuses what the build refuses, in the build's words ----------------------

# {(collection, field): values}: the build's verdict and the form's must agree on each.
VALUES = {
    ("ateliers", "summary"): [
        "Un atelier pour écouter ce qui se passe au travail.",
        "Deux phrases. La seconde est de trop.",
        "Trois points… Et une autre phrase.",
        "Une question ? Une réponse.",
        "Une phrase. « Une citation » ensuite.",
        "Un atelier. Écouter ensuite.",
        "Un atelier, etc. pour finir en minuscules.",
        "Une phrase qui finit.  ",
        "x" * 300,
        "x" * 301,
        "  " + "x" * 300 + "\n",
        "",
        "   ",
        "une\nautre ligne",
        "Un atelier à compléter plus tard",
        "Un atelier À COMPLÉTER",
        "Un texte collé\x07 d’ailleurs",
        "Une phrase.\u00a0Deux phrases.",
        "Une phrase.\x1cDeux phrases.",
        "\u202f" + "x" * 300 + "\u3000",
    ],
    ("ateliers", "title"): [
        "Atelier d’écoute",
        "Atelier\x1c",  # a space for Python, stripped; not for JavaScript's \s
        "Ate\x1clier",
        "\x85Atelier\x0c",
        "\ufeffAtelier",
        "Atelier\nd’écoute",
        PLACEHOLDER,
        "",
    ],
    ("ateliers", "slug"): ["atelier-ecoute-2", "Atelier écoute", "atelier--ecoute"],
    ("ateliers", "audience"): ["Des soignants.\nDes travailleurs sociaux.", "\t\n", "Des soignants\x0b"],
    ("ateliers", "objectives.item"): ["Écouter. Puis parler.", "", "À compléter"],
    ("ateliers", "modalities.duration"): [
        "1h30",
        "2 heures",
        "45 min",
        " 90min ",
        UNDECIDED,
        "à définir avec l'équipe",
        "1h30 ou 2h",
        "une bonne heure",
        "1h\n30",
        "h30",
    ],
    ("ateliers", "modalities.frequency"): ["Une séance par mois", "Une séance\npar mois"],
    ("ateliers", "price.currency"): ["EUR", "euros"],
    ("ateliers", "price.note"): ["TVA non applicable"],
    ("ateliers", "citations.text"): ["Écouter, c’est déjà soigner.\nEt la suite."],
    ("ateliers", "citations.author"): ["Michael Balint", "Michael\nBalint"],
    ("ateliers", "image.alt"): ["Un groupe assis en cercle", "Un groupe\nassis"],
    ("pages", "title"): ["Qui sommes-nous", "Qui\nsommes-nous"],
    ("pages", "summary"): ["Une page. Et une autre phrase.", "Une seule phrase pour la page.", "y" * 301],
    ("pages", "slug"): ["qui-sommes-nous", "qui_sommes_nous"],
    ("pages", "url"): ["404.html", "z" * 301],
    ("pages", "template"): ["contact", "con\ntact"],
    ("pages", "authors.item"): ["Anne Martin", "Anne\nMartin"],
    ("ressources", "summary"): ["Un article, en une phrase.", "Un article. En deux phrases."],
    ("ressources", "author"): ["Anne Martin", "À compléter"],
    ("ressources", "title"): ["   "],
    ("reglages", "organisation.name"): ["Rêver tout haut", "Rêver\ntout haut", "À compléter"],
    ("reglages", "organisation.email"): ["contact@exemple.fr"],
    ("reglages", "organisation.address"): ["1 rue\x07 de la Paix"],
    ("reglages", "organisation.phone"): [
        "01 23 45 67 89",
        "+33 1 23 45 67 89",
        "+33 (0)1 23 45 67 89",
        " 06.12.34.56.78 ",
        "01 23 45 67",
        "123",
        "+1",
        "appelez-nous",
        "01 23 45 67 89 ou 06 12 34 56 78",
        "javascript:alert(1)",
        "",
        "   ",
    ],
    ("reglages", "appearance.colour"): [" ", "#1f5f5b", "#7A2E52", "rouge", "#12345", "#1f5f5b;}body{display:none", ""],
    ("reglages", "appearance.logo"): [
        " \t",
        "images/logo.svg",
        "/images/logo-2.png",
        "images/logo.gif",
        "../secret.svg",
        "images/Logo.svg",
    ],
    ("reglages", "host.website"): ["https://github.com"],
    ("reglages", "host.name"): ["Git\nHub"],
    ("reglages", "appearance.accent_colour"): ["#8a4b00", "1f5f5b"],
}
CASES = [(name, path, value) for (name, path), values in VALUES.items() for value in values]

# What only the build can decide, so the form lets it through: a colour's
# contrast (a computation, not a pattern) and a logo's file (on the disk).
BUILD_ONLY = [("reglages", "appearance.colour", "#ffcc00")]


def set_at(data, path, value):
    """`data` with `value` at `path` (objects created as needed; a list's item as its only one)."""
    data = json.loads(json.dumps(data))
    parts = path.split(".")
    if parts[-1] == "item":
        parts, value = parts[:-1], [value]
    target = data
    for part in parts[:-1]:
        if part == "price":
            target["price"] = {"amount": 250, "currency": "EUR", "unit": "per_session"}
        elif part == "citations":
            target["citations"] = [{"text": "Une citation", "author": "Quelqu’un"}]
        elif part == "image":
            target["image"] = {"src": "/images/a.jpg", "alt": "Une image"}
        target = target[part][0] if isinstance(target[part], list) else target[part]
    target[parts[-1]] = value
    return data


def build_verdict(name, path, value):
    """The build's messages for `value` at `path` (none: accepted)."""
    try:
        CHECKED[name].model_validate(set_at(VALID[name], path, value))
    except ValidationError as error:
        return [explain(detail, CHECKED[name], "content/x.md", {}) for detail in error.errors()]
    return []


@pytest.fixture(scope="module")
def form_verdicts():
    """{case: the form's message, or None when it accepts}, as Decap decides:
    an empty value is refused when the field is required; any other is tested
    with `RegExp(pattern).test(value)` in node."""
    fields = [form_field(name, path) for name, path, _ in CASES]
    table = [{"pattern": (field.get("pattern") or [None])[0], "value": value}
             for field, (_, _, value) in zip(fields, CASES, strict=True)]
    script = ("const rows = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "console.log(JSON.stringify(rows.map(r => r.pattern === null || RegExp(r.pattern).test(r.value))));")
    matched = json.loads(subprocess.run(["node", "-e", script], input=json.dumps(table), capture_output=True,
                                        text=True, check=True, cwd=ROOT).stdout)
    verdicts = {}
    for case, field, passes in zip(CASES, fields, matched, strict=True):
        if case[2] == "":
            verdicts[case] = "requis" if field.get("required", True) else None
        else:
            verdicts[case] = None if passes else field["pattern"][1]
    return verdicts


def without_value(message, value):
    """The build's sentence without the value it quotes: the form's says it of any value."""
    return re.sub(r" \(U\+[0-9A-F]{4}\)", "", message.replace(f" « {value} »", ""))


@pytest.mark.parametrize("case", CASES, ids=[f"{name}.{path}={value[:24]!r}" for name, path, value in CASES])
def test_the_form_refuses_what_the_build_refuses_with_its_sentence(case, form_verdicts):
    name, path, value = case
    built, shown = build_verdict(name, path, value), form_verdicts[case]
    assert (shown is None) == (not built), f"build: {[describe(problem) for problem in built]}, form: {shown}"
    field = form_field(name, path)
    if field["widget"] == "string" and "\n" in value.strip():
        # A line break cannot be typed or pasted in a one-line input: the
        # pattern refuses it all the same, its message need not say so.
        return
    if built and value:  # in the form's message (a union's other forms aside: « un texte, ou une liste »)
        said = {form.casefold() for problem in built for form in (problem.message, without_value(problem.message, value))}
        assert any(message in shown.casefold() for message in said), ([problem.message for problem in built], shown)


@pytest.mark.parametrize("case", BUILD_ONLY)
def test_what_only_the_build_decides_is_let_through_by_the_form_and_refused_by_the_build(case):
    name, path, value = case
    field = form_field(name, path)
    accepted = subprocess.run(["node", "-e", "console.log(RegExp(process.argv[1]).test(process.argv[2]))",
                               field["pattern"][0], value], capture_output=True, text=True, check=True).stdout
    assert accepted.strip() == "true"
    assert [problem.key for problem in build_verdict(name, path, value)] == [path]


def test_the_table_has_good_and_bad_values_of_each_rule(form_verdicts):
    """The table proves something: each kind of refusal occurs, and so do acceptances."""
    kinds = set()
    for name, path, value in CASES:
        try:
            CHECKED[name].model_validate(set_at(VALID[name], path, value))
        except ValidationError as error:
            kinds |= {detail["type"] for detail in error.errors()}
    assert kinds >= {"one_sentence", "string_too_long", "one_line", "string_too_short", "placeholder",
                     "control_character", "duration", "string_pattern_mismatch", "phone", "colour", "logo"}, kinds
    assert sum(verdict is None for verdict in form_verdicts.values()) >= 20


def test_no_message_ends_with_a_full_stop_decap_adds_its_own():
    """Decap shows « <label> : <message>. » (admin/editor.js words it so)."""
    messages = [field["pattern"][1] for field in all_fields(FORM) if "pattern" in field]
    assert messages and all(not message.endswith((".", " ")) for message in messages)


@pytest.mark.parametrize(("collection_name", "path", "number", "verdict"), [
    ("ateliers", "modalities.group_size.min", 0, False),
    ("ateliers", "modalities.group_size.max", 1000, True),
    ("ateliers", "modalities.group_size.max", 1001, False),
    ("ateliers", "order", 0, False),
    ("ateliers", "order", 1, True),
    ("ateliers", "price.amount", 0, False),
    ("ateliers", "price.amount", 0.01, True),
])
def test_numbers_have_the_builds_limits(collection_name, path, number, verdict):
    field = form_field(collection_name, path)
    assert (field.get("min", -1e9) <= number <= field.get("max", 1e9)) is verdict
    data = json.loads(json.dumps(VALID[collection_name]))
    if path.startswith("modalities.group_size"):
        data["modalities"]["group_size"] = {path.rsplit(".", 1)[-1]: number}
    elif path.startswith("price"):
        data["price"] = {"amount": number, "currency": "EUR", "unit": "per_session"}
    else:
        data[path] = number
    try:
        Offer.model_validate(data)
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted is verdict


def test_the_lists_that_need_an_item_ask_for_one():
    fields = by_name(collection("ateliers")["fields"])
    for name, info in Offer.model_fields.items():
        minimum = next((item.min_length for item in info.metadata if getattr(item, "min_length", None)), None)
        if fields[name]["widget"] == "list" and minimum:
            assert fields[name]["min"] == minimum, name


# -- The editor's words ---------------------------------------------------------------

# Words of developers and of the file's syntax, never of the form.
JARGON = ["true", "false", "draft", "hidden", "published", "slug", "yaml", "markdown", "src", "alt", "media",
          "front matter", "json", "git", "html", "template", "on_quote", "per_session", "null",
          "un par ligne", "une par ligne", "« - »", "text, author"]


def all_fields(node):
    """Every field of the configuration, nested ones included."""
    if isinstance(node, dict):
        if "widget" in node and "name" in node:
            yield node
        for value in node.values():
            yield from all_fields(value)
    elif isinstance(node, list):
        for value in node:
            yield from all_fields(value)


def editors_words():
    """(where, text) of every label, hint, choice and message the form shows."""
    for field in all_fields(FORM):
        for key in ("label", "hint", "fields_label", "fixed_label"):
            if key in field:
                yield f"{field['name']}.{key}", str(field[key])
        if "pattern" in field:
            yield f"{field['name']}.pattern", field["pattern"][1]
        for option in field.get("options", []):
            yield f"{field['name']}.option", option["label"]
    for item in FORM["collections"]:
        yield item["name"], item["label"]
        for entry in item.get("files", []):
            yield entry["name"], entry["label"]


def test_the_walk_reads_every_field_nested_ones_included():
    places = dict(editors_words())
    assert {"ideal.label", "amount.hint", "duration.pattern", "status.option", "colour.hint", "alt.hint"} <= set(places)
    assert len(places) > 100


def test_every_pattern_is_quick_on_a_long_text():
    """Decap tests the pattern at each keystroke: no pattern may backtrack
    without end on a long text (a page's worth, with spaces and breaks)."""
    patterns = sorted({field["pattern"][0] for field in all_fields(FORM) if "pattern" in field})
    text = ("Une phrase assez longue, avec des espaces   et des retours.\n" * 200) + " \x0b" * 500
    script = ("const [patterns, text] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "const start = Date.now(); patterns.forEach(p => RegExp(p).test(text));"
              "console.log(Date.now() - start);")
    elapsed = subprocess.run(["node", "-e", script], input=json.dumps([patterns, text]), capture_output=True,
                             text=True, check=True, cwd=ROOT).stdout
    assert len(patterns) > 5 and int(elapsed) < 500, elapsed


@pytest.mark.parametrize("word", JARGON)
def test_no_label_or_hint_speaks_a_developers_words(word):
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
    found = [f"{where}: {text}" for where, text in editors_words() if pattern.search(text)]
    assert found == []


def test_no_doubled_quotes_and_no_english():
    found = [f"{where}: {text}" for where, text in editors_words()
             if re.search(r"«\s*«|»\s*»|\.\.|^\s*$", text)]
    assert found == []


# -- The build names a field as the form does ---------------------------------------------

@pytest.mark.parametrize(("key", "label"), [
    ("summary", "Résumé"),
    ("template", "Modèle"),
    ("save_as", "Fichier publié"),
    ("date", "Date"),
    ("authors", "Auteurs"),
    ("image.alt", "Texte de remplacement"),
    ("status", "État"),
    ("organisation.phone", "Téléphone"),
    ("appearance.colour", "Couleur principale"),
])
def test_the_builds_messages_name_a_field_by_its_form_label(key, label):
    assert label_of(key) == label


@pytest.mark.parametrize(("model", "data", "expected"), [
    (Page, {"title": "T", "template": "a\nb"}, "champ « Modèle (template) »"),
    (Article, {"title": "T"}, "champ « Date (date) »"),
    (Article, {"title": "T", "date": "2026-11-05", "summary": "Une. Deux."}, "champ « Résumé (summary) »"),
    (Page, {"title": "T", "image": {"src": "/images/a.jpg"}}, "champ « Texte de remplacement (image.alt) »"),
])
def test_pages_and_articles_problems_name_the_forms_label_and_the_key(model, data, expected):
    try:
        model.model_validate(data)
    except ValidationError as error:
        said = [describe(explain(detail, model, "content/pages/x.md", {})) for detail in error.errors()]
    assert any(expected in sentence for sentence in said), said


# -- End to end, in Chromium: the form refuses, in the build's words, and writes nothing --------

SHOTS = Path("/tmp/26-forms-shots")


def test_a_two_sentence_summary_is_refused_by_the_form_and_the_file_is_unchanged(local_editor):  # noqa: F811
    path = next(path for path in sorted((local_editor.content / "ateliers").glob("*.md")))
    original = path.read_text(encoding="utf-8")
    meta = front_matter(path)
    page = local_editor.page
    page.goto(f"{local_editor.origin}/admin/#/collections/ateliers/entries/{path.stem}")
    page.get_by_label("Titre", exact=True).wait_for()
    page.get_by_label("Résumé", exact=True).fill("Une première phrase. Une seconde, de trop.")
    if "status" not in meta:
        page.locator('input[id^="status-field-"]').fill("Publié")
        page.keyboard.press("Enter")
    local_editor.publish()
    said = page.get_by_text(re.compile("le résumé doit tenir en une seule phrase ; le reste va dans le texte de la page"))
    said.first.wait_for()
    said.first.scroll_into_view_if_needed()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "resume-refuse.png")
    shown = said.first.inner_text().casefold()  # Decap sets it in capitals
    # The form's label, then the build's own sentence (admin/editor.js), not Decap's « ne correspond pas au schéma ».
    assert shown.startswith("résumé\u202f: le résumé doit tenir en une seule phrase"), shown
    assert "schéma" not in shown
    assert ".." not in shown and not re.search(r"[.»]\.$", shown[:-1])
    time.sleep(1)  # what a save would have taken
    assert path.read_text(encoding="utf-8") == original


def test_an_optional_field_emptied_in_the_form_leaves_its_line_out_and_the_site_builds(local_editor, tmp_path):  # noqa: F811
    """Decap would write `slug: ""`, which the build refuses: admin/editor.js
    leaves an emptied optional field out of the file, as if its line had
    been deleted (the build's own advice for an empty field)."""
    path = next(path for path in sorted((local_editor.content / "ateliers").glob("*.md")) if "slug" in front_matter(path))
    in_layout(path, local_editor.content)
    before, original = front_matter(path), path.read_text(encoding="utf-8")
    page = local_editor.page
    page.goto(f"{local_editor.origin}/admin/#/collections/ateliers/entries/{path.stem}")
    page.get_by_label("Titre", exact=True).wait_for()
    page.locator('input[id^="slug-field-"]').fill("")
    asked = {}
    if "status" not in before:
        page.locator('input[id^="status-field-"]').fill("Publié")
        page.keyboard.press("Enter")
        asked = {"status": "published"}
    local_editor.publish()
    deadline = time.monotonic() + 30
    while path.read_text(encoding="utf-8") == original:
        assert time.monotonic() < deadline, "the web editor did not save in time"
        time.sleep(0.2)
    after = front_matter(path)
    assert after == {**{key: value for key, value in before.items() if key != "slug"}, **asked}
    removed, added = changed_lines(original, path.read_text(encoding="utf-8"))
    assert removed == [f"slug: {before['slug']}"] and added == (["status: published"] if asked else [])
    local_editor.build(tmp_path / "apres")
