"""Settings for the preview build (`make serve`, `make build`).

Editors may change the organisation's identity, the menu and the labels here;
`publishconf.py` adds what only the published site needs.

Only what this site chooses is here: each setting of a plugin has its
default in that plugin (DEFAULTS in plugins/<name>/__init__.py, set when
the build starts), and a value equal to its default is not repeated here
(tests/test_settings.py checks it). The README says where settings live.
"""

import sys
from pathlib import Path

# The one place that makes the core package (core/, at the root) and our
# plugins importable by name, whatever the folder the build is started from
# or the settings file that imports this one: this file and every plugin
# import core; Pelican finds PLUGINS in PLUGIN_PATHS for itself but puts
# nothing on sys.path, and a worker process (pictures, site_checks) imports
# a plugin's module by name.
_ROOT = Path(__file__).resolve().parent
sys.path[:0] = [str(_ROOT), str(_ROOT / "plugins")]

# -- The organisation ------------------------------------------------------
SITESUBTITLE = "Ateliers pour les professionnels qui prennent soin des autres"
# The organisation's réglages (ORGANISATION and HOST: the legal notice, the
# footer, the contact page; SITENAME, the organisation's name; APPEARANCE:
# the colours and logo) are not set here: plugins/reglages reads them when the
# build starts from reglages.yml in the content folder it builds
# (content/reglages.yml here), which editors change there or in the web
# editor; another content folder brings its own. A value not known stays None:
# templates then say it is missing, they never show an invented one;
# `make check` lists those still missing as warnings. Given with Pelican's
# -e (-e 'ORGANISATION={...}'), a setting wins over the file.
# The theme's link to the phone number: tel:+33… from « 01 23 45 67 89 ».
from core.organisation import tel_uri  # noqa: E402

JINJA_FILTERS = {"tel_uri": tel_uri}

# -- Language --------------------------------------------------------------
DEFAULT_LANG = "fr"
TIMEZONE = "Europe/Paris"

# -- Where things are -------------------------------------------------------
PATH = "content"
THEME = "theme"
PLUGIN_PATHS = ["plugins"]
# Their order does not matter: each connects to Pelican's own signals, and
# one that needs another says so when the build starts (offers needs
# yaml_front_matter and strict_build; propositions and comparison need offers).
PLUGINS = [
    # reglages: ORGANISATION, HOST, SITENAME and APPEARANCE from the content folder's reglages.yml;
    # first, so that every plugin's `initialized` (identity_style's) finds them.
    "reglages",
    "yaml_front_matter", "jekyll_compat",
    # default_pages: the pages the theme links to (contact, search…), from theme/default_pages/
    # when content/ has none; before offers and documents, which check the pages it adds.
    "default_pages",
    "offers", "documents", "propositions", "comparison", "french_dates",
    # pictures: each image of content/ resized, converted, stripped of its metadata (GPS…), cached.
    "pictures",
    "french_typography", "strict_build", "site_checks", "sitemap_robots", "search_index", "minify_css",
    # attachments: the PDFs of content/documents/, stripped of their metadata.
    "attachments",
    # programme_pdf: a PDF programme per offer (WeasyPrint), after strict_build, which
    # must resolve the pages' links first (receivers of a signal run in PLUGINS order).
    "programme_pdf",
    "web_editor",
    # html_allowlist: the HTML of each page's text checked against an allow-list; a CSP on every page.
    "html_allowlist",
    # identity_style: the colours and logo of the réglages (plugins/reglages), as a stylesheet and a file.
    "identity_style",
    # page_cache: in the preview only, a document's page whose inputs did not change is not rendered again.
    "page_cache",
]
ARTICLE_PATHS = ["ressources"]
PAGE_PATHS = ["pages", "ateliers"]
# Nothing of content/ is copied as it is: the pictures of content/images/
# are published by plugins/pictures, resized and stripped of their metadata,
# the PDFs of content/documents/ by plugins/attachments, stripped of theirs.
STATIC_PATHS = []
# Files and folders of content/ that our plugins read, not Pelican's readers
# (plugins/documents names any other file no reader takes).
DOCUMENTS_OTHER_FILES = ["images", "reglages.yml", "documents"]

