// Re-saves content files as Decap CMS serialises them, without a browser:
// the `yaml` (1.x) and `gray-matter` packages Decap itself depends on, used
// as decap-cms-core/src/formats/{yaml,frontmatter}.ts use them (keys sorted
// in the order of the collection's fields, the body kept as it is).
// Usage: node decap_frontmatter.js < [{"path": …, "keys": […], "frontmatter": true}, …]
"use strict";
const fs = require("fs");
const matter = require("gray-matter");
const yaml = require("yaml");

function sortKeys(sortedKeys) {
  return (a, b) => {
    const indexA = sortedKeys.indexOf(a.key && a.key.toString());
    const indexB = sortedKeys.indexOf(b.key && b.key.toString());
    if (indexA === -1 || indexB === -1) return 0;
    return indexA - indexB;
  };
}

function fromFile(content) {
  if (content && content.trim().endsWith("---")) content = content.trim().slice(0, -3);
  const doc = yaml.parseDocument(content);
  if (doc.errors.length > 0) throw new Error(doc.errors.map(error => error.message).join("\n"));
  return doc.toJSON();
}

function toFile(data, sortedKeys) {
  const contents = yaml.createNode(data);
  contents.items.sort(sortKeys(sortedKeys || []));
  const doc = new yaml.Document();
  doc.contents = contents;
  return doc.toString();
}

const engines = { yaml: { parse: fromFile, stringify: (data, options) => toFile(data, options.sortedKeys) } };

function resave(file) {
  const text = fs.readFileSync(file.path, "utf8");
  if (!file.frontmatter) {
    fs.writeFileSync(file.path, toFile(fromFile(text), file.keys));
    return;
  }
  const parsed = matter(text, { engines, language: "yaml", delimiters: "---" });
  const data = { ...parsed.data, ...(parsed.content.trim() && { body: parsed.content }) };
  const { body = "", ...meta } = data;
  const trimLastLineBreak = body.slice(-1) !== "\n";
  let saved = matter.stringify(body, meta, { engines, sortedKeys: file.keys, language: "yaml", delimiters: "---" });
  if (trimLastLineBreak && saved.slice(-1) === "\n") saved = saved.slice(0, -1);
  fs.writeFileSync(file.path, saved);
}

JSON.parse(fs.readFileSync(0, "utf8")).forEach(resave);
