"""Pictures as editors add them (plugins/pictures): a Markdown image comes out
sized, responsive, light and private; every mistake is named in French with
its file and line; an unchanged picture is not encoded twice.

Every picture is drawn by Pillow in the test: no binary file is committed.
"""

import io
import itertools
import json
import re
import shutil

import pytest
from PIL import Image

from conftest import Site, build_files, pelican_build, wait_in_page, write_content
from site_checks.lighthouse import served

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif"}
GPS_IFD = 0x8825
# A camera writes these; none may reach a published file.
PLANTED = {"model": "Appareil-Espion-42", "gps": (48.0, 51.0, 24.0)}


def photo(path, size=(1600, 1200), gps=False, orientation=None, kind="JPEG"):
    """A picture with detail at every scale and some grain (it compresses
    like a photo), with a camera's EXIF if asked."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.merge("RGB", [Image.effect_mandelbrot(size, (-2.0, -1.25, 0.75, 1.25), 60),
                                Image.linear_gradient("L").resize(size), Image.effect_noise(size, 30)])
    exif = Image.Exif()
    if gps:
        exif[0x0110] = PLANTED["model"]
        exif.get_ifd(GPS_IFD).update({1: "N", 2: PLANTED["gps"], 3: "E", 4: (2.0, 21.0, 3.0)})
    if orientation:
        exif[0x0112] = orientation
    image.save(path, kind, **({"exif": exif} if kind == "JPEG" else {}))
    return path


def article(body, front=""):
    return f"---\ntitle: Des photos\ndate: 2026-01-15\nsummary: Un article avec des photos.\n{front}---\n\n{body}"


TWO_PICTURES = ("Un premier paragraphe.\n\n"
                "![Un groupe en atelier, assis en cercle]({static}/images/atelier.jpg)\n\n"
                "Un deuxième paragraphe.\n\n"
                "![La salle, vue depuis la porte](/images/salle.png)\n\n"
                '<p><img src="../images/exif.jpg" alt="Le jardin"></p>\n\n'
                "![décoratif](/images/motif.png)\n")


def pictures_of(site, url):
    return site.soup(url).select("main picture")


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    """An article with pictures of every kind, built twice (the second time
    from the cache); the cache's files as they were after the first build."""
    root = tmp_path_factory.mktemp("pictures")
    images = root / "content" / "images"
    photo(images / "atelier.jpg", gps=True)
    photo(images / "salle.png", size=(500, 400), kind="PNG")
    photo(images / "exif.jpg", size=(400, 300), gps=True, orientation=6)
    photo(images / "motif.png", size=(200, 100), kind="PNG")
    result, output = build_files(root, {"ressources/photos.md": article(TWO_PICTURES)})
    assert result.returncode == 0, output
    cache = root / ".cache" / "images"
    first = {path: path.stat().st_mtime_ns for path in cache.rglob("*") if path.is_file()}
    published = {path.relative_to(root / "output"): path.read_bytes() for path in (root / "output").rglob("*")
                 if path.suffix in IMAGE_SUFFIXES}
    second = pelican_build(root / "content", root / "output")
    assert second.returncode == 0, second.stdout + second.stderr
    return {"root": root, "site": Site(root / "output"), "cache": cache, "mtimes": first, "published": published}


def test_each_markdown_image_becomes_a_sized_described_responsive_picture(fixture_site):
    site = fixture_site["site"]
    pictures = pictures_of(site, "/ressources/photos/")
    assert len(pictures) == 4
    expected = [("Un groupe en atelier, assis en cercle", 1440, 1080), ("La salle, vue depuis la porte", 500, 400),
                ("Le jardin", 300, 400), ("", 200, 100)]
    for picture, (alt, width, height) in zip(pictures, expected, strict=True):
        image = picture.img
        assert (image["alt"], int(image["width"]), int(image["height"])) == (alt, width, height)
        types = {source["type"] for source in picture.select("source")}
        assert types == {"image/avif", "image/webp"}
        for candidates in [image["srcset"], *(source["srcset"] for source in picture.select("source"))]:
            widths = [int(width) for width in re.findall(r" (\d+)w", candidates)]
            assert max(widths) <= width
            if width > 360:
                assert len(widths) >= 2
        assert image["sizes"] == "(min-width: 44rem) 42rem, calc(100vw - 2rem)"


