"""Structured data for an offer page: a schema.org Service, so that search
engines can show what it is, who provides it, for whom, its price, and the
day its page's information last changed (the page's dateModified)."""


def offer_json_ld(page, settings):
    """A JSON-LD dict. The Offer (price) is left out when the price is on quote:
    a price of 0 or a made-up one would be wrong."""
    offer = page.offer
    organisation = settings["ORGANISATION"]
    site_url = settings["SITEURL"]
    provider = {"@type": "Organization", "name": organisation["name"]}
    if site_url:
        provider["url"] = f"{site_url}/"
    if organisation.get("email"):
        provider["email"] = organisation["email"]
    data = {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": offer.title,
        "description": offer.summary,
        "serviceType": offer.method,
        "provider": provider,
        "audience": {"@type": "Audience", "audienceType": offer.audience},
    }
    if site_url:
        data["url"] = f"{site_url}/{page.url}"
    updated = getattr(page, "updated", None)
    if updated:
        # dateModified is a property of a page (a CreativeWork), not of a
        # Service: it is said of the page that describes the service.
        data["subjectOf"] = {"@type": "WebPage", "dateModified": updated.isoformat(),
                             **({"url": data["url"]} if site_url else {})}
    price = offer.price
    if not price.on_quote:
        amount = int(price.amount) if price.amount.is_integer() else price.amount
        data["offers"] = {
            "@type": "Offer",
            "price": amount,
            "priceCurrency": price.currency,
            "priceSpecification": {
                "@type": "UnitPriceSpecification",
                "price": amount,
                "priceCurrency": price.currency,
                "unitText": settings["OFFERS_UNIT_LABELS"].get(price.unit, price.unit),
            },
        }
    return data
