"""Which plugins a build runs, and how one says at start-up that it needs another.

A plugin never imports another: what they share is in core/. When one
needs another at work beside it (offers needs yaml_front_matter's reader and
strict_build's report), it calls `require()` on Pelican's `initialized`, and
the build stops at once, in French, naming what to add to PLUGINS.
`adds()` is the receiver a plugin gives Pelican's `get_generators` signal.

Settings: each has its default in one place, the module-level DEFAULTS of
the plugin that reads it (or of this module, for PROCESSES), set with
`apply_defaults()` on `initialized`; pelicanconf.py gives only what the site
chooses otherwise (tests/test_settings.py checks both).
"""

import copy
import os

# PROCESSES: how many processes plugins work in; None, the cores this process may use.
DEFAULTS = {"PROCESSES": None}


def apply_defaults(settings, defaults):
    """Give each setting its default unless the settings file chose a value;
    a copy, so that a build that changes a list changes no other build's."""
    for name, value in defaults.items():
        settings.setdefault(name, copy.deepcopy(value))


def plugin_names(settings):
    """The names of the plugins in PLUGINS (a name, or the module itself)."""
    return {getattr(plugin, "__name__", str(plugin)).rsplit(".", 1)[-1] for plugin in settings.get("PLUGINS") or []}


def require(settings, plugin, *needed):
    """Stop at start-up, in French, when `plugin` runs without a plugin it needs."""
    missing = [name for name in needed if name not in plugin_names(settings)]
    if missing:
        names = " et ".join(f"« {name} »" for name in missing)
        who = plugin if plugin == "le thème" else f"l'extension « {plugin} »"
        raise SystemExit(
            f"La construction ne peut pas commencer : {who} a besoin de l'extension {names}. "
            f"Ajoutez-{'la' if len(missing) == 1 else 'les'} à PLUGINS dans pelicanconf.py."
        )


def adds(generator):
    """A receiver for Pelican's `get_generators` signal that adds the class
    `generator` to the build. Keep it under a name in the plugin's module:
    Pelican's signals hold their receivers weakly, and connecting the same
    function again (a second build in one process) does not add it twice."""

    def add_generator(pelican):
        return generator

    return add_generator


def workers(settings):
    """How many processes a plugin may run its work in: PROCESSES, or the
    cores this process may use (its affinity, which a container or `taskset`
    narrows; os.cpu_count() would count the whole machine's). One count for
    every plugin, so that PROCESSES = 1 means in turn everywhere."""
    return max(1, int(settings.get("PROCESSES") or len(os.sched_getaffinity(0))))
