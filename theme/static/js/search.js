// The search page: asks the Pagefind index built with the site (pagefind/,
// on the site itself) and lists the pages found, best first.
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

function plural(count) {
  return count > 1 ? `${count} pages trouvées` : "1 page trouvée";
}

async function run(query) {
  const search = await pagefind.search(query);
  const results = await Promise.all(search.results.slice(0, 10).map((result) => result.data()));
  list.replaceChildren(...results.map((page) => {
    const item = document.createElement("li");
    const title = document.createElement("a");
    title.href = page.url;
    title.textContent = page.meta.title;
    const excerpt = document.createElement("p");
    excerpt.innerHTML = page.excerpt; // Pagefind escapes the text and marks the words found
    item.append(title, excerpt);
    return item;
  }));
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