def test_every_file_a_picture_names_exists_with_the_size_it_claims(fixture_site):
    site = fixture_site["site"]
    for picture in pictures_of(site, "/ressources/photos/"):
        for source in [picture.img, *picture.select("source")]:
            for url, width in re.findall(r"(\S+) (\d+)w", source["srcset"]):
                with Image.open(site.root / url.lstrip("/")) as image:
                    assert image.width == int(width)


def test_only_the_first_picture_loads_at_once(fixture_site):
    images = [picture.img for picture in pictures_of(fixture_site["site"], "/ressources/photos/")]
    assert "loading" not in images[0].attrs
    assert all(image["loading"] == "lazy" and image["decoding"] == "async" for image in images[1:])


def test_the_orientation_of_the_camera_is_applied(fixture_site):
    site = fixture_site["site"]
    picture = pictures_of(site, "/ressources/photos/")[2]
    with Image.open(site.root / picture.img["src"].lstrip("/")) as image:
        assert image.size == (300, 400)


def test_no_published_file_keeps_exif_or_gps(fixture_site):
    published = fixture_site["published"]
    assert published, "aucune image publiée"
    for name, data in published.items():
        assert PLANTED["model"].encode() not in data, name
        assert b"Exif\x00\x00" not in data, name
        with Image.open(io.BytesIO(data)) as image:
            assert not image.getexif(), name
            assert "xmp" not in image.info and "exif" not in image.info, name


def test_no_original_is_published_as_it_is(fixture_site):
    root = fixture_site["root"]
    originals = {path.read_bytes() for path in (root / "content" / "images").iterdir()}
    assert not originals & set(fixture_site["published"].values())
    assert not (root / "output" / "images" / "atelier.jpg").exists()


def test_a_second_build_encodes_nothing(fixture_site):
    """The cache's files were written by the first build and not again by the
    second, which published the same files."""
    cache, before = fixture_site["cache"], fixture_site["mtimes"]
    assert before
    after = {path: path.stat().st_mtime_ns for path in cache.rglob("*") if path.is_file()}
    assert after == before
    root = fixture_site["root"]
    again = {path.relative_to(root / "output"): path.read_bytes() for path in (root / "output").rglob("*")
             if path.suffix in IMAGE_SUFFIXES}
    assert again == fixture_site["published"]


def test_the_first_described_picture_is_the_social_card(fixture_site):
    site = fixture_site["site"]
    head = site.soup("/ressources/photos/").head
    image = head.select_one('meta[property="og:image"]')["content"]
    assert re.fullmatch(r"/images/atelier\.\w+-1080\.jpg", image)
    assert head.select_one('meta[property="og:image:width"]')["content"] == "1080"
    assert head.select_one('meta[property="og:image:height"]')["content"] == "810"
    assert head.select_one('meta[property="og:image:alt"]')["content"] == "Un groupe en atelier, assis en cercle"
    # No picture, no default: no og:image is invented.
    assert site.soup("/contact/").select_one('meta[property="og:image"]') is None


def test_an_image_field_and_the_default_picture_give_the_social_card(tmp_path):
    photo(tmp_path / "content" / "images" / "partage.jpg", size=(2000, 1000))
    photo(tmp_path / "content" / "images" / "carte.jpg", size=(800, 600))
    files = {"ressources/carte.md": article("Sans image dans le texte.\n",
                                            front="image:\n  src: /images/carte.jpg\n  alt: Une carte postale\n"),
             "pages/vide.md": "---\ntitle: Sans texte\nimage:\n  src: /images/carte.jpg\n  alt: La carte\n---\n"}
    write_content(tmp_path / "content", files)
    result = pelican_build(tmp_path / "content", tmp_path / "output", env={"SITEURL": "https://exemple.org/site"},
                           options=["-e", 'PICTURES_SOCIAL_DEFAULT="images/partage.jpg"', 'SITEURL="https://exemple.org/site"'])
    assert result.returncode == 0, result.stdout + result.stderr
    site = Site(tmp_path / "output")
    card = site.soup("/ressources/carte/").head
    assert re.fullmatch(r"https://exemple\.org/site/images/carte\.\w+-800\.jpg",
                        card.select_one('meta[property="og:image"]')["content"])
    assert card.select_one('meta[property="og:image:alt"]')["content"] == "Une carte postale"
    assert site.soup("/vide/").head.select_one('meta[property="og:image:alt"]')["content"] == "La carte"
    default = site.soup("/contact/").head.select_one('meta[property="og:image"]')["content"]
    assert re.fullmatch(r"https://exemple\.org/site/images/partage\.\w+-1080\.jpg", default)


