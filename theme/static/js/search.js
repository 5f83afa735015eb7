// The search page: asks the Pagefind index built with the site (pagefind/,
// on the site itself) and lists the pages found, best first, each with its
// kind (atelier, article, page), its summary and, for an offer, its price.
const form = document.querySelector("form.search");
const input = form.querySelector("input");
const status = document.querySelector(".search__status");
const list = document.querySelector(".search__results");
const bundle = new URL(form.dataset.pagefind, location.href);
const pagefind = await import(bundle.href + "pagefind.js");
const baseUrl = bundle.pathname.replace(/pagefind\/$/, "");
await pagefind.options({ baseUrl });
// A large site is indexed in several bundles (plugins/search_index): merge them.
const others = await fetch(bundle.href + "bundles.json").then((answer) => (answer.ok ? answer.json() : []), () => []);
for (const other of others) {
  await pagefind.mergeIndex(new URL(other, bundle).pathname, { baseUrl });
}

// French elisions, with either apostrophe: l’, d’, qu’, jusqu’, lorsqu’…
// The index holds « d’ écriture » (plugins/search_index/elisions.py): a query
// loses its elisions (« d’écriture » asks for « écriture »), and what is shown
// gets them back in place.
const ELIDED = "(?:jusqu|lorsqu|puisqu|quoiqu|qu|[cdjlmnst])(?:['’]|&#39;)";
const IN_QUERY = new RegExp(`(^|[^\\p{L}\\p{N}_])${ELIDED}(?=\\p{L})`, "giu");
const AS_INDEXED = new RegExp(`(^|[^\\p{L}\\p{N}_])(${ELIDED}) (?=<mark>|\\p{L})`, "giu");
const KINDS = { atelier: "Atelier", article: "Article", page: "Page" };

function withoutElisions(query) {
  return query.replace(IN_QUERY, "$1").trim() || query;
}

function joined(text) {
  return (text || "").replace(AS_INDEXED, "$1$2");
}

function plural(count) {
  return count > 1 ? `${count} pages trouvées` : "1 page trouvée";
}

function paragraph(className, text) {
  const element = document.createElement("p");
  element.className = className;
  element.textContent = text;
  return element;
}

function item(page) {
  const entry = document.createElement("li");
  entry.className = "search__result";
  const kind = paragraph("search__kind", KINDS[page.meta.kind] || KINDS.page);
  const title = document.createElement("a");
  title.href = page.url;
  title.textContent = joined(page.meta.title);
  const heading = document.createElement("h2");
  heading.className = "search__title";
  heading.append(title);
  entry.append(kind, heading);
  if (page.meta.summary) {
    entry.append(paragraph("search__summary", page.meta.summary));
  }
  if (page.meta.price) {
    entry.append(paragraph("search__price", `Tarif\u00a0: ${page.meta.price}`));
  }
  const excerpt = document.createElement("p");
  excerpt.className = "search__excerpt";
  excerpt.innerHTML = joined(page.excerpt); // Pagefind escapes the text and marks the words found
  entry.append(excerpt);
  return entry;
}

async function run(query) {
  const search = await pagefind.search(withoutElisions(query));
  const results = await Promise.all(search.results.slice(0, 10).map((result) => result.data()));
  list.replaceChildren(...results.map(item));
  // No-break spaces inside « », as French typography (plugins/french_typography) sets pages.
  status.textContent = results.length
    ? `${plural(search.results.length)} pour «\u00a0${query}\u00a0».`
    : `Aucune page ne contient «\u00a0${query}\u00a0». Essayez un autre mot.`;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const query = input.value.trim();
  if (query) {
    history.replaceState(null, "", `?q=${encodeURIComponent(query)}`);
    run(query);
  }
});

const asked = new URLSearchParams(location.search).get("q");
if (asked) {
  input.value = asked;
  run(asked);
}
