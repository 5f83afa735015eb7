"""Caches that check themselves (core/caches.py): whatever damage a kill, a
full disk or a clumsy hand does to a file of .cache/ (jinja, images,
apercu), the next build passes and publishes whole files; `make clean`
empties every cache and says so.

Each test damages a cache of its own, in a temporary folder: never the
working copy's .cache/, which other tests share.
"""

import gzip
import pickle
import shutil

import pytest
from jinja2 import DictLoader, Environment
from PIL import Image
from test_pictures import article, photo

import pelicanconf
import tasks
from conftest import ROOT, Site, build_files, invoke, pelican_build, write_content
from core.caches import CheckedBytecodeCache, drop_damaged_pickles, pickle_is_whole, read_checked, read_sealed, write_checked


def garbage(size):
    return bytes((index * 37 + 11) % 256 for index in range(size))


# How a cache file gets damaged: each row turns its bytes into what is left.
DAMAGE = {
    "tronqué": lambda data: data[: len(data) // 2],
    "vide": lambda data: b"",
    "illisible, même taille": lambda data: garbage(len(data)),
    "taille fausse": lambda data: data + garbage(64),
    "un octet changé": lambda data: data[:-1] + bytes([data[-1] ^ 0xFF]),
}


def damage(path, kind):
    path.write_bytes(DAMAGE[kind](path.read_bytes()))


# -- The entries themselves -----------------------------------------------------

@pytest.mark.parametrize("kind", DAMAGE)
def test_a_damaged_checked_file_reads_as_a_miss_and_is_removed(tmp_path, kind):
    path = tmp_path / "entrée"
    write_checked(path, b"des octets en cache" * 10)
    assert read_checked(path) == b"des octets en cache" * 10
    damage(path, kind)
    assert read_checked(path) is None
    assert not path.exists()


TEMPLATES = {"base.html": "<h1>{{ titre }}</h1>{% block corps %}{% endblock %}",
             "page.html": "{% extends 'base.html' %}{% block corps %}{% for x in liste %}<p>{{ x }}</p>{% endfor %}"
                          "{% endblock %}"}


@pytest.mark.parametrize("kind", DAMAGE)
def test_jinja_compiles_again_a_template_whose_cached_bytecode_is_damaged(tmp_path, kind):
    def render():
        environment = Environment(loader=DictLoader(TEMPLATES), bytecode_cache=CheckedBytecodeCache(tmp_path))
        return environment.get_template("page.html").render(titre="Titre", liste=["a", "b"])

    expected = render()
    files = sorted(tmp_path.glob("*.bytecode"))
    assert len(files) == 2
    for path in files:
        damage(path, kind)
    assert render() == expected
    assert all(read_checked(path) for path in files)  # written again, whole


def test_pelicanconf_gives_jinja_the_checked_cache():
    assert isinstance(pelicanconf.JINJA_ENVIRONMENT["bytecode_cache"], CheckedBytecodeCache)


def test_a_build_passes_with_every_cached_template_truncated(tmp_path):
    """The whole build, through pelicanconf.py's settings, with its Jinja
    cache in a folder of the test's own (before: UnpicklingError, blamed on
    an article, on every build)."""
    settings = tmp_path / "reglages_essai.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
                        "from core.caches import CheckedBytecodeCache\n"
                        "JINJA_ENVIRONMENT = {**JINJA_ENVIRONMENT, "
                        f"'bytecode_cache': CheckedBytecodeCache({str(tmp_path / 'jinja')!r})}}\n", encoding="utf-8")
    write_content(tmp_path / "content", {"ressources/a.md": article("Un texte.\n")})
    first = pelican_build(tmp_path / "content", tmp_path / "avant", settings=str(settings))
    assert first.returncode == 0, first.stdout + first.stderr
    cached = sorted((tmp_path / "jinja").glob("*.bytecode"))
    assert len(cached) > 5
    for path in cached:
        damage(path, "tronqué")
    second = pelican_build(tmp_path / "content", tmp_path / "apres", settings=str(settings))
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Traceback" not in second.stdout + second.stderr
    before, after = Site(tmp_path / "avant"), Site(tmp_path / "apres")
    assert [path.read_bytes() for path in before.html_files()] == [path.read_bytes() for path in after.html_files()]


# -- Pictures ------------------------------------------------------------------------

PICTURE_DAMAGE = {**DAMAGE,
                  "fichier absent": None, "empreinte absente": None, "empreinte illisible": None}


@pytest.fixture(scope="module")
def picture_site(tmp_path_factory):
    """A site with one picture, built once: its cache and published files."""
    root = tmp_path_factory.mktemp("images")
    photo(root / "content" / "images" / "atelier.jpg", size=(800, 600))
    result, output = build_files(root, {"ressources/photos.md": article("![Le groupe](/images/atelier.jpg)\n")})
    assert result.returncode == 0, output
    published = {path.relative_to(root / "output"): path.read_bytes()
                 for path in (root / "output" / "images").iterdir()}
    return root, published


