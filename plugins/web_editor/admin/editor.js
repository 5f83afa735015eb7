/* The web editor's own behaviour, in every mode (loaded after decap-cms.js,
   before Decap starts, see banner.js):
   - Decap's French, with a few of its sentences in the site's words: a
     refused field says the build's sentence after its label, with no « ne
     correspond pas au schéma » (the sentence already says what is wrong);
     « Media » reads « Images »;
   - an optional field the editor emptied is left out of the file, as if
     its line had been deleted: Decap would write `slug: ""`, which the build
     refuses (an empty field says nothing). The réglages file keeps its empty
     values: there, "" is how a file says « not known yet ». */
(function () {
  "use strict";

  var WORDS = {
    app: { header: { media: "Images" } },
    editor: { editorControlPane: { widget: { regexPattern: "%{fieldLabel}\u202f: %{pattern}." } } },
    ui: { toast: { missingRequiredField: "Rien n’est enregistré\u202f: corrigez les champs en rouge." } }
  };
  // The collections whose empty values are how the file is written (config.yml).
  var KEEPS_EMPTY = ["reglages"];
  // The page's text is written below the front matter, even when empty.
  var ALWAYS = ["body"];

  function merged(base, over) {
    var out = {};
    Object.keys(base || {}).forEach(function (key) { out[key] = base[key]; });
    Object.keys(over).forEach(function (key) {
      var both = over[key] && typeof over[key] === "object" && base && base[key] && typeof base[key] === "object";
      out[key] = both ? merged(base[key], over[key]) : over[key];
    });
    return out;
  }

  function isCollection(value) {  // an Immutable Map or List, as Decap keeps entries
    return !!value && typeof value === "object" && typeof value.toJS === "function" && typeof value.filter === "function";
  }

  function isEmpty(value) {
    if (value === null || value === undefined) return true;
    if (typeof value === "string") return value.trim() === "";
    return isCollection(value) && value.size === 0;
  }

  function withoutEmpty(value) {
    if (!isCollection(value)) return value;
    return value.map(withoutEmpty).filter(function (inner) { return !isEmpty(inner); });
  }

  function leaveOutEmptyFields(event) {
    var entry = event.entry;
    if (KEEPS_EMPTY.indexOf(entry.get("collection")) >= 0) return undefined;
    var data = entry.get("data");
    return data.map(function (value, key) {
      return ALWAYS.indexOf(key) >= 0 ? value : withoutEmpty(value);
    }).filter(function (value, key) { return ALWAYS.indexOf(key) >= 0 || !isEmpty(value); });
  }

  // registerLocale replaces a whole language: Decap's own French, with ours
  // over it; banner.js adds the local mode's words the same way.
  function addWords(words) {
    window.CMS.registerLocale("fr", merged(window.CMS.getLocale("fr"), words));
  }

  window.siteEditor = { addWords: addWords };
  addWords(WORDS);
  window.CMS.registerEventListener({ name: "preSave", handler: leaveOutEmptyFields });
}());
