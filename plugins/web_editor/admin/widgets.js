/* The web editor's own widget, « one_of »: a value written in one of two
   forms, as the offer schema allows and Decap's widgets cannot express:
   - modalities.group_size: numbers (ideal, min, max) or « à définir avec l’équipe »;
   - price: amount + currency + unit, or « sur devis » (on_quote: true).
   The configuration (config.yml, generated from the schema) gives `fixed`,
   the value of the first form, and `inputs`, the fields of the second (not
   `fields`, which Decap would read as an object's and ignore `default`);
   `shared` fields (price.note) are kept in both. The file keeps the form
   the build reads; the build still checks every value. */
(function () {
  var h = window.h;

  function plain(value) {
    return value && typeof value.toJS === "function" ? value.toJS() : value;
  }

  function isFixed(value, fixed) {
    if (typeof fixed === "string") return typeof value === "string";
    return !!value && typeof value === "object" &&
      Object.keys(fixed).every(function (key) { return value[key] === fixed[key]; });
  }

  function pick(value, names) {
    var kept = {};
    names.forEach(function (name) {
      if (value && typeof value === "object" && value[name] !== undefined) kept[name] = value[name];
    });
    return kept;
  }

  function empty(value) {
    return value === undefined || value === null || value === "";
  }

  var OneOf = window.createClass({
    settings: function () {
      var field = plain(this.props.field);
      return { fixed: field.fixed, fixedLabel: field.fixed_label, fieldsLabel: field.fields_label,
               fields: field.inputs || [], shared: field.shared || [] };
    },

    isValid: function () {
      var s = this.settings();
      var value = plain(this.props.value);
      if (value === undefined || value === null || isFixed(value, s.fixed)) return true;
      var own = s.fields.filter(function (sub) { return s.shared.indexOf(sub.name) < 0; });
      var missing = own.filter(function (sub) { return sub.required !== false && empty(value[sub.name]); });
      if (missing.length) {
        return { error: { message: "Il manque : " + missing.map(function (sub) { return sub.label; }).join(", ") +
                          " ; ou bien choisissez « " + s.fixedLabel + " »." } };
      }
      if (!own.some(function (sub) { return !empty(value[sub.name]); })) {
        return { error: { message: "Indiquez au moins un nombre, ou bien choisissez « " + s.fixedLabel + " »." } };
      }
      return true;
    },

    render: function () {
      var s = this.settings();
      var value = plain(this.props.value);
      var onChange = this.props.onChange;
      var id = this.props.forID;
      var fixedForm = isFixed(value, s.fixed);
      var shared = pick(value, s.shared);
      var current = value && typeof value === "object" ? value : {};

      function withDefaults() {
        var next = Object.assign({}, shared);
        s.fields.forEach(function (sub) { if (sub.default !== undefined && next[sub.name] === undefined) next[sub.name] = sub.default; });
        return next;
      }

      function fixedValue() {
        return typeof s.fixed === "string" ? s.fixed : Object.assign({}, s.fixed, shared);
      }

      function set(name, typed) {
        var next = Object.assign({}, current);
        if (empty(typed)) { delete next[name]; } else { next[name] = typed; }
        onChange(next);
      }

      function choice(label, checked, next, suffix) {
        return h("label", { style: { display: "block", margin: "6px 0" } },
          h("input", { type: "radio", name: id + "-form", id: id + suffix, checked: checked,
                       onChange: function () { onChange(next()); } }),
          " " + label);
      }

      var inputStyle = { marginLeft: "8px", padding: "4px", border: "1px solid #7a8288", borderRadius: "4px" };

      function input(sub) {
        var shown = current[sub.name];
        var control;
        if (sub.widget === "select") {
          control = h("select", { name: sub.name, value: empty(shown) ? "" : shown, style: inputStyle,
                                  onChange: function (event) { set(sub.name, event.target.value); } },
            [h("option", { key: "", value: "" }, "—")].concat(sub.options.map(function (option) {
              return h("option", { key: option.value, value: option.value }, option.label);
            })));
        } else if (sub.widget === "number") {
          control = h("input", { type: "number", name: sub.name, min: sub.min, step: sub.step || 1, style: inputStyle,
                                 value: empty(shown) ? "" : shown,
                                 onChange: function (event) {
                                   var text = event.target.value;
                                   var typed = sub.value_type === "int" ? parseInt(text, 10) : parseFloat(text);
                                   set(sub.name, isNaN(typed) ? undefined : typed);
                                 } });
        } else {
          control = h("input", { type: "text", name: sub.name, style: inputStyle, value: empty(shown) ? "" : shown,
                                 onChange: function (event) { set(sub.name, event.target.value); } });
        }
        return h("label", { key: sub.name, style: { display: "block", margin: "6px 0 6px 24px" } },
          sub.label + (sub.required === false ? " (facultatif)" : ""), control);
      }

      var own = s.fields.filter(function (sub) { return s.shared.indexOf(sub.name) < 0; });
      var sharedFields = s.fields.filter(function (sub) { return s.shared.indexOf(sub.name) >= 0; });
      return h("div", { className: this.props.classNameWrapper },
        choice(s.fieldsLabel, !fixedForm, withDefaults, ""),
        fixedForm ? null : own.map(input),
        choice(s.fixedLabel, fixedForm, fixedValue, "-fixed"),
        sharedFields.map(input));
    }
  });

  window.CMS.registerWidget("one_of", OneOf);
})();