@pytest.mark.parametrize("kind", PICTURE_DAMAGE)
def test_a_damaged_cached_picture_is_encoded_again_never_published_broken(tmp_path, picture_site, kind):
    root, published = picture_site
    shutil.copytree(root / "content", tmp_path / "content")
    shutil.copytree(root / ".cache", tmp_path / ".cache")
    variants = sorted(path for path in (tmp_path / ".cache" / "images").rglob("*") if path.suffix != ".sum"
                      and path.is_file())
    assert len(variants) == len(published) > 6
    for path in variants:
        record = path.with_name(path.name + ".sum")
        if kind == "fichier absent":
            path.unlink()
        elif kind == "empreinte absente":
            record.unlink()
        elif kind == "empreinte illisible":
            record.write_bytes(b"\xff n'importe quoi")
        else:
            damage(path, kind)
    result = pelican_build(tmp_path / "content", tmp_path / "output")
    assert result.returncode == 0, result.stdout + result.stderr
    again = {path.relative_to(tmp_path / "output"): path.read_bytes() for path in (tmp_path / "output" / "images").iterdir()}
    assert set(again) == set(published)
    for name, data in again.items():
        assert data == published[name], name  # what a build with a sound cache publishes
        with Image.open(tmp_path / "output" / name) as image:
            image.load()  # every pixel decodes: nothing truncated
    assert all(read_sealed(path) for path in variants)  # the cache is whole again


def test_a_picture_damaged_after_its_size_was_checked_is_encoded_again(tmp_path, picture_site):
    """Same size, other bytes: only the hash tells; the build still publishes the right files."""
    root, published = picture_site
    shutil.copytree(root / "content", tmp_path / "content")
    shutil.copytree(root / ".cache", tmp_path / ".cache")
    victim = next(path for path in (tmp_path / ".cache" / "images").rglob("*.jpg"))
    damage(victim, "illisible, même taille")
    result = pelican_build(tmp_path / "content", tmp_path / "output")
    assert result.returncode == 0, result.stdout + result.stderr
    for name, data in published.items():
        assert (tmp_path / "output" / name).read_bytes() == data, name
    assert read_sealed(victim) is not None  # encoded again, with its record


# -- The preview's content cache (Pelican's) -----------------------------------------

@pytest.mark.parametrize("kind", DAMAGE)
def test_pelican_cache_files_that_are_not_whole_pickles_are_found(tmp_path, kind):
    data = gzip.compress(pickle.dumps({"content/a.md": ("<p>Texte</p>", {"title": "A"})}))
    plain = pickle.dumps({"page": ["liens"]}, protocol=pickle.HIGHEST_PROTOCOL)  # as links.pickle is written
    for name, whole in [("ArticlesGenerator-Readers", data), ("links.pickle", plain)]:
        (tmp_path / name).write_bytes(DAMAGE[kind](whole))
    (tmp_path / "PagesGenerator-Readers").write_bytes(data)
    assert pickle_is_whole(tmp_path / "PagesGenerator-Readers")
    assert drop_damaged_pickles(tmp_path) == [tmp_path / "ArticlesGenerator-Readers", tmp_path / "links.pickle"]
    assert [path.name for path in tmp_path.iterdir()] == ["PagesGenerator-Readers"]


@pytest.mark.parametrize("kind", ["tronqué", "vide", "illisible, même taille"])
def test_the_preview_builds_again_after_its_cache_was_cut_by_a_kill(tmp_path, kind):
    """`invoke build --cache` is the preview's build: a Pelican cache file
    cut by a kill used to stop every cached build (EOFError) until deleted."""
    content, output = tmp_path / "content", tmp_path / "output"
    write_content(content, {"ressources/a.md": article("Un texte.\n")})
    cache = tasks.preview_cache_for(content)
    try:
        assert invoke("build", "--cache", "--content", str(content), "--output", str(output)).returncode == 0
        files = [cache / "ArticlesGenerator-Readers", cache / "PagesGenerator-Readers"]
        assert all(path.is_file() for path in files)
        for path in files:
            damage(path, kind)
        result = invoke("build", "--cache", "--content", str(content), "--output", str(output))
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        assert "Cache de l’aperçu : 2 fichiers abîmés supprimés" in result.stderr
        assert (output / "ressources" / "a" / "index.html").is_file()
        assert all(pickle_is_whole(path) for path in files)  # written again by the build
    finally:
        shutil.rmtree(cache, ignore_errors=True)


# -- make clean ----------------------------------------------------------------------

def test_make_clean_empties_every_cache_and_says_so(tmp_path):
    for name in ["jinja/a.bytecode", "images/abc/360.jpg", "apercu/123/PagesGenerator-Readers",
                 "liens-externes.json", "output/index.html", "output.old-1-2/index.html", "output.trash-1-2/x",
                 "output.staging/x", "content/pages/a.md"]:
        folder = tmp_path / (name if name.startswith(("output", "content")) else f".cache/{name}")
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.write_text("x", encoding="utf-8")
    said = tasks.clean_folder(tmp_path, "output")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["content"]
    assert said == ("Nettoyé : le site construit (output/) supprimé ; "
                    "caches vidés : apercu, images, jinja, liens-externes.json (.cache/).")
    assert tasks.clean_folder(tmp_path, "output").endswith("aucun cache à vider (.cache/).")
