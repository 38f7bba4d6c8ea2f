// Form engine in the browser. Loaded as a file: the CSP allows no inline script. The server
// checks everything again, so this only makes filling in a form smoother.
//
// show_if: each element with data-show-if='{"field": name, "values": [...]}' or
// '{"field": name, "not_empty": true}' is hidden unless the named input has one of the
// values (or any value).
//
// Repeat rows are added and removed without a page load by rows.js (the one script for
// every table of editable rows); it renames the rules' fields with the rows and sends
// "rows:changed", after which the rules are read again.
(function () {
  "use strict";

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  // ---- show_if -------------------------------------------------------------------------

  function rulesOf(form) {
    return Array.prototype.map.call(form.querySelectorAll("[data-show-if]"), function (el) {
      var rule = null;
      try {
        rule = JSON.parse(el.getAttribute("data-show-if"));
      } catch (e) {
        rule = null;
      }
      return { element: el, rule: rule };
    });
  }

  function isHidden(el) {
    var box = el.closest("[data-show-if]");
    return box !== null && box.hidden;
  }

  function valuesOf(form, name) {
    var values = [];
    each(form.elements, function (input) {
      if (input.name !== name || isHidden(input)) {
        return;
      }
      if (input.type === "radio" || input.type === "checkbox") {
        if (input.checked) {
          values.push(input.value);
        }
      } else if (input.tagName === "SELECT" && input.multiple) {
        each(input.selectedOptions, function (option) {
          values.push(option.value);
        });
      } else if (input.type !== "submit" && input.type !== "button") {
        values.push(input.value);
      }
    });
    return values.filter(function (value) {
      return value.trim() !== "";
    });
  }

  function holds(form, rule) {
    var values = valuesOf(form, rule.field);
    if (rule.not_empty) {
      return values.length > 0;
    }
    return values.some(function (value) {
      return (rule.values || []).indexOf(value) !== -1;
    });
  }

  function apply(form, rules) {
    // A field that appears can itself control another one: repeat until nothing changes.
    for (var pass = 0; pass < 10; pass += 1) {
      var changed = false;
      rules.forEach(function (item) {
        if (!item.rule) {
          return;
        }
        var hide = !holds(form, item.rule);
        if (item.element.hidden !== hide) {
          item.element.hidden = hide;
          changed = true;
        }
      });
      if (!changed) {
        return;
      }
    }
  }

  function enhance(form) {
    if (form.hasAttribute("data-show-if-enhanced")) {
      return; // once per form
    }
    form.setAttribute("data-show-if-enhanced", "");
    var rules = rulesOf(form);
    var update = function () {
      apply(form, rules);
    };
    form.addEventListener("change", update);
    form.addEventListener("input", update);
    // rows.js added or removed a repeat row: the rules' elements and names have changed.
    form.addEventListener("rows:changed", function () {
      rules = rulesOf(form);
      update();
    });
    update();
  }

  // The designer's live preview swaps in a new form: it enhances that one itself.
  window.enindgangFormengine = { enhance: enhance };

  document.addEventListener("DOMContentLoaded", function () {
    each(document.forms, enhance);
  });
})();
