// Form engine in the browser. Loaded as a file: the CSP allows no inline script. The server
// checks everything again, so this only makes filling in a form smoother.
//
// show_if: each element with data-show-if='{"field": name, "values": [...]}' or
// '{"field": name, "not_empty": true}' is hidden unless the named input has one of the
// values (or any value).
//
// Repeat rows: the add/remove-row buttons (_add__<repeat>, _remove__<repeat>__<i>) are
// submit buttons that work without JavaScript. Here they work without a page load: a new
// row is a copy of the table's <template data-fe-template> (a blank row numbered __index__),
// and the rows after a removed one are renumbered, so the names posted are exactly those
// the server would have shown after pressing the button (goals-0-…, goals-1-…, nested
// goals-1-subgoals-0-…). Focus moves to the new row (after a removal: to the next row or the
// add button) and the data-fe-live region says what happened. Anything unexpected (no
// template, say) leaves the click alone, so the button submits the form as without script.
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
    "data-fe-repeat",
    "data-fe-rows",
    "data-fe-row",
    "data-fe-template",
    "data-fe-number",
  ];

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

  // Row `from` of `repeat` becomes row `to`: names and ids starting "<repeat>-<from>-" are
  // changed, and so are the row's own remove button and the row numbers people see.
  function renumber(root, repeat, from, to) {
    var oldPrefix = repeat + "-" + from + "-";
    var newPrefix = repeat + "-" + to + "-";
    var oldOwn = repeat + "__" + from;
    var newOwn = repeat + "__" + to;
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
          attribute === "name"
            ? renameButton(value)
            : value.split(" ").map(rename).join(" ");
        if (changed !== value) {
          el.setAttribute(attribute, changed);
        }
      });
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
      var number = el.getAttribute("data-fe-number");
      if (number !== null) {
        var found = /-([0-9]+)-$/.exec(number);
        el.textContent = found ? String(Number(found[1]) + 1) : "";
      }
    });
  }

  // ---- tables --------------------------------------------------------------------------

  function withAttribute(root, selector, attribute, value) {
    var found = null;
    each(root.querySelectorAll(selector), function (el) {
      if (found === null && el.getAttribute(attribute) === value) {
        found = el;
      }
    });
    return found;
  }

  // A table's rows: each its <tr>s (the row, then one per nested table), in order.
  function rowsOf(tbody) {
    var rows = [];
    each(tbody.children, function (tr) {
      var prefix = tr.getAttribute("data-fe-row");
      if (prefix === null) {
        return;
      }
      var last = rows[rows.length - 1];
      if (last && last.prefix === prefix) {
        last.trs.push(tr);
      } else {
        rows.push({ prefix: prefix, trs: [tr] });
      }
    });
    return rows;
  }

  function indexOf(prefix) {
    var found = /-([0-9]+)-$/.exec(prefix);
    return found ? Number(found[1]) : -1;
  }

  function tableOf(form, repeat) {
    var fieldset = withAttribute(form, "fieldset[data-fe-repeat]", "data-fe-repeat", repeat);
    if (fieldset === null) {
      return null;
    }
    var tbody = withAttribute(fieldset, "tbody[data-fe-rows]", "data-fe-rows", repeat);
    var template = withAttribute(fieldset, "template", "data-fe-template", repeat);
    var add = withAttribute(fieldset, "button", "name", ADD + repeat);
    if (tbody === null) {
      return null;
    }
    return { repeat: repeat, fieldset: fieldset, tbody: tbody, template: template, add: add };
  }

  function updateAddButton(table) {
    var max = Number(table.fieldset.getAttribute("data-fe-max-rows"));
    if (table.add !== null && max > 0) {
      table.add.disabled = rowsOf(table.tbody).length >= max;
    }
  }

  function focusable(el) {
    return !el.disabled && !isHidden(el) && el.type !== "hidden";
  }

  function firstInput(trs) {
    var found = null;
    trs.forEach(function (tr) {
      each(tr.querySelectorAll("input, select, textarea, button"), function (el) {
        if (found === null && focusable(el)) {
          found = el;
        }
      });
    });
    return found;
  }

  function rowName(trs) {
    var span = trs[0].querySelector("[data-fe-row-name]");
    var text = span ? span.textContent.replace(/\s+/g, " ").trim() : "";
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function announcer(form) {
    var live = form.querySelector("[data-fe-live]");
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

  function addRow(form, repeat, announce) {
    var table = tableOf(form, repeat);
    if (table === null || table.template === null) {
      return false;
    }
    var rows = rowsOf(table.tbody);
    var max = Number(table.fieldset.getAttribute("data-fe-max-rows"));
    if (max > 0 && rows.length >= max) {
      updateAddButton(table);
      return true; // the server would refuse it too
    }
    // Rows are numbered 0, 1, 2, … (the server's pages and this script keep them so); a gap
    // would still never make two rows share a number.
    var next = rows.length ? Math.max(rows.length, indexOf(rows[rows.length - 1].prefix) + 1) : 0;
    var copy = document.importNode(table.template.content, true);
    renumber(copy, repeat, PLACEHOLDER, next);
    var trs = Array.prototype.filter.call(copy.children, function (el) {
      return el.tagName === "TR";
    });
    table.tbody.appendChild(copy);
    updateAddButton(table);
    return function () {
      var target = firstInput(trs);
      if (target !== null) {
        target.focus();
      }
      announce("data-fe-added", rowName(trs));
    };
  }

  function removeRow(form, button, announce) {
    var tr = button.closest("tr[data-fe-row]");
    var tbody = tr && tr.parentElement;
    var repeat = tbody && tbody.getAttribute("data-fe-rows");
    var own = repeat && REMOVE + repeat + "__" + indexOf(tr.getAttribute("data-fe-row"));
    if (!repeat || button.name !== own) {
      return false; // not where the script expects it: let the server do it
    }
    var table = tableOf(form, repeat);
    if (table === null || table.tbody !== tbody) {
      return false;
    }
    var rows = rowsOf(tbody);
    var position = -1;
    rows.forEach(function (row, n) {
      if (row.trs.indexOf(tr) !== -1) {
        position = n;
      }
    });
    if (position === -1) {
      return false;
    }
    var name = rowName(rows[position].trs);
    rows[position].trs.forEach(function (el) {
      el.remove();
    });
    rows.slice(position + 1).forEach(function (row, n) {
      var from = indexOf(row.prefix);
      row.trs.forEach(function (el) {
        renumber(el, repeat, from, position + n);
      });
    });
    updateAddButton(table);
    var next = rows[position + 1];
    return function () {
      var target = next ? firstInput(next.trs) : null;
      if (target === null && table.add !== null && !table.add.disabled) {
        target = table.add;
      }
      (target || table.fieldset).focus();
      announce("data-fe-removed", name);
    };
  }

  function enhance(form) {
    var rules = rulesOf(form);
    var update = function () {
      apply(form, rules);
    };
    var announce = announcer(form);
    form.addEventListener("change", update);
    form.addEventListener("input", update);
    form.addEventListener("click", function (event) {
      var button = event.target.closest("button[name]");
      if (button === null || button.form !== form || event.defaultPrevented) {
        return;
      }
      var name = button.name;
      var done = false;
      if (name.indexOf(ADD) === 0) {
        done = addRow(form, name.slice(ADD.length), announce);
      } else if (name.indexOf(REMOVE) === 0) {
        done = removeRow(form, button, announce);
      }
      if (!done) {
        return; // not a row button, or not one we can handle: the form is submitted
      }
      event.preventDefault();
      rules = rulesOf(form);
      update();
      if (typeof done === "function") {
        done();
      }
    });
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    each(document.forms, enhance);
  });
})();
