// Editable rows without a page load: form repeats, funding lines and list rows alike.
// Loaded as a file: the CSP allows no inline script. The server side is app/formengine/rows.py.
//
// Every table of rows is plain HTML that works without this file: its add and remove
// buttons are submit buttons (_add / _remove=<n>, or _add__<table> / _remove__<table>__<n>)
// and its inputs post as <table>-<n>-<field>. The page marks up, for this script:
//
//   [data-rows="<table>"]             the table's box; data-rows-max="<n>" caps its rows
//   [data-rows-body="<table>"]        the element whose children are the rows
//   [data-row="<table>-<n>-"]         each element of row n (a row can be several <tr>s)
//   <template data-rows-template>     a blank row numbered __index__, to copy in; a nested
//                                     table's is only inside its outer table's template
//                                     ("goals-__index__-subgoals"), numbered here for the
//                                     outer row it is added to
//   button[data-rows-add="<table>"]   adds a row; button[data-rows-remove] removes its row
//   [data-row-number="<table>-<n>-"]  shows the row's position (1, 2, 3 …)
//   [data-row-name]                   what the row is called ("Delmål 2 for mål 1")
//   [data-rows-live]                  says what happened (data-rows-added/-removed, {row})
//
// A new row is a copy of the template numbered after the last row; the rows after a removed
// one are renumbered, so what is posted is what the server would have shown after pressing
// the button. Focus moves to the new row (after a removal: the next row, else the add
// button). The form then gets a "rows:changed" event (bubbling) so other scripts can update.
// Anything unexpected (no template, say) leaves the click alone: the button submits.
(function () {
  "use strict";

  var PLACEHOLDER = "__index__";
  var ADD = "_add__";
  var REMOVE = "_remove__";
  // Attributes that hold names or ids (aria-describedby: several, separated by spaces).
  var NAMED = [
    "id",
    "name",
    "for",
    "aria-describedby",
    "aria-labelledby",
    "data-rows",
    "data-rows-body",
    "data-rows-template",
    "data-rows-add",
    "data-row",
    "data-row-number",
  ];

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function withAttribute(root, selector, attribute, value) {
    var found = null;
    each(root.querySelectorAll(selector), function (el) {
      if (found === null && el.getAttribute(attribute) === value) {
        found = el;
      }
    });
    return found;
  }

  // ---- renaming rows -------------------------------------------------------------------

  // Every element in root and in the <template>s inside it (their content is apart).
  function walk(root, fn) {
    if (root.nodeType === 1) {
      fn(root);
    }
    each(root.querySelectorAll("*"), function (el) {
      fn(el);
      if (el.tagName === "TEMPLATE") {
        walk(el.content, fn);
      }
    });
  }

  // Row `from` of `table` becomes row `to`: names and ids starting "<table>-<from>-" change,
  // and so does the row's own remove button (_remove__<table>__<from>, or _remove=<from>).
  function renumber(root, table, from, to) {
    var oldPrefix = table + "-" + from + "-";
    var newPrefix = table + "-" + to + "-";
    var oldOwn = table + "__" + from;
    var newOwn = table + "__" + to;
    function rename(value) {
      return value.indexOf(oldPrefix) === 0 ? newPrefix + value.slice(oldPrefix.length) : value;
    }
    function renameButton(value) {
      var start = value.indexOf(ADD) === 0 ? ADD : value.indexOf(REMOVE) === 0 ? REMOVE : "";
      if (!start) {
        return rename(value);
      }
      var rest = value.slice(start.length);
      return start + (rest === oldOwn ? newOwn : rename(rest));
    }
    walk(root, function (el) {
      NAMED.forEach(function (attribute) {
        var value = el.getAttribute(attribute);
        if (value === null) {
          return;
        }
        var changed =
          attribute === "name" ? renameButton(value) : value.split(" ").map(rename).join(" ");
        if (changed !== value) {
          el.setAttribute(attribute, changed);
        }
      });
      var number = el.getAttribute("data-row-number");
      if (number !== null) {
        // From the name; showNumbers then puts the table's own rows in their positions.
        var found = /-([0-9]+)-$/.exec(number);
        el.textContent = found ? String(Number(found[1]) + 1) : "";
      }
      if (el.name === "_remove" && el.value === String(from)) {
        el.value = String(to);
      }
      var rule = el.getAttribute("data-show-if");
      if (rule !== null) {
        try {
          var parsed = JSON.parse(rule);
          if (parsed && typeof parsed.field === "string" && rename(parsed.field) !== parsed.field) {
            parsed.field = rename(parsed.field);
            el.setAttribute("data-show-if", JSON.stringify(parsed));
          }
        } catch (e) {
          // Not ours to fix: show_if ignores a rule it cannot read.
        }
      }
    });
  }

  // ---- tables --------------------------------------------------------------------------

  // A table's rows: each its elements (a row, then one per nested table), in order.
  function rowsOf(body) {
    var rows = [];
    each(body.children, function (el) {
      var prefix = el.getAttribute("data-row");
      if (prefix === null) {
        return;
      }
      var last = rows[rows.length - 1];
      if (last && last.prefix === prefix) {
        last.elements.push(el);
      } else {
        rows.push({ prefix: prefix, elements: [el] });
      }
    });
    return rows;
  }

  function indexOf(prefix) {
    var found = /-([0-9]+)-$/.exec(prefix);
    return found ? Number(found[1]) : -1;
  }

  function tableOf(form, name) {
    var box = withAttribute(form, "[data-rows]", "data-rows", name);
    if (box === null) {
      return null;
    }
    var body = withAttribute(box, "[data-rows-body]", "data-rows-body", name);
    if (body === null) {
      return null;
    }
    return {
      name: name,
      box: box,
      body: body,
      template: withAttribute(box, "template", "data-rows-template", name),
      add: withAttribute(box, "button", "data-rows-add", name),
    };
  }

  function updateAddButton(table) {
    var max = Number(table.box.getAttribute("data-rows-max"));
    if (table.add !== null && max > 0) {
      table.add.disabled = rowsOf(table.body).length >= max;
    }
  }

  // The numbers people see follow the rows' positions (the server may leave gaps).
  function showNumbers(form, table) {
    rowsOf(table.body).forEach(function (row, position) {
      each(form.querySelectorAll("[data-row-number]"), function (el) {
        if (el.getAttribute("data-row-number") === row.prefix) {
          el.textContent = String(position + 1);
        }
      });
    });
  }

  function focusable(el) {
    var box = el.closest("[data-show-if]");
    return !el.disabled && el.type !== "hidden" && !(box !== null && box.hidden);
  }

  function firstInput(elements) {
    var found = null;
    elements.forEach(function (element) {
      each(element.querySelectorAll("input, select, textarea, button"), function (el) {
        if (found === null && focusable(el)) {
          found = el;
        }
      });
    });
    return found;
  }

  function rowName(elements) {
    var span = elements[0].querySelector("[data-row-name]");
    var text = span ? span.textContent.replace(/\s+/g, " ").trim() : "";
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function announcer(form) {
    var live = form.querySelector("[data-rows-live]");
    var timer = null;
    return function (kind, name) {
      if (live === null) {
        return;
      }
      var text = (live.getAttribute(kind) || "{row}").replace("{row}", name);
      // Emptied first, so saying the same thing twice is heard twice.
      live.textContent = "";
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        live.textContent = text;
      }, 100);
    };
  }

  // The template named `name` in root, or in the templates inside it (a nested table's
  // template lives only in its outer table's template).
  function findTemplate(root, name) {
    var found = withAttribute(root, "template", "data-rows-template", name);
    if (found !== null) {
      return found;
    }
    each(root.querySelectorAll("template"), function (el) {
      if (found === null) {
        found = findTemplate(el.content, name);
      }
    });
    return found;
  }

  // A copy of the table's blank row, numbered __index__ in the table itself: its own
  // template, or the shared one of its kind ("goals-3-subgoals" copies
  // "goals-__index__-subgoals" and becomes goal 3's). Null when there is none.
  function blankRow(form, table) {
    if (table.template !== null) {
      return document.importNode(table.template.content, true);
    }
    var pattern = /-([0-9]+)-/g;
    var kind = table.name.replace(pattern, "-" + PLACEHOLDER + "-");
    var template = kind === table.name ? null : findTemplate(form, kind);
    if (template === null) {
      return null;
    }
    var copy = document.importNode(template.content, true);
    var found;
    while ((found = pattern.exec(table.name)) !== null) {
      renumber(copy, table.name.slice(0, found.index), PLACEHOLDER, Number(found[1]));
    }
    return copy;
  }

  function addRow(form, name, announce) {
    var table = tableOf(form, name);
    if (table === null) {
      return false;
    }
    var rows = rowsOf(table.body);
    var max = Number(table.box.getAttribute("data-rows-max"));
    if (max > 0 && rows.length >= max) {
      updateAddButton(table);
      return true; // the server would refuse it too
    }
    // Numbered after the last row, so two rows never share a number, even after gaps.
    var next = rows.length ? Math.max(rows.length, indexOf(rows[rows.length - 1].prefix) + 1) : 0;
    var copy = blankRow(form, table);
    if (copy === null) {
      return false;
    }
    renumber(copy, name, PLACEHOLDER, next);
    var elements = Array.prototype.filter.call(copy.children, function (el) {
      return el.hasAttribute("data-row");
    });
    table.body.appendChild(copy);
    updateAddButton(table);
    showNumbers(form, table);
    return function () {
      var target = firstInput(elements);
      if (target !== null) {
        target.focus();
      }
      announce("data-rows-added", rowName(elements));
    };
  }

  function removeRow(form, button, announce) {
    var element = button.closest("[data-row]");
    var body = element && element.parentElement;
    var name = body && body.getAttribute("data-rows-body");
    if (!name) {
      return false; // not where the script expects it: let the server do it
    }
    var table = tableOf(form, name);
    if (table === null || table.body !== body) {
      return false;
    }
    var rows = rowsOf(body);
    var position = -1;
    rows.forEach(function (row, n) {
      if (row.elements.indexOf(element) !== -1) {
        position = n;
      }
    });
    if (position === -1) {
      return false;
    }
    var removedName = rowName(rows[position].elements);
    rows[position].elements.forEach(function (el) {
      el.remove();
    });
    rows.slice(position + 1).forEach(function (row, n) {
      var from = indexOf(row.prefix);
      row.elements.forEach(function (el) {
        renumber(el, name, from, position + n);
      });
    });
    updateAddButton(table);
    showNumbers(form, table);
    var next = rows[position + 1];
    return function () {
      var target = next ? firstInput(next.elements) : null;
      if (target === null && table.add !== null && !table.add.disabled) {
        target = table.add;
      }
      (target || table.box).focus();
      announce("data-rows-removed", removedName);
    };
  }

  function enhance(form) {
    if (form.hasAttribute("data-rows-enhanced")) {
      return; // once per form, or a click would add two rows
    }
    form.setAttribute("data-rows-enhanced", "");
    var announce = announcer(form);
    form.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (button === null || button.form !== form || event.defaultPrevented) {
        return;
      }
      var done = false;
      if (button.hasAttribute("data-rows-add")) {
        done = addRow(form, button.getAttribute("data-rows-add"), announce);
      } else if (button.hasAttribute("data-rows-remove")) {
        done = removeRow(form, button, announce);
      }
      if (!done) {
        return; // not a row button, or not one we can handle: the form is submitted
      }
      event.preventDefault();
      form.dispatchEvent(new CustomEvent("rows:changed", { bubbles: true }));
      if (typeof done === "function") {
        done();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    each(document.forms, enhance);
  });

  // For a form put on the page later (the visual editor's live preview swaps its form in).
  window.enindgangRows = { enhance: enhance };
})();
