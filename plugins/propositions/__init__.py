"""Proposition lists: the offers a page names in `propositions` (by slug),
shown as links with their summary and two key facts; on every offer page,
« Autres ateliers » (its own propositions, or the other offers in order).

Slugs are resolved once every page and article is read, before anything is
written; an unknown slug stops the build with « vous vouliez dire ».

Pelican's signals: `initialized` (settings' defaults), `get_generators` (the
generator that resolves the propositions once everything is read).
"""

from pelican import signals

from core.plugins import adds, apply_defaults, require

from .attach import attach_propositions
from .resolve import others, resolve

__all__ = ["Propositions", "attach_propositions", "others", "register", "resolve"]

DEFAULTS = {
    # How many other offers an offer page suggests when it names none.
    "PROPOSITIONS_DEFAULT_COUNT": 4,
}


class Propositions:
    """A generator that writes nothing: Pelican gives generators a fixed
    turn, after the pages and articles are read (and the offers checked) and
    before the build's check; receivers of one signal run in no fixed order."""

    def __init__(self, context, settings, **_):
        self.context, self.settings = context, settings

    def generate_context(self):
        attach_propositions(self.context, self.settings)


def set_defaults(pelican):
    require(pelican.settings, "propositions", "offers", "yaml_front_matter", "strict_build")
    apply_defaults(pelican.settings, DEFAULTS)


add_generator = adds(Propositions)


def register():
    signals.initialized.connect(set_defaults)
    signals.get_generators.connect(add_generator)
