"""Settings for the published site: pelicanconf.py plus its public address.

SITEURL comes from the environment (the GitHub workflow passes the Pages
address, which may be a project subpath such as https://user.github.io/repo).
"""

import os
import re
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
if not SITEURL.startswith(("http://", "https://")):
    raise SystemExit(
        "publishconf.py : l'adresse publique du site manque. Lancez la commande "
        "avec SITEURL=https://… (par exemple SITEURL=https://exemple.github.io/site make publish)."
    )
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
# One stylesheet, minified (plugins/minify_css).
CSS_MINIFY = True
# One Atom feed, of the articles, linked from every page's head.
FEED_ALL_ATOM = "ressources/feed.atom.xml"
FEED_MAX_ITEMS = 20
# Its summaries are plain text: escaped as the feed's HTML (plugins/feed_summaries).
PLUGINS = [*PLUGINS, "feed_summaries"]  # noqa: F405
# The web editor of the published site proposes each change as a pull request
# (plugins/web_editor); only the preview writes the working copy.
WEB_EDITOR_LOCAL_BACKEND = False
# No preview's reload script: only the search page runs a script (plugins/html_allowlist).
CSP_PREVIEW_RELOAD = False
# The web editor's sign-in service (guide, « Se connecter (site publié) »): a
# variable of the GitHub repository, passed by the workflows, so that setting
# it up never means editing Python. Only an https address (no query, no
# fragment) is taken: it is where the editors' GitHub sign-in is sent.
_AUTH_URL = os.environ.get("WEB_EDITOR_AUTH_URL", "").strip().rstrip("/")
if _AUTH_URL:
    if not re.fullmatch(r"https://[a-z0-9]([a-z0-9.-]{0,250}[a-z0-9])?(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]{0,200})?", _AUTH_URL):
        raise SystemExit(
            "publishconf.py : la variable WEB_EDITOR_AUTH_URL (service de connexion de l’éditeur en "
            f"ligne) n’est pas une adresse https valable\u202f: «\u202f{_AUTH_URL[:100]}\u202f». Écrivez "
            "l’adresse du service, par exemple https://sveltia-cms-auth.exemple.workers.dev, dans les "
            "variables du dépôt GitHub (Settings → Secrets and variables → Actions → Variables)."
        )
    WEB_EDITOR_AUTH_URL = _AUTH_URL
# The preview's banners are for the editors, not for visitors.
PREVIEW_NOTICES = False
