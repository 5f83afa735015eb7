"""One place for each setting: its default in the plugin that reads it
(module-level DEFAULTS, set on `initialized` by core.plugins.apply_defaults),
and in pelicanconf.py only what this site chooses otherwise."""

import importlib
import re

import pytest
from pelican.settings import DEFAULT_CONFIG

import core.plugins
import pelicanconf
from conftest import FIXTURE_CONTENT, ROOT, pelican_build

# Settings pelicanconf.py owns, with no default in a plugin: ALLOWED_HOSTS,
# which the build's messages and the guide send editors to.
SITE_OWNED = {"ALLOWED_HOSTS"}
# The réglages, which plugins/reglages reads from the content folder built
# (its reglages.yml), not from the settings file (unless given with -e).
FROM_REGLAGES = {"ORGANISATION", "HOST", "APPEARANCE", "APPEARANCE_FOLDER"}
# Pelican's own settings that its DEFAULT_CONFIG does not list (its documentation does).
PELICAN_OWN = {*DEFAULT_CONFIG, "TIMEZONE", "SITESUBTITLE", "MENUITEMS", "INDEX_URL", "CATEGORIES_SAVE_AS",
               "TAGS_SAVE_AS", "AUTHORS_SAVE_AS", "ARCHIVES_SAVE_AS"}
# Settings a plugin sets for the theme and other plugins (not read from the settings file).
COMPUTED = {"CSP_BY_TEMPLATE", "IDENTITY_CSS", "IDENTITY_STYLESHEET", "IDENTITY_LOGO"}
# A setting read by name: settings["NAME"], settings.get("NAME"…), settings['NAME'].
READ = re.compile(r"""settings(?:\[|\.get\()\s*["']([A-Z][A-Z0-9_]+)["']""")
# A default written where a setting is read: settings.get("NAME", something).
INLINE_DEFAULT = re.compile(r"""settings\.get\(\s*["']([A-Z][A-Z0-9_]+)["']\s*,""")


def plugin_modules():
    return [importlib.import_module(name) for name in pelicanconf.PLUGINS]


def defaults_by_owner():
    """{owner: DEFAULTS} for core/plugins.py and every plugin that has some."""
    owners = {"core.plugins": core.plugins.DEFAULTS}
    owners.update({module.__name__: module.DEFAULTS for module in plugin_modules() if hasattr(module, "DEFAULTS")})
    return owners


def all_defaults():
    return {name: value for defaults in defaults_by_owner().values() for name, value in defaults.items()}


def sources():
    return sorted([*(ROOT / "plugins").rglob("*.py"), *(ROOT / "core").rglob("*.py")])


def read_settings_by_file():
    """{setting: first file that reads it}, from the plugins' and core's sources."""
    found = {}
    for path in sources():
        for name in READ.findall(path.read_text(encoding="utf-8")):
            found.setdefault(name, path.relative_to(ROOT).as_posix())
    return found


def test_each_default_has_one_owner():
    seen = {}
    for owner, defaults in defaults_by_owner().items():
        for name in defaults:
            assert name not in seen, f"{name} a deux valeurs par défaut : {seen.get(name)} et {owner}"
            seen[name] = owner


def test_pelicanconf_repeats_no_default():
    """A value equal to a plugin's default is not written again in pelicanconf.py."""
    defaults = all_defaults()
    repeated = [name for name, value in vars(pelicanconf).items()
                if name in defaults and value == defaults[name]]
    assert repeated == []


def test_site_owned_settings_are_set_by_pelicanconf_only():
    assert SITE_OWNED <= set(vars(pelicanconf))
    assert SITE_OWNED.isdisjoint(all_defaults())


def test_the_reglages_are_not_in_the_settings_file():
    """They follow the content folder built: pelicanconf.py sets none of
    them, nor the site's name (the organisation's)."""
    assert FROM_REGLAGES.isdisjoint(vars(pelicanconf)) and "SITENAME" not in vars(pelicanconf)
    assert FROM_REGLAGES.isdisjoint(all_defaults())


def test_every_setting_read_has_a_default():
    """A setting a plugin or core reads by name has a default: a plugin's,
    Pelican's own, or pelicanconf.py's for those it owns."""
    known = {*all_defaults(), *PELICAN_OWN, *SITE_OWNED, *FROM_REGLAGES, *COMPUTED}
    missing = {name: path for name, path in read_settings_by_file().items() if name not in known}
    assert missing == {}


def test_the_scan_finds_what_plugins_read():
    """The table above is not empty by mistake: it holds settings read with
    both forms, by a plugin and by core."""
    found = read_settings_by_file()
    assert {"OFFERS_UNIT_LABELS", "COMPARISON_CRITERIA", "ALLOWED_HOSTS", "PROCESSES", "THEME_NEEDS"} <= set(found)


@pytest.mark.parametrize("path", sources(), ids=lambda path: path.relative_to(ROOT).as_posix())
def test_no_default_written_where_a_setting_is_read(path):
    """settings.get("NAME", value) for a setting with a DEFAULTS entry would be a second default."""
    defaults = all_defaults()
    assert [name for name in INLINE_DEFAULT.findall(path.read_text(encoding="utf-8")) if name in defaults] == []


def minimal_settings(folder):
    """A settings file with PATH, THEME, PLUGINS and PLUGIN_PATHS, Pelican's
    own settings of this site (where content/ is published: pages, URLs…):
    no setting of a plugin (the réglages come from the content folder's
    reglages.yml)."""
    pelicans = [name for name in vars(pelicanconf) if name in PELICAN_OWN]
    lines = [
        "import sys",
        f"sys.path.insert(0, {str(ROOT)!r})",
        f"from pelicanconf import {', '.join(pelicans)}",
        f"PATH = {str(FIXTURE_CONTENT)!r}",
        f"THEME = {str(ROOT / 'theme')!r}",
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]",
        f"PLUGINS = {pelicanconf.PLUGINS!r}",
    ]
    path = folder / "minimal.py"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_minimal_settings_name_no_plugin_setting(tmp_path):
    text = minimal_settings(tmp_path).read_text(encoding="utf-8")
    assert not [name for name in all_defaults() if re.search(rf"\b{name}\b", text)]


def test_the_defaults_are_enough_to_build(tmp_path):
    """The fixture content builds with no plugin setting at all."""
    settings = minimal_settings(tmp_path)
    result = pelican_build(FIXTURE_CONTENT, tmp_path / "output", settings=str(settings))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "output" / "ateliers" / "comparatif" / "index.html").is_file()
    assert list((tmp_path / "output" / "ateliers").glob("*.pdf"))


def test_a_plugin_default_reaches_the_build(tmp_path):
    """apply_defaults gives each setting its default, keeps a chosen value,
    and gives each build its own copy of a list."""
    settings = {"OFFERS_ON_HOME": 3}
    defaults = {"OFFERS_ON_HOME": 6, "THEME_NEEDS": ["offers"]}
    core.plugins.apply_defaults(settings, defaults)
    settings["THEME_NEEDS"].append("x")
    assert settings["OFFERS_ON_HOME"] == 3 and defaults["THEME_NEEDS"] == ["offers"]
