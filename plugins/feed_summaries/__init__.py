"""Feed summaries as plain text reads them: a document's `summary` is plain
text (FORMATTED_FIELDS is empty; templates escape it), but Pelican puts it
in the Atom feed's <summary type="html"> as it is, so a reader takes
« a < b & c » for markup. At `feed_generated` (Pelican's public signal,
sent with the feed before it is written) each summary is escaped as HTML:
the reader shows exactly what the editor wrote. A summary is optional:
without one, Pelican makes it from the page's HTML, which stays as it is;
only a description that is an article's own `summary` field is escaped.

An RSS feed with full texts (RSS_FEED_SUMMARY_ONLY = False) has the page's
HTML as its description: left as it is.

Pelican's signals: `feed_generated` (the summaries escaped).
"""

from html import escape

from feedgenerator import Rss201rev2Feed
from pelican import signals


def escape_summaries(context, feed):
    if isinstance(feed, Rss201rev2Feed) and not context.get("RSS_FEED_SUMMARY_ONLY", True):
        return
    written = {article.metadata["summary"] for article in [*context.get("articles", ()), *context.get("hidden_articles", ())]
               if isinstance(article.metadata.get("summary"), str)}
    for item in feed.items:
        if item.get("description") in written:
            item["description"] = escape(item["description"], quote=False)


def register():
    signals.feed_generated.connect(escape_summaries)
