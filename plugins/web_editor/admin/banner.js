/* The web editor's banner, in the preview only (`make serve`):
   - while the last build fails, a banner at the top of Decap's interface
     lists each problem as the build's other reports word it (file, line,
     field as the form names it, what is wrong, the fix), all from the
     preview's /admin/problemes.json (live_preview.py, core/report.py), asked
     every 2 s: it goes away by itself once the build passes again;
   - in local mode (each save writes a file on this computer), Decap's
     « Publier » reads « Enregistrer sur cet ordinateur », and after a save a
     notice says which file was written and how to publish it.
   Loaded before decap-cms.js: Decap starts (CMS.init) once the preview has
   answered, so that its French words are ours from the first screen. On the
   published site, which is never on localhost, it asks nothing and Decap
   starts at once. */
(function () {
  "use strict";

  window.CMS_MANUAL_INIT = true;

  var STATE_URL = "problemes.json";  // beside /admin/index.html
  var POLL_MS = 2000;
  var FIRST_ANSWER_MS = 3000;  // Decap starts without our words rather than wait longer
  // The addresses the preview answers to (live_preview.own_hosts).
  var PREVIEW_HOSTS = ["localhost", "127.0.0.1", "[::1]"];
  // Decap's French words that say « publish » where, in local mode, a save
  // only writes a file on this computer.
  var LOCAL_WORDS = {
    editor: {
      editorToolbar: {
        publish: "Enregistrer sur cet ordinateur",
        publishing: "Enregistrement…",
        publishNow: "Enregistrer maintenant",
        publishAndCreateNew: "Enregistrer et créer une nouvelle entrée",
        publishAndDuplicate: "Enregistrer et dupliquer",
        published: "Enregistrée"
      }
    },
    ui: { toast: { entrySaved: "Enregistré sur cet ordinateur", entryPublished: "Enregistré sur cet ordinateur" } }
  };
  var HOW_TO_PUBLISH = "Rien n’est encore publié\u202f: pour publier, envoyez-le sur GitHub, avec git (« commit », " +
    "puis « push ») ou sur la page GitHub du dépôt (voir le guide de rédaction, « Modifier le site depuis GitHub »).";
  var AFTER_TITLE = "Les pages de l’aperçu montrent ce rapport à la place du site. Corrigez le champ, ici ou dans " +
    "le fichier\u202f: ce bandeau partira de lui-même.";
  var STYLE = [
    "#apercu-bandeau{position:fixed;top:0;left:0;right:0;z-index:10000;font:15px/1.45 system-ui,sans-serif;color:#1a1a1a}",
    "#apercu-bandeau .apercu-echec{background:#fff4f2;border-bottom:4px solid #b3261e;padding:8px 16px}",
    "#apercu-bandeau .apercu-tete{display:flex;flex-wrap:wrap;align-items:center;gap:4px 16px}",
    "#apercu-bandeau [hidden]{display:none!important}",
    "#apercu-bandeau .apercu-titre{margin:0}",
    "#apercu-bandeau .apercu-titre strong{color:#8c1d18}",
    "#apercu-bandeau button{font:inherit;color:#1a1a1a;background:#fff;border:1px solid #5f6368;border-radius:4px;padding:2px 10px;cursor:pointer}",
    "#apercu-bandeau button:focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}",
    "#apercu-bandeau ol{margin:6px 0 0;padding:0 0 0 24px;max-height:30vh;overflow:auto}",
    "#apercu-bandeau li{margin:4px 0}",
    "#apercu-bandeau li p{margin:0}",
    "#apercu-bandeau .apercu-ou{font-weight:bold}",
    "#apercu-bandeau .apercu-remede{font-style:italic}",
    "#apercu-bandeau pre{margin:6px 0 0;white-space:pre-wrap;max-height:30vh;overflow:auto;font:inherit}",
    "#apercu-bandeau .apercu-note{background:#eef6ee;border-bottom:4px solid #1e6b2e;padding:8px 16px;display:flex;align-items:flex-start;gap:16px}",
    "#apercu-bandeau .apercu-note p{margin:0;flex:1}",
    "#apercu-bandeau code{font:inherit;font-weight:bold}",
    "html.apercu-decale #nc-root{position:relative;transform:translateZ(0);overflow:auto;height:calc(100vh - var(--apercu-hauteur, 0px));" +
      "margin-top:var(--apercu-hauteur, 0px)}"
  ].join("\n");

  var started = false;
  var lastAnswer = null;
  // The detail is open at first, but on a phone, where it would fill the screen.
  var showDetail = !window.matchMedia || window.matchMedia("(min-width: 40em)").matches;
  var banner, failure, notice;

  function startDecap() {
    if (started) return;
    started = true;
    window.CMS.init();
  }

  function useLocalWords() {
    window.siteEditor.addWords(LOCAL_WORDS);  // admin/editor.js
    window.CMS.registerEventListener({ name: "postSave", handler: function () { ask(true); } });
  }

  function element(name, attributes, children) {
    var node = document.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) {
      if (key === "text") node.textContent = attributes[key];
      else node.setAttribute(key, attributes[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function build() {
    var style = element("style", { text: STYLE });
    document.head.appendChild(style);
    failure = element("div", { "class": "apercu-echec", role: "alert", hidden: "" });
    notice = element("div", { "class": "apercu-note", role: "status", "aria-live": "polite", hidden: "" });
    banner = element("div", { id: "apercu-bandeau" }, [failure, notice]);
    document.body.insertBefore(banner, document.body.firstChild);
    if (window.ResizeObserver) new window.ResizeObserver(makeRoom).observe(banner);
  }

  // Decap's interface starts below the banner: nothing of it (its save
  // button first) is hidden under it.
  function makeRoom() {
    var height = banner.offsetHeight;
    document.documentElement.style.setProperty("--apercu-hauteur", height + "px");
    document.documentElement.classList.toggle("apercu-decale", height > 0);
  }

  function showFailure(state) {
    failure.textContent = "";
    if (!state.failed) {
      failure.hidden = true;
      makeRoom();
      return;
    }
    var detail;
    if (state.problems.length) {
      detail = element("ol", { id: "apercu-detail", tabindex: "0", "aria-label": "Les problèmes à corriger" },
        state.problems.map(function (problem) {
          return element("li", {}, [
            problem.where ? element("p", { "class": "apercu-ou", text: problem.where }) : null,
            element("p", { "class": "apercu-quoi", text: problem.what }),
            problem.remedy ? element("p", { "class": "apercu-remede", text: problem.remedy }) : null
          ]);
        }));
    } else {
      detail = element("pre", { id: "apercu-detail", tabindex: "0", text: state.text });
    }
    var toggle = element("button", { type: "button", "aria-controls": "apercu-detail" });
    function shown(visible) {
      showDetail = visible;
      detail.hidden = !visible;
      toggle.setAttribute("aria-expanded", String(visible));
      toggle.textContent = visible ? "Masquer le détail" : "Voir le détail";
      makeRoom();
    }
    toggle.addEventListener("click", function () { shown(!showDetail); });
    failure.appendChild(element("div", { "class": "apercu-tete" }, [
      element("p", { "class": "apercu-titre" }, [element("strong", { text: state.title }),
        document.createTextNode(" " + AFTER_TITLE)]),
      toggle
    ]));
    failure.appendChild(detail);
    failure.hidden = false;
    shown(showDetail);
  }

  function showSaved(paths) {
    notice.textContent = "";
    var text = element("p", {}, [document.createTextNode("Enregistré sur cet ordinateur\u202f: ")]);
    paths.forEach(function (path, index) {
      if (index) text.appendChild(document.createTextNode(", "));
      text.appendChild(element("code", { text: path }));
    });
    text.appendChild(document.createTextNode(". " + HOW_TO_PUBLISH));
    var close = element("button", { type: "button", text: "Fermer" });
    close.addEventListener("click", function () { notice.hidden = true; makeRoom(); });
    notice.appendChild(text);
    notice.appendChild(close);
    notice.hidden = false;
    makeRoom();
  }

  // The preview's state: null when it did not answer (stopped, or not there).
  function fetchState() {
    return window.fetch(STATE_URL, { cache: "no-store", credentials: "same-origin" }).then(function (response) {
      if (response.status === 404) return { absent: true };
      return response.ok ? response.json() : null;
    }).catch(function () { return null; });
  }

  function ask(afterSave) {
    return fetchState().then(function (state) {
      if (!state || state.absent) return state;
      var text = JSON.stringify([state.failed, state.title, state.problems, state.text]);
      if (text !== lastAnswer) {
        lastAnswer = text;
        showFailure(state);
      }
      if (afterSave && state.saved && state.saved.length) showSaved(state.saved);
      return state;
    });
  }

  function poll() {
    window.setTimeout(function () {
      (document.hidden ? Promise.resolve(true) : ask(false)).then(function (state) {
        if (!(state && state.absent)) poll();
      });
    }, POLL_MS);
  }

  function start() {
    var inPreview = PREVIEW_HOSTS.indexOf(location.hostname) >= 0 && window.fetch && window.Promise;
    if (!inPreview) return startDecap();
    build();
    var late = window.setTimeout(startDecap, FIRST_ANSWER_MS);
    ask(false).then(function (state) {
      window.clearTimeout(late);
      if (!started && state && state.local) useLocalWords();
      startDecap();
      if (!(state && state.absent)) poll();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
