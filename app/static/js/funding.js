// Funding editor: live sums and totals while typing (rows.js adds and removes the lines
// without a round trip). Everything also works without these files: the buttons are submit
// buttons and the server computes the same totals (excel_tools.calc) on every page. Month
// rule as calc.py: whole months from the start month to the end month; no end date = through
// December of the chosen year. Booking as calc.booked: a one-off amount in full in its start
// month; monthly, yearly (1/12) and hourly (rate x hours; a week = 52/12 of a month) lines in
// every active month. Loaded as a file: the CSP allows no inline script.
(function () {
  "use strict";

  var DANISH_THOUSANDS = /^\d{1,3}(\.\d{3})+$/;
  var PLAIN = /^-?\d+(\.\d+)?$/;

  function parseNumber(text, locale) {
    var value = (text || "").replace(/[\s\u00a0]/g, "").replace(/%$/, "").replace(/kr\.?$/i, "");
    if (value === "") {
      return null;
    }
    if (locale === "en") {
      value = value.replace(/,/g, "");
    } else if (value.indexOf(",") !== -1) {
      value = value.replace(/\./g, "").replace(",", ".");
    } else if (DANISH_THOUSANDS.test(value)) {
      value = value.replace(/\./g, "");
    }
    return PLAIN.test(value) ? parseFloat(value) : NaN;
  }

  function parseDate(text) {
    var value = (text || "").trim();
    var iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (iso) {
      return { year: +iso[1], month: +iso[2] };
    }
    var dmy = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(value);
    if (dmy && +dmy[2] >= 1 && +dmy[2] <= 12) {
      return { year: +dmy[3], month: +dmy[2] };
    }
    return null;
  }

  // The same reading of typed numbers and dates for decision_hint.js.
  window.enindgangFunding = { parseNumber: parseNumber, parseDate: parseDate };

  function monthNumber(day) {
    return day.year * 12 + day.month;
  }

  // What a full year of the line costs (excel_tools.costs.annual_cost).
  function annualCost(kind, amount, quantity, unit) {
    if (kind === "monthly") {
      return amount * 12;
    }
    if (kind === "hourly") {
      if (unit === "hours_per_week") {
        return amount * quantity * 52;
      }
      return unit === "hours_per_month" ? amount * quantity * 12 : 0;
    }
    return amount;
  }

  // What the whole line costs in months first..last (calc.booked).
  function booked(data, first, last) {
    var start = monthNumber(data.start);
    if (data.kind === "one_off") {
      return first <= start && start <= last ? data.annual : 0;
    }
    var end = data.end ? monthNumber(data.end) : last;
    var months = Math.max(0, Math.min(end, last) - Math.max(start, first) + 1);
    return (data.annual * months) / 12;
  }

  function field(line, name) {
    var input = line.querySelector('[data-field="' + name + '"]');
    return input ? input.value : "";
  }

  // A line's shares and, when every input needed is valid, its numbers for the totals.
  function readLine(line, locale) {
    var shares = {};
    var sum = 0;
    var broken = false;
    line.querySelectorAll("[data-share]").forEach(function (input) {
      var share = parseNumber(input.value, locale);
      if (share === null) {
        return;
      }
      if (isNaN(share) || share < 0 || share > 100) {
        broken = true;
        return;
      }
      shares[input.getAttribute("data-share")] = share;
      sum += share;
    });
    var cost = parseNumber(field(line, "amount"), locale);
    var kind = field(line, "cost_kind") || "yearly";
    var quantity = parseNumber(field(line, "quantity"), locale);
    var unit = field(line, "quantity_unit");
    var sized = quantity !== null && !isNaN(quantity) && quantity >= 0;
    var costOk =
      kind !== "hourly" || (sized && (unit === "hours_per_week" || unit === "hours_per_month"));
    var start = parseDate(field(line, "start"));
    var endText = field(line, "end");
    var end = endText.trim() ? parseDate(endText) : null;
    var balanced = !broken && Math.abs(sum - 100) <= 0.0100001;
    var usable =
      balanced &&
      field(line, "intervention") !== "" &&
      field(line, "paragraph") !== "" &&
      cost !== null &&
      !isNaN(cost) &&
      cost >= 0 &&
      costOk &&
      start !== null &&
      (endText.trim() === "" || (end !== null && monthNumber(end) >= monthNumber(start)));
    var annual = usable ? annualCost(kind, cost, quantity, unit) : 0;
    return {
      sum: sum, balanced: balanced, usable: usable, shares: shares, kind: kind, annual: annual,
      start: start, end: end
    };
  }

  function formatters(locale) {
    var tag = locale === "en" ? "en-GB" : "da-DK";
    return {
      money: new Intl.NumberFormat(tag, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
      percent: new Intl.NumberFormat(tag, { maximumFractionDigits: 2 }),
    };
  }

  function setText(root, selector, text) {
    var el = root.querySelector(selector);
    if (el) {
      el.textContent = text;
    }
  }

  function recalculate(form) {
    var year = parseInt(form.getAttribute("data-year"), 10);
    var locale = form.getAttribute("data-locale");
    var fmt = formatters(locale);
    var totalsYear = {};
    var totalsPeriod = {};
    form.querySelectorAll("tbody[data-line]").forEach(function (line) {
      var data = readLine(line, locale);
      var box = line.querySelector("[data-share-sum]");
      if (box) {
        box.classList.toggle("is-ok", data.balanced);
        box.classList.toggle("is-off", !data.balanced);
        setText(box, "[data-share-sum-value]", fmt.percent.format(data.sum) + " %");
        setText(
          box,
          "[data-share-sum-state]",
          form.getAttribute(data.balanced ? "data-ok-text" : "data-off-text")
        );
      }
      var amountCell = line.querySelector("[data-line-amount]");
      if (!data.usable) {
        if (amountCell) {
          amountCell.textContent = "–";
        }
        return;
      }
      var inYear = booked(data, year * 12 + 1, year * 12 + 12);
      var periodEnd = data.end ? monthNumber(data.end) : year * 12 + 12;
      var inPeriod = booked(data, monthNumber(data.start), periodEnd);
      if (amountCell) {
        amountCell.textContent = fmt.money.format(inYear);
      }
      Object.keys(data.shares).forEach(function (dept) {
        totalsYear[dept] = (totalsYear[dept] || 0) + (inYear * data.shares[dept]) / 100;
        totalsPeriod[dept] = (totalsPeriod[dept] || 0) + (inPeriod * data.shares[dept]) / 100;
      });
    });
    showTotals(fmt, totalsYear, totalsPeriod);
  }

  function showTotals(fmt, totalsYear, totalsPeriod) {
    var table = document.querySelector("[data-funding-totals]");
    if (!table) {
      return;
    }
    var sumYear = 0;
    var sumPeriod = 0;
    Object.keys(totalsYear).forEach(function (k) { sumYear += totalsYear[k]; });
    Object.keys(totalsPeriod).forEach(function (k) { sumPeriod += totalsPeriod[k]; });
    table.querySelectorAll("tbody tr[data-department]").forEach(function (row) {
      var dept = row.getAttribute("data-department");
      var y = totalsYear[dept] || 0;
      var p = totalsPeriod[dept] || 0;
      setText(row, "[data-total-year]", fmt.money.format(y));
      setText(row, "[data-total-period]", fmt.money.format(p));
      setText(row, "[data-percent-year]", fmt.percent.format(sumYear ? (y / sumYear) * 100 : 0) + " %");
      setText(row, "[data-percent-period]", fmt.percent.format(sumPeriod ? (p / sumPeriod) * 100 : 0) + " %");
    });
    setText(table, '[data-total-year="*"] strong', fmt.money.format(sumYear));
    setText(table, '[data-total-period="*"] strong', fmt.money.format(sumPeriod));
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-funding-editor]");
    if (!form) {
      return;
    }
    var hint = document.querySelector("[data-funding-live-hint]");
    if (hint) {
      hint.hidden = false;
    }
    form.addEventListener("input", function () { recalculate(form); });
    form.addEventListener("change", function () { recalculate(form); });
    // rows.js added or removed a line in the page.
    form.addEventListener("rows:changed", function () {
      var empty = document.querySelector('[data-testid="no-lines"]');
      if (empty) {
        empty.hidden = form.querySelector("tbody[data-line]") !== null;
      }
      recalculate(form);
    });
    recalculate(form);
  });
})();
