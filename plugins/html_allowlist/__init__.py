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
"""

from pelican import signals

from strict_build import fail, require

from .csp import DEFAULTS, admin_policy, page_policies, write_admin_policy
from .policy import settings_problems
from .reader import wrap_readers

__all__ = ["register"]


def start(pelican):
    """Check the settings; give the theme its policies (CSP_BY_TEMPLATE)."""
    require(pelican.settings, "html_allowlist", "strict_build")
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)
    fail(settings_problems(pelican.settings))
    pelican.settings["CSP_BY_TEMPLATE"] = page_policies(pelican.settings)


def report(generators):
    """Stop before anything is written when a published page holds HTML
    outside the list."""
    contents = generators[0].context["generated_content"].values()
    fail([problem for content in contents if content is not None and content.status in ("published", "hidden")
          for problem in content.metadata.get("html_problems", ())])


def admin(pelican):
    write_admin_policy(pelican.output_path, admin_policy(pelican.settings), pelican.settings["CSP_ADMIN_PAGE"])


def register():
    signals.initialized.connect(start)
    signals.readers_init.connect(wrap_readers)
    signals.all_generators_finalized.connect(report)
    signals.finalized.connect(admin)
