// Funding editor: "Hvem må bevilge?" beside the line being typed, and a new line's shares
// pre-filled from the decision plan's default payer. Asks GET /api/v1/decision-authority
// (the browser session is the caller) with the line's values: intervention, paragraph, the
// size (annual cost, or the cost kind and quantity where the line has them), the duration in
// whole months and the start date (the plan in force then decides). Loaded as a file: the CSP
// allows no inline script. Without it the page still works; the case page shows the answers.
(function () {
  "use strict";

  var WAIT_MS = 350;
  var WEEKS_PER_MONTH = 52 / 12;

  function value(line, name) {
    var input = line.querySelector('[data-field="' + name + '"]');
    return input ? input.value.trim() : "";
  }

  function number(text, locale) {
    var parsed = window.enindgangFunding.parseNumber(text, locale);
    return parsed === null || isNaN(parsed) || parsed < 0 ? null : parsed;
  }

  // The sizes a line states, under the measure keys the API takes.
  function measures(line, locale) {
    var found = {};
    var annual = number(value(line, "annual_cost"), locale);
    var kind = value(line, "cost_kind");
    var amount = number(value(line, "amount"), locale);
    var quantity = number(value(line, "quantity"), locale);
    var unit = value(line, "quantity_unit");
    if (quantity !== null && unit) {
      found[unit] = quantity;
    }
    if (kind === "one_off" && amount !== null) {
      found.kr_one_off = amount;
    } else if (kind === "monthly" && amount !== null) {
      found.kr_per_year = amount * 12;
    } else if (kind === "yearly" && amount !== null) {
      found.kr_per_year = amount;
    } else if (kind === "hourly" && amount !== null && quantity !== null) {
      var perMonth = unit === "hours_per_week" ? quantity * WEEKS_PER_MONTH : quantity;
      if (unit === "hours_per_week" || unit === "hours_per_month") {
        found.kr_per_year = amount * perMonth * 12;
      }
    } else if (annual !== null) {
      found.kr_per_year = annual;
    }
    var start = window.enindgangFunding.parseDate(value(line, "start"));
    var end = window.enindgangFunding.parseDate(value(line, "end"));
    if (start && end && kind !== "one_off") {
      found.months = end.year * 12 + end.month - (start.year * 12 + start.month) + 1;
    }
    return found;
  }

  // The start date as the API takes it (the editor's date inputs give ISO; Danish typed too).
  function isoDate(text) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
      return text;
    }
    var parts = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(text);
    return parts ? parts[3] + "-" + ("0" + parts[2]).slice(-2) + "-" + ("0" + parts[1]).slice(-2) : null;
  }

  function query(line, locale) {
    var params = new URLSearchParams();
    params.set("intervention", value(line, "intervention"));
    var paragraph = value(line, "paragraph");
    if (paragraph) {
      params.set("paragraph", paragraph);
    }
    var sizes = measures(line, locale);
    Object.keys(sizes).forEach(function (key) {
      if (sizes[key] >= 0 && isFinite(sizes[key])) {
        params.set(key, String(Math.round(sizes[key] * 100) / 100));
      }
    });
    var on = isoDate(value(line, "start"));
    if (on) {
      params.set("on", on);
    }
    return params;
  }

  function show(box, part, text) {
    var item = box.querySelector('[data-decision-part="' + part + '"]');
    if (!item) {
      return;
    }
    item.hidden = !text;
    item.querySelector("span").textContent = text || "";
  }

  function noShareTyped(line) {
    var typed = false;
    line.querySelectorAll("[data-share]").forEach(function (input) {
      typed = typed || input.value.trim() !== "";
    });
    return typed === false;
  }

  // 100 % to the plan's default payer, only on a line where no share is typed yet. Until the
  // person edits that share, it stays the rest of 100 % as they type the other departments'
  // shares (70 % to PPR leaves 30 % to the payer), so the line keeps summing to 100 %.
  function prefillPayer(line, answer) {
    var payer = answer.default_payer && answer.default_payer.value;
    var input = payer && line.querySelector('[data-share="' + payer + '"]');
    if (!input || !noShareTyped(line)) {
      return;
    }
    input.setAttribute("data-prefilled", "");
    setShare(input, 100);
  }

  var adjusting = false;

  function setShare(input, share) {
    var locale = input.form ? input.form.getAttribute("data-locale") : "da";
    var format = new Intl.NumberFormat(locale === "en" ? "en-GB" : "da-DK", {
      maximumFractionDigits: 2,
      useGrouping: false,
    });
    input.value = share > 0 ? format.format(share) : "";
    adjusting = true;
    try {
      input.dispatchEvent(new Event("input", { bubbles: true })); // funding.js recalculates
    } finally {
      adjusting = false;
    }
  }

  function followShares(event) {
    var typed = event.target;
    var line = typed.closest && typed.closest("tbody[data-line]");
    if (adjusting || !line || !typed.hasAttribute("data-share")) {
      return;
    }
    var prefilled = line.querySelector("[data-share][data-prefilled]");
    if (!prefilled) {
      return;
    }
    if (prefilled === typed) {
      prefilled.removeAttribute("data-prefilled"); // the person's own number from now on
      return;
    }
    var locale = typed.form ? typed.form.getAttribute("data-locale") : "da";
    var others = 0;
    line.querySelectorAll("[data-share]").forEach(function (input) {
      if (input !== prefilled) {
        others += number(input.value, locale) || 0;
      }
    });
    setShare(prefilled, Math.max(0, 100 - others));
  }

  function render(box, answer, levels, granted) {
    box.hidden = false;
    var level = answer.authority_level ? answer.authority_level.label : "";
    box.querySelector("[data-decision-level]").textContent = level;
    box.querySelector("[data-decision-reason]").textContent = answer.reason;
    show(box, "conditions", answer.conditions);
    show(box, "appeal", answer.appeal);
    show(box, "default_payer", answer.default_payer ? answer.default_payer.label : "");
    var required = answer.authority_level ? levels.indexOf(answer.authority_level.value) : -1;
    var recorded = levels.indexOf(granted);
    // As Answer.below_plan on the server: only a definite answer can show a grant too low.
    box.querySelector("[data-decision-flag]").hidden = !(
      answer.covered && answer.definite && recorded >= 0 && required > recorded
    );
  }

  function setUp(form) {
    var url = form.getAttribute("data-decision-url");
    var levels = (form.getAttribute("data-authority-levels") || "").split(" ");
    var locale = form.getAttribute("data-locale");
    var timers = new WeakMap();
    var asked = new WeakMap();

    function ask(line, prefill) {
      var box = line.querySelector("[data-line-decision]");
      if (!box) {
        return;
      }
      if (!value(line, "intervention")) {
        box.hidden = true;
        return;
      }
      var params = query(line, locale);
      var link = box.querySelector("[data-decision-page]");
      if (link) {
        link.search = "?" + params.toString();
      }
      var ticket = {};
      asked.set(line, ticket);
      fetch(url + "?" + params.toString(), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (answer) {
          if (!answer || asked.get(line) !== ticket) {
            return; // a newer question for this line is on its way
          }
          render(box, answer, levels, value(line, "authority_level"));
          if (prefill) {
            prefillPayer(line, answer);
          }
        })
        .catch(function () {
          box.hidden = true;
        });
    }

    function later(line, prefill) {
      clearTimeout(timers.get(line));
      timers.set(line, setTimeout(function () { ask(line, prefill); }, prefill ? 0 : WAIT_MS));
    }

    function onEdit(event) {
      var line = event.target.closest && event.target.closest("tbody[data-line]");
      var name = event.target.getAttribute && event.target.getAttribute("data-field");
      if (!line || !name) {
        return; // a share or something outside the lines: the answer does not change
      }
      later(line, name === "intervention" && event.type === "change");
    }

    form.addEventListener("input", onEdit);
    form.addEventListener("input", followShares);
    form.addEventListener("change", onEdit);
    form.addEventListener("rows:changed", function () {
      form.querySelectorAll("tbody[data-line]").forEach(function (line) {
        if (!asked.has(line)) {
          ask(line, false);
        }
      });
    });
    form.querySelectorAll("tbody[data-line]").forEach(function (line) {
      ask(line, false);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-funding-editor][data-decision-url]");
    if (form && window.fetch && window.URLSearchParams && window.enindgangFunding) {
      setUp(form);
    }
  });
})();
