/* The preview of a workshop, an article and a page as the site shows them:
   the site's own stylesheet, the same structure as the theme's templates,
   the facts (price, duration, group…) said as the published page says them,
   redrawn as the editor types.
   Every word and form comes from the build (preview.json, written by
   plugins/web_editor/vocabulary.py from the settings, the schema, the
   offers' filters and the offer template); only the rules of arithmetic are
   here: format_amount, format_duration, french_date, in JavaScript. The
   Markdown text is Decap's own rendering (widgetFor("body")). */
(function () {
  var h = window.h;
  var NNBSP = "\u202f";
  var words = null;
  var waiting = [];

  function plain(value) {
    return value && typeof value.toJS === "function" ? value.toJS() : value;
  }

  function empty(value) {
    return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
  }

  function fill(form, values) {
    return form.replace(/\{(\w+)\}/g, function (whole, name) {
      return values[name] === undefined ? whole : String(values[name]);
    });
  }

  function group(digits) {
    return digits.replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
  }

  /* plugins/offers/display.py format_amount: no decimals for a whole amount,
     else two, rounded as Python rounds (half to even on an exact tie), a
     comma, and narrow no-break spaces between thousands. */
  function formatAmount(amount) {
    var x = Number(amount);
    if (Number.isInteger(x)) {
      return group(Math.abs(x) >= 1e21 ? BigInt(x).toString() : x.toFixed(0));
    }
    var text = x.toFixed(2);
    var tie = Number.isInteger(x * 8) && Number.isInteger(x * 1000) && Math.abs(x * 1000) % 10 === 5;
    if (tie) {  // toFixed takes the larger of two equally near; Python the even one
      var cents = Math.floor(x * 100);
      cents = cents % 2 === 0 ? cents : cents + 1;
      var sign = cents < 0 ? "-" : "";
      var whole = Math.abs(cents);
      text = sign + Math.floor(whole / 100) + "." + String(whole % 100).padStart(2, "0");
    }
    var parts = text.split(".");
    return group(parts[0]) + "," + parts[1];
  }

  function formatPrice(price, vocabulary) {
    var forms = vocabulary.price;
    if (!price || typeof price !== "object") return "";
    if (price.on_quote) return forms.on_quote;
    var amount = typeof price.amount === "string" ? Number(price.amount.replace(",", ".")) : price.amount;
    if (typeof amount !== "number" || !isFinite(amount) || amount <= 0) return "";
    var currency = price.currency || "";
    var unit = price.unit || "";
    return fill(forms.amount, {
      amount: formatAmount(amount),
      currency: vocabulary.symbols[currency] || currency,
      unit: vocabulary.unit_labels[unit] || unit
    }).trim();
  }

  function formatGroupSize(size, vocabulary) {
    if (typeof size === "string") return size.trim();
    if (!size || typeof size !== "object") return "";
    var names = ["ideal", "max", "min"].filter(function (name) { return !!size[name]; });
    var form = vocabulary.group_size[names.join(" ")];
    return form ? fill(form, size) : "";
  }

  function formatDuration(minutes, vocabulary) {
    var forms = vocabulary.duration.forms;
    var hours = Math.floor(minutes / 60);
    var rest = minutes % 60;
    if (!hours) return fill(forms.minutes, { minutes: rest });
    return rest ? fill(forms["hours minutes"], { hours: hours, minutes: String(rest).padStart(2, "0") })
                : fill(forms.hours, { hours: hours });
  }

  /* plugins/offers/durations.py show_duration: a duration the build reads,
     the site's way; any other text (« à définir avec l’équipe ») as written. */
  function showDuration(text, vocabulary) {
    if (typeof text !== "string") return "";
    text = text.trim();
    var pattern = vocabulary.duration.pattern;
    var match = new RegExp(pattern.source, pattern.flags).exec(text);
    if (!match) return text;
    var g = match.groups;
    var minutes = g.only_minutes ? parseInt(g.only_minutes, 10)
                                 : parseInt(g.hours, 10) * 60 + parseInt(g.minutes || "0", 10);
    return minutes ? formatDuration(minutes, vocabulary) : text;
  }

  /* plugins/french_dates french_date: « 1er mars 2026 », « 21 novembre 2026 ». */
  function frenchDate(value, vocabulary) {
    var parts;
    if (value instanceof Date) {
      parts = [value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate()];
    } else {
      var found = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value || ""));
      if (!found) return "";
      parts = [Number(found[1]), Number(found[2]), Number(found[3])];
    }
    var form = parts[2] === 1 ? vocabulary.date.first : vocabulary.date.other;
    return fill(form, { day: parts[2], month: vocabulary.months[parts[1] - 1], year: parts[0] });
  }

  var FILTERS = { price: formatPrice, group_size: formatGroupSize, duration: showDuration };

  function at(data, path) {
    return path.split(".").reduce(function (value, key) {
      return value && typeof value === "object" ? value[key] : undefined;
    }, data);
  }

  function shown(data, fact) {
    var value = at(data, fact.field);
    var filter = FILTERS[fact.filter];
    if (filter) return filter(value, words);
    return typeof value === "string" ? value.trim() : empty(value) ? "" : String(value);
  }

  /* A <dl> of the offer template (class key-facts or facts), fact by fact;
     an optional fact left empty is left out, as the template does. */
  function facts(data, name) {
    var rows = (words.facts[name] || []).filter(function (fact) {
      return !(fact.optional && empty(at(data, fact.field)));
    });
    return h("dl", { className: name }, rows.map(function (fact) {
      return h("div", { key: fact.field, className: fact["class"] || undefined },
        h("dt", null, fact.label), h("dd", null, shown(data, fact)));
    }));
  }

  function bullets(items) {
    return h("ul", null, (items || []).filter(function (item) { return !empty(item); }).map(function (item, index) {
      return h("li", { key: index }, String(item).trim());
    }));
  }

  function labelled(name, value) {
    if (empty(value)) return null;
    return h("p", null, h("strong", null, words.titles[name] + "\u00a0:"), " " + String(value).trim());
  }

  function section(id, children) {
    return h("section", { id: id, "aria-labelledby": id + "-titre" },
      h("h2", { id: id + "-titre" }, words.sections[id]), children);
  }

  function citation(quote, index) {
    if (!quote || empty(quote.text)) return null;
    return h("figure", { className: "citation", key: "citation-" + index },
      h("blockquote", null, h("p", null, quote.text)),
      h("figcaption", null, quote.author || "", quote.work ? [", ", h("cite", { key: "work" }, quote.work)] : null));
  }

  function offer(props, data) {
    var price = data.price || {};
    var priceText = formatPrice(price, words);
    return h("div", { className: "two-column" }, h("article", { className: "two-column__main" },
      h("header", { className: "offer-head" },
        h("p", { className: "eyebrow" }, data.method || ""),
        h("h1", null, data.title || ""),
        h("p", { className: "lede" }, data.summary || ""),
        facts(data, "key-facts")),
      props.widgetFor("body"),
      (data.citations || []).map(citation),
      section("objectifs", bullets(data.objectives)),
      section("pour-qui", [h("p", { key: "audience" }, data.audience || ""),
                           h("div", { key: "more" }, labelled("prerequisites", data.prerequisites),
                             labelled("accessibility", data.accessibility))]),
      section("methode", [h("p", { key: "method" }, data.method || ""),
                          data.principles && data.principles.length ? h("h3", { key: "h3" }, words.titles.principles) : null,
                          data.principles && data.principles.length ? h("div", { key: "principles" }, bullets(data.principles)) : null,
                          h("div", { key: "facilitators" }, labelled("facilitators", data.facilitators))]),
      section("modalites", [h("div", { key: "facts" }, facts(data, "facts")),
                            data.deliverables && data.deliverables.length ? h("h3", { key: "h3" }, words.titles.deliverables) : null,
                            data.deliverables && data.deliverables.length ? h("div", { key: "deliverables" }, bullets(data.deliverables)) : null,
                            h("div", { key: "evaluation" }, labelled("evaluation", data.evaluation))]),
      section("tarif", h("p", null, priceText + (empty(price.note) ? "" : " (" + price.note.trim() + ")") + "."))));
  }

  function article(props, data) {
    var meta = words.article;
    var authors = empty(data.author) ? "" : String(data.author).trim();
    return h("article", { className: "page article" },
      h("header", null,
        h("h1", null, data.title || ""),
        meta ? h("p", { className: "article__meta" }, meta.published,
                 h("time", null, frenchDate(data.date, words)), authors ? meta.by + authors : "") : null),
      props.widgetFor("body"));
  }

  function page(props, data) {
    var body = typeof data.body === "string" ? data.body : "";
    var ownHeading = /^\s*(#\s|<h1)/.test(body);  // theme/templates/macros.html heading()
    return h("article", { className: "page" },
      ownHeading ? null : h("h1", null, data.title || ""),
      empty(data.summary) ? null : h("p", { className: "lede" }, data.summary),
      props.widgetFor("body"));
  }

  var root = new URL("../", window.location.href);
  // Drawn before preview.json came: the frame's head was made without the
  // site's stylesheets (registerPreviewStyle came too late), so they are
  // linked from the preview itself.
  var drawnEarly = false;

  function stylesheets() {
    return words.stylesheets.map(function (path) {
      return h("link", { key: path, rel: "stylesheet", href: new URL(path, root).href });
    });
  }

  function preview(render) {
    return window.createClass({
      componentDidMount: function () {
        var self = this;
        if (!words) waiting.push(function () { self.forceUpdate(); });
      },
      render: function () {
        if (!words) {
          drawnEarly = true;
          return null;
        }
        var data = plain(this.props.entry.get("data")) || {};
        return h("main", { className: "wrap", id: "contenu" }, drawnEarly ? stylesheets() : null, render(this.props, data));
      }
    });
  }

  window.CMS.registerPreviewTemplate("ateliers", preview(offer));
  window.CMS.registerPreviewTemplate("ressources", preview(article));
  window.CMS.registerPreviewTemplate("pages", preview(page));
  // For the tests, and anyone checking the preview against the site: the rules above.
  window.sitePreview = { formatAmount: formatAmount, formatPrice: formatPrice, formatGroupSize: formatGroupSize,
                         showDuration: showDuration, frenchDate: frenchDate, words: function () { return words; } };

  window.fetch("preview.json", { credentials: "same-origin" })
    .then(function (answer) { return answer.json(); })
    .then(function (loaded) {
      loaded.stylesheets.forEach(function (path) { window.CMS.registerPreviewStyle(new URL(path, root).href); });
      words = loaded;
      waiting.splice(0).forEach(function (redraw) { redraw(); });
    });
})();
