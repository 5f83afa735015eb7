"""A draft article gets the default category, as Pelican's writer expects.

Pelican gives an article a category only when category pages are written
(CATEGORY_SAVE_AS); this site writes none, and Pelican's `generate_drafts`
then fails on `draft.category` with a traceback: `status: draft` (or
« brouillon ») on an article would stop the build. Drafts are never written
here (DRAFT_SAVE_AS is empty), so the category is only there to be read.
"""

from pelican.urlwrappers import Category


def give_drafts_a_category(generator):
    for draft in [*generator.drafts, *generator.drafts_translations]:
        if not hasattr(draft, "category"):
            draft.category = Category(generator.settings["DEFAULT_CATEGORY"], generator.settings)
