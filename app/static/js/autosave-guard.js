// Asking before typed work is thrown away. Loaded on every page as a file (the CSP allows no
// inline script); without it the pages work as before, only without the questions.
//
//   form[data-unsaved-warning]   the browser asks before the page is left with changes not
//                                 yet saved (forms, funding, the designer, lists). A form of
//                                 autosave.js (data-keep-key) counts as changed while it
//                                 carries data-unsaved; any other form while what it would
//                                 post differs from what it held when the page was shown,
//                                 or while it carries data-unpublished (the visual editor).
//   button[data-rows-remove]     removing a row whose sub-rows hold text asks first (the
//                                 form's data-confirm-remove is the question); without this
//                                 file the row goes only from the page until it is saved.
(function () {
  "use strict";

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function posted(form) {
    return new URLSearchParams(new FormData(form)).toString();
  }

  function guard(form) {
    var kept = form.hasAttribute("data-keep-key");
    var baseline = kept ? null : posted(form);
    var submitting = false;
    form.addEventListener("submit", function () {
      submitting = true;
    });
    // Back from the next page (bfcache): the form is as it was, and so is the question.
    window.addEventListener("pageshow", function () {
      submitting = false;
    });
    window.addEventListener("beforeunload", function (event) {
      // data-unpublished: the visual form editor holds changes from earlier posts that are
      // not published yet (each of its buttons posts and shows the page again).
      var changed =
        form.hasAttribute("data-unpublished") ||
        (kept ? form.hasAttribute("data-unsaved") : posted(form) !== baseline);
      if (changed && !submitting) {
        event.preventDefault();
        event.returnValue = ""; // the browser shows its own question
      }
    });
  }

  // Text in the row's sub-rows (a goal's sub-goals and agreements), not in the row itself.
  function hasNestedContent(form, prefix) {
    var found = false;
    each(form.elements, function (el) {
      var type = (el.type || "").toLowerCase();
      if (found || !el.name || el.name.indexOf(prefix) !== 0 || type === "hidden") {
        return;
      }
      if (!/-[0-9]+-/.test(el.name.slice(prefix.length))) {
        return;
      }
      found = type === "checkbox" || type === "radio" ? el.checked : String(el.value || "").trim() !== "";
    });
    return found;
  }

  // Before rows.js (on the form) and before the button submits (without rows.js).
  document.addEventListener(
    "click",
    function (event) {
      var button = event.target.closest ? event.target.closest("button[data-rows-remove]") : null;
      var form = button && button.form;
      var row = button && button.closest("[data-row]");
      var question = form && form.getAttribute("data-confirm-remove");
      if (!row || !question || !hasNestedContent(form, row.getAttribute("data-row"))) {
        return;
      }
      if (!window.confirm(question)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true
  );

  document.addEventListener("DOMContentLoaded", function () {
    // After the other scripts have filled in their forms (live sums, restored text).
    window.setTimeout(function () {
      each(document.querySelectorAll("form[data-unsaved-warning]"), guard);
    }, 0);
  });
})();
