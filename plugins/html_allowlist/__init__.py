"""Only the HTML editors need reaches a page, and every page says so to the
browser: an allow-list for the HTML of each page's text, and a
Content-Security-Policy (with a Referrer-Policy) in every page's head.

The allow-list (policy.py) is checked by nh3 on the HTML each reader returns
(reader.py): raw HTML in Markdown and what Markdown itself makes (a link
[clic](javascript:…), an attribute {: onclick=…}). Anything outside it stops
the build with one French line per problem (messages.py): the file, the
line, why and the fix; nothing is stripped in silence. The policies (csp.py)
are made from the settings at start-up and given to the theme, whose
base.html writes them; /admin/ gets its own, written into its page.

Pelican's signals: `initialized` (settings checked, the policies made),
`readers_init` (each reader wrapped to check the HTML it makes),
`get_generators` (the generator that reports the problems), `finalized`
(the policy of /admin/ written into its page).
"""

import logging

from pelican import signals

from core.build import fail
from core.plugins import adds, apply_defaults, require

from .csp import DEFAULTS, admin_policy, page_policies, write_admin_policy
from .policy import settings_problems
from .reader import wrap_readers

__all__ = ["DEFAULTS", "register"]

logger = logging.getLogger(__name__)


def start(pelican):
    """Check the settings; give the theme its policies (CSP_BY_TEMPLATE)."""
    require(pelican.settings, "html_allowlist", "strict_build")
    apply_defaults(pelican.settings, DEFAULTS)
    fail(settings_problems(pelican.settings))
    pelican.settings["CSP_BY_TEMPLATE"] = page_policies(pelican.settings)


class HtmlProblems:
    """A generator that writes nothing: when its turn comes, every page and
    article has been read, and the problems of those to be published are
    logged as errors, which strict_build reports with every other problem
    of the build, before anything is written."""

    def __init__(self, context, settings, path, theme, output_path, **_):
        self.context = context

    def generate_context(self):
        for content in self.context["generated_content"].values():
            if content is not None and content.status in ("published", "hidden"):  # None: a file that failed
                for problem in content.metadata.get("html_problems", ()):
                    logger.error("%s", problem)

    def generate_output(self, writer):
        pass


add_generator = adds(HtmlProblems)


def admin(pelican):
    write_admin_policy(pelican.output_path, admin_policy(pelican.settings), pelican.settings["CSP_ADMIN_PAGE"])


def register():
    signals.initialized.connect(start)
    signals.readers_init.connect(wrap_readers)
    signals.get_generators.connect(add_generator)
    signals.finalized.connect(admin)