# -- URLs: clean, ending in "/" ---------------------------------------------
# A document's slug is its file name, so the URL of a page never changes
# when its title does (and seed 000's page keeps the former site's /ateliers/).
SLUGIFY_SOURCE = "basename"
# Offers live in content/ateliers/ and are published under /ateliers/<slug>/;
# other pages under /<slug>/. `url_prefix` is set per folder below.
DEFAULT_METADATA = {"url_prefix": ""}
EXTRA_PATH_METADATA = {
    "ateliers": {"url_prefix": "ateliers/", "template": "offer"},
}
PAGE_URL = "{url_prefix}{slug}/"
PAGE_SAVE_AS = "{url_prefix}{slug}/index.html"
ARTICLE_URL = "ressources/{slug}/"
ARTICLE_SAVE_AS = "ressources/{slug}/index.html"
# The article list; the home page is content/pages/accueil.md.
INDEX_SAVE_AS = "ressources/index.html"
INDEX_URL = "ressources/"
DIRECT_TEMPLATES = ["index"]
# Drafts are not written. Their URL is where a {filename} link to one leads,
# which the link checker (plugins/site_checks) names as a draft.
DRAFT_URL = "brouillons/ressources/{slug}/"
DRAFT_PAGE_URL = "brouillons/{url_prefix}{slug}/"
DRAFT_SAVE_AS = DRAFT_PAGE_SAVE_AS = ""
CATEGORY_URL = CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = ""
TAG_URL = TAG_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_URL = AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
DEFAULT_PAGINATION = False

# Preview URLs start at the server's root; publishconf.py sets the real one.
SITEURL = ""
RELATIVE_URLS = False

# Feeds need the site's absolute address: publishconf.py sets the one feed.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# -- Offers (plugins/offers) ---------------------------------------------------
# Their settings and defaults: DEFAULTS in plugins/offers/__init__.py (the
# folder of offers, the price units' words, how many offers the home page
# shows…). A certified training provider (Qualiopi) sets OFFERS_QUALIOPI = True:
# every offer must then also give prerequisites, access_delay, evaluation,
# accessibility and contact, and the build says which ones are missing.

# -- Propositions and comparison (plugins/propositions, plugins/comparison) ---
# The comparison page's address, title and number of columns, and how many
# offers « Autres ateliers » shows: DEFAULTS in each plugin's __init__.py.
# Its rows, in order: (criterion, label shown). A criterion is an offer field
# (method, audience, modalities.duration, price, deliverables…), or
# price_per_person_hour (shown when two offers can be compared on it) or link.
# `make build` names the possible criteria if one is misspelt. Without this
# setting, every field is compared, labelled with its title in the schema.
COMPARISON_CRITERIA = [
    ("method", "Méthode"),
    ("audience", "Pour qui"),
    ("modalities.format", "Format"),
    ("modalities.duration", "Durée d’une séance"),
    ("modalities.frequency", "Fréquence"),
    ("modalities.group_size", "Taille du groupe"),
    ("modalities.commitment", "Engagement"),
    ("price", "Tarif"),
    ("price_per_person_hour", "Tarif par personne et par heure"),
    ("deliverables", "Ce que vous recevez"),
    ("link", "Pour en savoir plus"),
]

# -- Other hosts (plugins/html_allowlist) ----------------------------------------
# The hosts a page may load something from (a picture, a video, a frame, a
# style sheet, a script), e.g. ["www.youtube-nocookie.com"]; each of them
# receives the visitor's address, and the privacy page names them. Empty:
# nothing comes from another site, and the build refuses whatever would.
# A plain link [texte](https://…) loads nothing: it is always allowed.
# Set here though empty, and no plugin gives it a default: the build's
# messages and the guide send editors to this line.
ALLOWED_HOSTS = []
# -- HTML in the texts, and what pages may run (plugins/html_allowlist) ---------
# The HTML a text may hold is an allow-list (the guide, « Contenus venus
# d’autres sites », lists it); anything else stops the build, with its line.
# An <iframe>, <video> or <audio> is allowed from the hosts of ALLOWED_HOSTS
# only. To allow more, set HTML_ALLOWLIST_EXTRA (plugins/html_allowlist/csp.py):
# name each element and its attributes, e.g. {"section": ["class"]}.
# Every page carries a Content-Security-Policy made from these settings. The
# preview (make serve) runs its reload script on every page; publishconf.py
# sets this to False: the published site runs no script but its search page's.
CSP_PREVIEW_RELOAD = True
# -- Enquiries -------------------------------------------------------------------
# Where « Demander une proposition » leads (relative to SITEURL).
ENQUIRY_URL = "demande/"
# The preview (make serve, make build) says on every page what visitors cannot
# do yet: write to the association while content/reglages.yml gives no email.
# publishconf.py turns it off: visitors read, on the contact and enquiry pages
# only, that the address is coming.
PREVIEW_NOTICES = True