def test_a_picture_in_an_offer_and_an_offer_image_field(tmp_path):
    from conftest import good_with, offer_text

    photo(tmp_path / "content" / "images" / "groupe.jpg", size=(900, 600))
    offer = offer_text(good_with(image={"src": "/images/groupe.jpg", "alt": "Le groupe"}),
                       body="Le texte.\n\n![Le groupe au travail](/images/groupe.jpg)\n")
    result, output = build_files(tmp_path, {"ateliers/essai.md": offer})
    assert result.returncode == 0, output
    page = Site(tmp_path / "output").soup("/ateliers/essai/")
    assert page.select_one("main picture img")["alt"] == "Le groupe au travail"
    assert page.select_one('meta[property="og:image:alt"]')["content"] == "Le groupe"


# What an editor may get wrong: (body of content/ressources/x.md, the line
# named, what the message says). Files: ok.jpg, broken.jpg (truncated),
# texte.jpg (not a picture), anime.gif (a GIF).
MISTAKES = {
    "fichier absent": ("![Une photo](/images/absente.jpg)\n", 7, "le fichier content/images/absente.jpg n'existe pas"),
    "casse du nom": ("![Une photo](/images/OK.jpg)\n", 7, "il existe images/ok.jpg"),
    "fichier tronqué": ("Texte.\n\n![Une photo](/images/broken.jpg)\n", 9, "ne peut pas être lu comme une image"),
    "pas une image": ("![Une photo](/images/texte.jpg)\n", 7, "ne peut pas être lu comme une image"),
    "format non pris en charge": ("![Une photo](/images/anime.gif)\n", 7, "le format GIF n'est pas pris en charge"),
    "alt vide en Markdown": ("![](/images/ok.jpg)\n", 7, "le texte de remplacement de l'image est vide"),
    "alt vide en HTML": ('<img src="/images/ok.jpg" alt="">\n', 7, "le texte de remplacement de l'image est vide"),
    "sans alt en HTML": ('Texte.\n\n<img src="/images/ok.jpg">\n', 9, "l'image n'a pas de texte de remplacement"),
    "hors de content": ("![Une photo](../../secret.jpg)\n", 7, "l'image doit être dans le dossier content/"),
    "champ image sans alt": ("Texte.\n", 5, "champ « Image de partage (image) » : l'image de partage doit avoir "
                                             "son chemin (src) et ce qu'elle montre (alt). Écrivez en dessous"),
    "champ image absent": ("Texte.\n", 5, "champ « Image de partage (image) » : le fichier "
                                           "content/images/nulle-part.jpg n'existe pas"),
}
FRONT = {"champ image sans alt": "image:\n  src: /images/ok.jpg\n",
         "champ image absent": "image:\n  src: /images/nulle-part.jpg\n  alt: Rien\n"}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_each_mistake_is_named_in_french_with_file_and_line(tmp_path, mistake):
    body, line, says = MISTAKES[mistake]
    images = tmp_path / "content" / "images"
    photo(images / "ok.jpg", size=(400, 300))
    data = photo(tmp_path / "broken.jpg", size=(800, 600)).read_bytes()
    (images / "broken.jpg").write_bytes(data[: len(data) // 2])
    (images / "texte.jpg").write_text("pas une image", encoding="utf-8")
    Image.new("P", (20, 20)).save(images / "anime.gif")
    photo(tmp_path / "secret.jpg", size=(40, 30))
    result, output = build_files(tmp_path, {"ressources/x.md": article(body, front=FRONT.get(mistake, ""))})
    assert result.returncode != 0
    assert f"content/ressources/x.md, ligne {line}" in output
    assert says in output
    assert "Traceback" not in output
    assert "1 problème à corriger" in output  # one mistake, one problem: no echo further down


PAGE = "---\ntitle: Une page\n---\n\nTexte.\n\n{}"
# A page template of another theme that shows an image of its own before the
# text: the text's first picture, published to load at once, is not the first.
BANNER = ('{% extends "base.html" %}{% block content %}<article>'
          '<img src="{{ SITEURL }}/theme/favicon.svg" alt="Bandeau" width="32" height="32">'
          "{{ page.content|safe }}</article>{% endblock %}\n")
# A picture problem in a document's text: (file under content/, its text, the
# line of the picture, what the report says, settings of the build, the
# theme's page.html replaced by). Every report names that file and line,
# never the theme's template.
IN_THE_TEXT = {
    "page, fichier absent": ("pages/x.md", PAGE.format("![Texte](/images/absente.jpg)\n"), 7,
                             "le fichier content/images/absente.jpg n'existe pas", {}, None),
    "page, {static} qui n'est pas une image": ("pages/x.md", PAGE.format("![Texte]({static}/images/texte.jpg)\n"), 7,
                                               "ne peut pas être lu comme une image", {}, None),
    "page, adresse déjà montrée en code": (
        "pages/x.md", PAGE.format("Écrivez `![Texte](/images/absente.jpg)` :\n\n```\n![Texte](/images/absente.jpg)\n"
                                  "```\n\n![Texte](/images/absente.jpg)\n"), 13,
        "content/images/absente.jpg n'existe pas", {}, None),
    "article, trop lourde": ("ressources/x.md", article("Texte.\n\n![Texte](/images/ok.jpg)\n"), 9,
                             "plus que les 0,01 Mo acceptés", {"PICTURES_MAX_BYTES": 10_000}, None),
    "article, <img> sans texte": ("ressources/x.md", article('<img src="{static}/images/ok.jpg">\n'), 7,
                                  "l'image n'a pas de texte de remplacement", {}, None),
    "page, vérifiée une fois construite": ("pages/x.md", PAGE.format("![Texte](/images/ok.jpg)\n"), 7,
                                           "lien « /images/ok.jpg » (page /x/)", {}, BANNER),
}


@pytest.mark.parametrize("case", IN_THE_TEXT)
def test_a_picture_problem_in_the_text_is_placed_at_its_file_and_line(tmp_path, case):
    name, text, line, says, settings, page_template = IN_THE_TEXT[case]
    images = tmp_path / "content" / "images"
    photo(images / "ok.jpg", size=(400, 300))
    (images / "texte.jpg").write_text("pas une image", encoding="utf-8")
    report = tmp_path / "problemes.json"
    settings = {**settings, "PROBLEMS_FILE": str(report)}
    if page_template:
        (tmp_path / "theme" / "page.html").parent.mkdir()
        (tmp_path / "theme" / "page.html").write_text(page_template, encoding="utf-8")
        settings["THEME_TEMPLATES_OVERRIDES"] = [str(tmp_path / "theme")]
    result, output = build_files(tmp_path, {name: text},
                                 options=["-e", *(f"{key}={json.dumps(value)}" for key, value in settings.items())])
    assert result.returncode != 0
    assert f"content/{name}, ligne {line} : " in output and says in output, output
    for template in ("gabarit", "modèle du thème", "theme/templates", "page.html"):
        assert template not in output, output
    # What every other report is made of (GitHub, the preview's page, /admin/'s banner): the same file and line.
    problems = json.loads(report.read_text(encoding="utf-8"))
    assert problems and {(problem["file"], problem["line"]) for problem in problems} == {(f"content/{name}", line)}


def test_pages_with_pictures_are_valid_html_and_accessible(fixture_site, browser):
    """What `make check` asks of a page, asked of the page with pictures."""
    from site_checks.accessibility import site_context, violations
    from site_checks.html_validity import html_errors

    site = fixture_site["site"]
    assert html_errors(site.root) == []
    context, origin = site_context(browser, site.root)
    page = context.new_page()
    page.goto(origin + "/ressources/photos/")
    try:
        assert violations(page) == []
    finally:
        context.close()


def test_a_decorative_picture_has_an_empty_text(fixture_site):
    decorative = pictures_of(fixture_site["site"], "/ressources/photos/")[3].img
    assert decorative["alt"] == ""


def test_images_of_other_hosts_and_of_the_theme_are_left_alone():
    from pictures.markup import find_images

    from core.site import is_local

    html = ('<img src="https://exemple.org/a.jpg" alt="a"><img src="/theme/logo.svg" alt="b"><img src="x.jpg" alt="c">'
            '<img src="{static}/images/y.jpg" alt="d"><img src="data:image/png;base64,AA" alt="e">')
    assert [is_local(tag.attributes["src"]) for tag in find_images(html)] == [False, False, True, True, False]


def test_widths_are_never_wider_than_the_original():
    from pictures.source import Original
    from pictures.variants import widths_for

    def original(width):
        return Original(None, "images/x.jpg", "0" * 20, width, width, "JPEG", False)

    assert widths_for(original(4000), [360, 720, 1440]) == [360, 720, 1440]
    assert widths_for(original(800), [360, 720, 1440]) == [360, 720, 800]
    assert widths_for(original(200), [360, 720, 1440]) == [200]


@pytest.fixture
def phone_and_desktop_site(tmp_path):
    """One 4,000 × 3,000 photo in an article, built and served."""
    photo(tmp_path / "content" / "images" / "grande.jpg", size=(4000, 3000))
    body = "Un paragraphe.\n\n![Une grande photo](/images/grande.jpg)\n"
    result, output = build_files(tmp_path, {"ressources/grande.md": article(body)})
    assert result.returncode == 0, output
    with served(tmp_path / "output") as url:
        yield url


def fetched_picture_bytes(browser, url, width):
    """The bytes Chromium fetches for the article's picture at a viewport width."""
    context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
    page = context.new_page()
    sizes = {}

    def measure(response):
        if "/images/" in response.url:
            sizes[response.url] = len(response.body())

    page.on("response", measure)
    page.goto(url + "/ressources/grande/", wait_until="networkidle")
    page.locator("main picture img").scroll_into_view_if_needed()
    wait_in_page(page, "document.querySelector('main picture img').complete")
    page.wait_for_load_state("networkidle")
    context.close()
    return sizes


def test_a_phone_fetches_a_smaller_picture_than_a_desktop(browser, phone_and_desktop_site):
    phone = fetched_picture_bytes(browser, phone_and_desktop_site, 375)
    desktop = fetched_picture_bytes(browser, phone_and_desktop_site, 1280)
    print(f"\nOctets par image : 375 px {phone} ; 1280 px {desktop}")
    assert len(phone) == 1 and len(desktop) == 1
    assert sum(phone.values()) < sum(desktop.values())
    assert all(name.endswith(".avif") for name in [*phone, *desktop])


def guide_examples():
    """The Markdown and YAML examples of the guide's section on pictures
    (test_guide_examples.py builds every example of the guide)."""
    from test_guide_examples import guide_blocks

    blocks = guide_blocks(section="Les images")
    return [text for _, kind, text in blocks if kind == "markdown"], [text for _, kind, text in blocks if kind == "yaml"]


def test_the_guide_examples_build(tmp_path):
    """What the guide tells editors to write builds, decorative image included."""
    bodies, fronts = guide_examples()
    assert len(bodies) >= 2 and fronts
    for name in set(re.findall(r"/images/([\w.-]+)", "".join(bodies + fronts))):
        photo(tmp_path / "content" / "images" / name, size=(1200, 800), kind="PNG" if name.endswith(".png") else "JPEG")
    files = {"ressources/guide.md": article("\n".join(bodies), front=fronts[0])}
    result, output = build_files(tmp_path, files)
    assert result.returncode == 0, output
    page = Site(tmp_path / "output").soup("/ressources/guide/")
    alts = [picture.img["alt"] for picture in page.select("main picture")]
    assert len(alts) == len(bodies) and "" in alts
    assert page.select_one('meta[property="og:image:alt"]')["content"]


def test_a_picture_published_with_its_metadata_stops_the_build(tmp_path):
    """The site check catches a picture published some other way with its
    GPS position: here content/images copied as it is (STATIC_PATHS)."""
    photo(tmp_path / "content" / "images" / "original.jpg", size=(200, 150), gps=True)
    write_content(tmp_path / "content", {})
    result = pelican_build(tmp_path / "content", tmp_path / "output", options=["-e", 'STATIC_PATHS=["images"]'])
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "fichier /images/original.jpg : l'image publiée contient encore ses métadonnées EXIF" in output


def test_pictures_under_a_sub_path_siteurl_lead_to_their_files(tmp_path):
    """Published under https://exemple.github.io/site (GitHub Pages), a
    picture written `/images/…` or `{static}/images/…` has URLs under that
    sub-path, each naming a file of the built site."""
    siteurl = "https://exemple.github.io/site"
    photo(tmp_path / "content" / "images" / "atelier.jpg", size=(900, 600))
    body = "![Le groupe](/images/atelier.jpg)\n\n![La salle]({static}/images/atelier.jpg)\n"
    write_content(tmp_path / "content", {"ressources/photos.md": article(body)})
    result = pelican_build(tmp_path / "content", tmp_path / "output", settings="publishconf.py", env={"SITEURL": siteurl})
    assert result.returncode == 0, result.stdout + result.stderr
    page = Site(tmp_path / "output").soup("/ressources/photos/")
    urls = [url for picture in page.select("main picture") for source in [picture.img, *picture.select("source")]
            for url in [*re.findall(r"(\S+) \d+w", source["srcset"]), source.get("src")] if url]
    assert len(urls) > 8
    for url in urls:
        assert url.startswith(siteurl + "/images/atelier."), url
        assert (tmp_path / "output" / url.removeprefix(siteurl + "/")).is_file(), url


PREVIEW_CACHE = ["-e", "LOAD_CONTENT_CACHE=true", "CACHE_CONTENT=true", 'CONTENT_CACHING_LAYER="reader"']


def test_the_preview_reader_cache_keeps_pictures_and_mistakes(tmp_path):
    """With Pelican's reader cache (the preview's), a page read from the
    cache still publishes its pictures, and a mistake is said on every build,
    not only the first."""
    options = [*PREVIEW_CACHE, f'CACHE_PATH="{tmp_path / "cache"}"']
    photo(tmp_path / "content" / "images" / "ok.jpg", size=(600, 400))
    files = {"ressources/bon.md": article("![Une photo](/images/ok.jpg)\n"),
             "ressources/faux.md": article("![Une photo](/images/absente.jpg)\n")}
    write_content(tmp_path / "content", files)
    for _ in range(2):
        result = pelican_build(tmp_path / "content", tmp_path / "output", options=options)
        assert result.returncode != 0
        assert "content/ressources/faux.md, ligne 7" in result.stdout + result.stderr
    (tmp_path / "content" / "ressources" / "faux.md").unlink()
    for _ in range(2):
        shutil.rmtree(tmp_path / "output", ignore_errors=True)
        result = pelican_build(tmp_path / "content", tmp_path / "output", options=options)
        assert result.returncode == 0, result.stdout + result.stderr
        picture = Site(tmp_path / "output").soup("/ressources/bon/").select_one("main picture img")
        assert (tmp_path / "output" / picture["src"].lstrip("/")).is_file()


@pytest.mark.parametrize("order", list(itertools.permutations(["pictures", "yaml_front_matter", "html_allowlist"])),
                         ids=" ".join)
def test_the_readers_wrap_whatever_the_order_of_the_plugins(tmp_path, order):
    """Three plugins replace or wrap the Markdown reader at readers_init,
    whose receivers run in no fixed order: either way, the page keeps its
    front matter, gets its pictures, and has its HTML checked as written."""
    from types import SimpleNamespace

    from html_allowlist.reader import wrap_readers as check_html
    from pelican.readers import HTMLReader, MarkdownReader
    from pelican.settings import DEFAULT_CONFIG
    from pictures import DEFAULTS
    from pictures.reader import wrap_readers

    from yaml_front_matter import use_yaml_reader

    receivers = {"pictures": wrap_readers, "yaml_front_matter": use_yaml_reader, "html_allowlist": check_html}
    readers = SimpleNamespace(reader_classes={"md": MarkdownReader, "html": HTMLReader})
    for name in order:
        receivers[name](readers)
    content = tmp_path / "content"
    photo(content / "images" / "ok.jpg", size=(400, 300))
    page = content / "x.md"
    page.write_text(article('![Une photo](/images/ok.jpg)\n\n<p onclick="alert(1)">x</p>\n'), encoding="utf-8")
    settings = {**DEFAULT_CONFIG, **DEFAULTS, "PATH": str(content), "PICTURES_CACHE_PATH": str(tmp_path / "cache")}
    html, metadata = readers.reader_classes["md"](settings).read(str(page))
    assert metadata["front_matter"].data["title"] == "Des photos"
    assert "<picture>" in html and len(metadata["pictures"]) == 1
    assert ["« onclick »" in problem for problem in metadata["html_problems"]] == [True]
    assert readers.reader_classes["md"].__name__ == "YamlMarkdownReader"


def test_a_picture_changed_under_a_cached_page_is_not_published_stale(tmp_path):
    """Pelican's reader cache knows a page by its own file: a picture
    replaced under the same name stops a cached build with what to do,
    and the preview reads every page again when a picture changes."""
    from live_preview import is_page

    content = tmp_path / "content"
    assert is_page(content / "ressources" / "x.md", content.resolve())
    assert not is_page(content / "images" / "ok.jpg", content.resolve())
    options = [*PREVIEW_CACHE, f'CACHE_PATH="{tmp_path / "cache"}"']
    photo(content / "images" / "ok.jpg", size=(600, 400))
    write_content(content, {"ressources/bon.md": article("![Une photo](/images/ok.jpg)\n")})
    assert pelican_build(content, tmp_path / "output", options=options).returncode == 0
    photo(content / "images" / "ok.jpg", size=(500, 400))
    result = pelican_build(content, tmp_path / "output", options=options)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "content/ressources/bon.md, ligne 7 : l'image content/images/ok.jpg a changé" in output
    assert "make clean" in output


def test_a_cut_picture_is_refused_even_after_weasyprint_is_imported(tmp_path):
    """WeasyPrint turns Pillow's LOAD_TRUNCATED_IMAGES on when imported (the
    preview imports it once); the programmes' renderer turns it off again."""
    import programme_pdf.render  # noqa: F401
    from pictures import encode_all
    from pictures.source import inspect
    from pictures.variants import plan

    broken = inspect(photo(tmp_path / "c.jpg", size=(800, 600)), tmp_path, 10**8, 10**8)
    broken.path.write_bytes(broken.path.read_bytes()[:2000])
    assert encode_all([(broken, plan(broken, [360], ["webp"]), tmp_path / "cache")], 1) == [None]


@pytest.mark.parametrize("workers", [1, 2])
def test_pictures_are_encoded_in_processes_or_in_turn_alike(tmp_path, workers):
    """Jobs are plain data: the same counts in worker processes as in turn,
    and a file that breaks while encoding is reported, not raised."""
    from pictures import encode_all
    from pictures.source import inspect
    from pictures.variants import plan

    good = [inspect(photo(tmp_path / f"{name}.jpg", size=(800, 600)), tmp_path, 10**8, 10**8) for name in "ab"]
    broken = inspect(photo(tmp_path / "c.jpg", size=(800, 600)), tmp_path, 10**8, 10**8)
    broken.path.write_bytes(broken.path.read_bytes()[:2000])
    jobs = [(original, plan(original, [360, 720], ["webp"]), tmp_path / "cache") for original in [*good, broken]]
    assert encode_all(jobs, workers) == [4, 4, None]
    assert len(list((tmp_path / "cache").rglob("*.webp"))) == 4


# -- Any file name, any colour space ---------------------------------------------
# (the file's path under content/images/, how the page writes it): every
# picture is published under a name of letters, digits and « -._ », so its
# URLs need no escaping in src and srcset, where a space or a comma splits.
NAMES = {
    "espace et accent": ("Photo Été.JPG", "/images/Photo Été.JPG"),
    "écrit encodé": ("Photo Été.JPG", "/images/Photo%20%C3%89t%C3%A9.JPG"),
    "virgule et parenthèses": ("atelier, groupe (2).jpg", "/images/atelier, groupe (2).jpg"),
    "apostrophe et esperluette": ("l’équipe & co.png", "/images/l’équipe & co.png"),
    "pour cent": ("100 % réel.jpg", "/images/100 % réel.jpg"),
    "dossier avec espace": ("Mes photos/été 2025.jpg", "/images/Mes photos/été 2025.jpg"),
    "relatif au texte": ("Photo Été.JPG", "../images/Photo Été.JPG"),
}


def candidates(srcset):
    """(URL, width) of each candidate of a srcset, as a browser splits it."""
    pairs = [candidate.strip().split(" ") for candidate in srcset.split(", ")]
    assert all(len(pair) == 2 and re.fullmatch(r"\d+w", pair[1]) for pair in pairs), srcset
    return [(url, int(width[:-1])) for url, width in pairs]


@pytest.mark.parametrize("case", NAMES)
def test_a_picture_with_any_file_name_is_published_with_urls_that_work(tmp_path, case):
    from urllib.parse import unquote

    name, written = NAMES[case]
    photo(tmp_path / "content" / "images" / name, size=(800, 600), kind="PNG" if name.endswith(".png") else "JPEG")
    result, output = build_files(tmp_path, {"ressources/x.md": article(f"![Le groupe]({written})\n")})
    assert result.returncode == 0, output
    picture = Site(tmp_path / "output").soup("/ressources/x/").select_one("main picture")
    urls = [picture.img["src"]]
    for element in [picture.img, *picture.select("source")]:
        for url, width in candidates(element["srcset"]):
            urls.append(url)
            with Image.open(tmp_path / "output" / unquote(url).lstrip("/")) as image:
                assert image.width == width
    for url in urls:
        assert re.fullmatch(r"/images/[A-Za-z0-9/._-]+", url), url
        assert (tmp_path / "output" / url.lstrip("/")).is_file(), url


def colour_profile_photo(path, mode, profile):
    """A flat picture of one colour: pure cyan in CMYK, or the same cyan in RGB."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new(mode, (400, 300), (255, 0, 0, 0) if mode == "CMYK" else (0, 255, 255))
    options = {"icc_profile": profile} if profile else {}
    image.save(path, "JPEG", quality=95, **options)


def srgb_profile():
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


# (mode of the JPEG, its embedded profile): no CMYK profile is installed on
# the machine, so a CMYK file is tried without one, and with a profile that
# does not fit it (an RGB one), which must not stop the build either.
COLOURS = {
    "CMJN sans profil": ("CMYK", None),
    "CMJN avec un profil qui ne lui va pas": ("CMYK", "srgb"),
    "RVB avec profil sRGB": ("RGB", "srgb"),
    "RVB sans profil": ("RGB", None),
}


@pytest.mark.parametrize("case", COLOURS)
def test_colours_are_published_in_srgb_without_any_profile(tmp_path, case):
    mode, profile = COLOURS[case]
    colour_profile_photo(tmp_path / "content" / "images" / "cyan.jpg", mode, srgb_profile() if profile else None)
    with Image.open(tmp_path / "content" / "images" / "cyan.jpg") as original:
        assert original.mode == mode and bool(original.info.get("icc_profile")) == bool(profile)
    result, output = build_files(tmp_path, {"ressources/x.md": article("![Un aplat cyan](/images/cyan.jpg)\n")})
    assert result.returncode == 0, output
    published = sorted((tmp_path / "output" / "images").iterdir())
    assert len(published) == 6  # 360, 400 in AVIF, WebP and JPEG
    for path in published:
        with Image.open(path) as image:
            assert image.mode == "RGB", path.name
            assert "icc_profile" not in image.info, path.name
            red, green, blue = image.convert("RGB").getpixel((200, 150))
            assert red < 40 and green > 215 and blue > 215, (path.name, red, green, blue)
