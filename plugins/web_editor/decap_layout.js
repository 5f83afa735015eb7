// Saves content files as Decap CMS saves them, without a browser, through
// Decap's own code: decap-cms-core's formats (resolveFormat, and with it the
// `yaml` 1.x and `gray-matter` packages as Decap uses them), the version the
// decap-cms 3.16.3 bundle is built from (decap-cms-app 3.16.3 pins
// decap-cms-core 3.19.1). What Backend.entryToRaw (decap-cms-core
// src/backend.ts) adds around it is repeated here, four lines: the keys sorted
// in the order of the collection's fields, the fields' `comment`s, the data
// through Immutable as the editor holds it, a line break at the end.
//
// Usage: node decap_layout.js < [{"path": …, "collection": {…}, "file": "name"?,
//                                      "edits": [[["price", "amount"], 260], …]?}, …]
// `collection` is the collection as config.yml writes it; `file` names the
// entry of a files collection; each edit sets one value as a form field does
// (Immutable's setIn on the entry's data). Each file is written back in place.
"use strict";
const fs = require("fs");
const path = require("path");
const { register } = require("node:module");
const { pathToFileURL } = require("node:url");

const CORE = path.join(path.dirname(require.resolve("decap-cms-core/package.json")), "dist", "esm");

// decap-cms-core's ES modules import without file extensions, as its bundler
// allows: resolve them as the bundler does, and read them as ES modules.
const HOOKS = `
const CORE = ${JSON.stringify(pathToFileURL(CORE).href + "/")};
export async function resolve(specifier, context, next) {
  if (context.parentURL && context.parentURL.startsWith(CORE) && !specifier.endsWith(".js")) {
    try { return await next(specifier, context); } catch { return next(specifier + ".js", context); }
  }
  return next(specifier, context);
}
export async function load(url, context, next) {
  return next(url, url.startsWith(CORE) ? { ...context, format: "module" } : context);
}`;

function fieldsOf(collection, file) {
  if (collection.fields) return collection.fields;
  return collection.files.find(entry => entry.name === file).fields;
}

// selectFieldsComments and getFieldsNames (decap-cms-core
// src/reducers/collections.ts): each field's `comment`, by its dotted name.
function commentsOf(fields, prefix = "") {
  return fields.reduce((comments, field) => {
    const name = prefix ? `${prefix}.${field.name}` : field.name;
    if (field.comment) comments[name] = field.comment;
    const inner = field.fields || (field.field ? [field.field] : field.types || []);
    return { ...comments, ...commentsOf(inner, name) };
  }, {});
}

async function main() {
  register("data:text/javascript," + encodeURIComponent(HOOKS));
  const { resolveFormat } = await import(pathToFileURL(path.join(CORE, "formats", "formats.js")).href);
  const { fromJS } = require("immutable");
  const files = JSON.parse(fs.readFileSync(0, "utf8"));
  for (const file of files) {
    const format = resolveFormat(fromJS(file.collection), { path: file.path });
    let data = fromJS(format.fromFile(fs.readFileSync(file.path, "utf8")));
    for (const [keys, value] of file.edits || []) data = data.setIn(keys, fromJS(value));
    const fields = fieldsOf(file.collection, file.file);
    let content = format.toFile(data.toJS(), fields.map(field => field.name), commentsOf(fields));
    if (content.slice(-1) !== "\n") content += "\n";
    fs.writeFileSync(file.path, content);
  }
}

main().catch(error => {
  console.error(error.stack || String(error));
  process.exit(1);
});