# -- Search (plugins/search_index) --------------------------------------------
# Pagefind indexes every page after the build, in French; the search page is
# content/pages/recherche.md.
SEARCH_URL = "recherche/"
# Its batch size: DEFAULTS in plugins/search_index/__init__.py.

# -- Navigation: a short, fixed menu (url relative to SITEURL) -------------
DISPLAY_PAGES_ON_MENU = False
DISPLAY_CATEGORIES_ON_MENU = False
MENUITEMS = [
    ("Ateliers", "ateliers/"),
    ("Ressources", "ressources/"),
    ("Recherche", "recherche/"),
    ("Contact", "contact/"),
]
# The footer's links: the legal and trust pages, on every page.
FOOTER_LINKS = [
    ("Mentions légales", "mentions-legales/"),
    ("Confidentialité", "confidentialite/"),
    ("Accessibilité", "accessibilite/"),
]

# -- Markdown, as on the former Jekyll site (kramdown) ----------------------
# extra = abbr, attr_list ({:.class}), def_list, fenced_code, footnotes,
# md_in_html (Markdown inside <div markdown="1">) and tables; toc gives
# headings stable ids. jekyll_compat adds the kramdown citation form.
MARKDOWN = {
    "extensions": ["markdown.extensions.extra", "markdown.extensions.toc"],
    "extension_configs": {
        "markdown.extensions.toc": {"permalink": False},
    },
    "output_format": "html5",
}
# `summary` is plain text everywhere (templates escape it), never Markdown.
FORMATTED_FIELDS = []

# French typography is the job of our own plugin (plugins/french_typography),
# run on every page. typogrify is not installed (the README says why): its
# quotes are English, its `widont` binds words with no regard for a phone's
# width, and its `amp`, `caps` and quote spans are for styles this theme has not.
TYPOGRIFY = False

# Templates escape every value; content HTML is marked safe where it is shown.
# Each generator compiles the theme's templates again, at every build: a
# bytecode cache (.cache/jinja, safe to delete) keeps them compiled, compiles
# again a template whose text changed, and one whose cached file is damaged.
from core.caches import CheckedBytecodeCache  # noqa: E402

JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True,
                     "bytecode_cache": CheckedBytecodeCache(_ROOT / ".cache" / "jinja")}

DELETE_OUTPUT_DIRECTORY = True

# -- Build speed (site_checks, pictures, programme_pdf) -------------------------
# Pictures encoded, programmes made and links checked on this many cores at
# once: PROCESSES (core/plugins.py; by default all the cores this process may
# use, 1 for everything in turn). Pelican itself reads, renders and writes the
# pages in one process.

# -- Web editor (plugins/web_editor): /admin/, Decap CMS ------------------------
# The GitHub repository (« owner/name ») and branch it proposes changes to
# (WEB_EDITOR_REPO, WEB_EDITOR_BRANCH: by default the repository GitHub
# Actions builds, and main) and the address of its sign-in service
# (WEB_EDITOR_AUTH_URL, from the repository's variable: publishconf.py):
# DEFAULTS in plugins/web_editor/__init__.py.
# The preview's /admin/ saves into content/ through the preview's own server
# (local_editor.py), which adds its address and secret to config.yml as it
# serves it (publishconf.py turns this off).
WEB_EDITOR_LOCAL_BACKEND = True
