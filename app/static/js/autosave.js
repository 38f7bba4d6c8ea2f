// Never lose typed work. Loaded on every page as a file: the CSP allows no inline script.
// Without this file every form works as before; with it:
//
//   form[data-keep-key="<key>"]  keeps what is typed in this browser (localStorage, under the
//                                 signed-in user's id and the key) until the server has it,
//                                 and puts it back after a lost connection, a new login or
//                                 the Back button (adding the rows it needs through rows.js)
//   form[data-autosave-url]      posts the form there every 30 s and when a field is left
//                                 (the server's version check refuses to overwrite a newer
//                                 save); data-autosave-final: the form is final, kept only
//   #autosave-status             says what happened ("Gemt kl. 10.32"); its data-* hold the
//                                 texts this script shows itself (offline, logged out, …)
//   form[data-logout]            wipes everything kept in this browser on logout; a page of
//                                 another signed-in user (meta enindgang-user) wipes what
//                                 belonged to anyone else, so a shared tablet keeps nothing.
//
// The form carries data-unsaved while the server lacks some of its text: autosave-guard.js
// asks before such a page is left.
(function () {
  "use strict";

  var PREFIX = "enindgang:kladde:";
  var INTERVAL = 30000;
  var SKIP = { csrf_token: true, _version: true, _sitting: true };

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function storage() {
    try {
      var store = window.localStorage;
      store.getItem(PREFIX);
      return store;
    } catch (e) {
      return null; // storage switched off: autosave still works, nothing is kept
    }
  }

  function signedIn() {
    var meta = document.querySelector('meta[name="enindgang-user"]');
    return meta ? meta.getAttribute("content") : null;
  }

  // Remove what is kept for everyone except `keep` (null: remove everything).
  function wipe(store, keep) {
    for (var i = store.length - 1; i >= 0; i -= 1) {
      var key = store.key(i);
      if (key && key.indexOf(PREFIX) === 0 && (keep === null || key.indexOf(PREFIX + keep + ":") !== 0)) {
        store.removeItem(key);
      }
    }
  }

  // ---- the form's values ---------------------------------------------------------------

  function fieldsOf(form) {
    var fields = {};
    each(form.elements, function (el) {
      var type = (el.type || "").toLowerCase();
      if (!el.name || SKIP[el.name] || el.tagName === "BUTTON" || type === "submit" || type === "button" || type === "file") {
        return;
      }
      (fields[el.name] = fields[el.name] || []).push(el);
    });
    return fields;
  }

  function serialize(form) {
    var values = {};
    var fields = fieldsOf(form);
    Object.keys(fields).forEach(function (name) {
      var list = [];
      fields[name].forEach(function (el) {
        var type = (el.type || "").toLowerCase();
        if (type === "checkbox" || type === "radio") {
          if (el.checked) {
            list.push(el.value);
          }
        } else if (el.tagName === "SELECT" && el.multiple) {
          each(el.options, function (option) {
            if (option.selected) {
              list.push(option.value);
            }
          });
        } else {
          list.push(el.value);
        }
      });
      values[name] = list;
    });
    return values;
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  // Rows added on the page before it was left come back: press the table's add button
  // (rows.js copies its template) until every kept field has its input again.
  function ensureRows(form, values) {
    for (var pass = 0; pass < 8; pass += 1) {
      var added = false;
      Object.keys(values).forEach(function (name) {
        if (fieldsOf(form)[name]) {
          return;
        }
        var found;
        var pattern = /-([0-9]+)-/g;
        while ((found = pattern.exec(name)) !== null) {
          var table = name.slice(0, found.index);
          var prefix = name.slice(0, found.index + found[0].length);
          var present = Object.keys(fieldsOf(form)).some(function (other) {
            return other.indexOf(prefix) === 0;
          });
          if (present) {
            continue; // this row is there: look at the tables inside it
          }
          if (addRow(form, table)) {
            added = true;
          }
          return;
        }
      });
      if (!added) {
        return;
      }
    }
  }

  function addRow(form, table) {
    var button = null;
    each(form.querySelectorAll("button[data-rows-add]"), function (el) {
      if (el.getAttribute("data-rows-add") === table) {
        button = el;
      }
    });
    var box = button && button.closest("[data-rows]");
    // rows.js copies the table's template, or for a nested table the one of its kind.
    if (!button || button.disabled || !box || !form.querySelector("template[data-rows-template]")) {
      return false;
    }
    // rows.js handles the click on the form; this stops the button from submitting should
    // it not (the listener on the document runs after the form's).
    var stop = function (event) {
      if (event.target === button) {
        event.preventDefault();
      }
    };
    document.addEventListener("click", stop);
    button.click();
    document.removeEventListener("click", stop);
    return true;
  }

  function restore(form, values) {
    ensureRows(form, values);
    var fields = fieldsOf(form);
    Object.keys(values).forEach(function (name) {
      var list = values[name];
      var position = 0;
      (fields[name] || []).forEach(function (el) {
        var type = (el.type || "").toLowerCase();
        if (type === "checkbox" || type === "radio") {
          el.checked = list.indexOf(el.value) !== -1;
        } else if (el.tagName === "SELECT" && el.multiple) {
          each(el.options, function (option) {
            option.selected = list.indexOf(option.value) !== -1;
          });
        } else if (type !== "hidden" || position < list.length) {
          el.value = position < list.length ? list[position] : "";
          position += 1;
        }
        // show_if rules and live sums follow the restored values.
        el.dispatchEvent(new Event("change", { bubbles: true }));
      });
    });
  }

  // ---- the status line -------------------------------------------------------------------

  function statusLine(form) {
    var line = document.getElementById("autosave-status");
    return function (kind, text) {
      if (line === null) {
        return;
      }
      line.textContent = text || line.getAttribute("data-" + kind) || "";
      line.setAttribute("data-state", kind);
      if (kind === "login") {
        var link = document.createElement("a");
        link.href = line.getAttribute("data-login-url") || "/login";
        link.textContent = line.getAttribute("data-login-link") || "";
        line.appendChild(document.createTextNode(" "));
        line.appendChild(link);
      }
      form.setAttribute("data-autosave-state", kind);
    };
  }

  // ---- one form ----------------------------------------------------------------------------

  function keep(form, store, user) {
    var key = user !== null && store !== null && form.getAttribute("data-keep-key");
    key = key ? PREFIX + user + ":" + key : null;
    var url = form.getAttribute("data-autosave-url");
    var final = form.hasAttribute("data-autosave-final");
    var show = statusLine(form);
    var version = form.querySelector('input[name="_version"]');
    var baseline = serialize(form);
    var state = { dirty: false, busy: false, stopped: false, submitting: false, waiting: false };
    var submitter = null; // the button of a save sent after the autosave on its way

    function read() {
      try {
        return key ? JSON.parse(store.getItem(key)) : null;
      } catch (e) {
        return null;
      }
    }

    function write(extra) {
      if (!key) {
        return;
      }
      var entry = { values: serialize(form), version: version ? version.value : "", at: Date.now() };
      Object.keys(extra || {}).forEach(function (name) {
        entry[name] = extra[name];
      });
      try {
        store.setItem(key, JSON.stringify(entry));
      } catch (e) {
        // full or refused: the page still has the text, and autosave still runs
      }
    }

    function forget() {
      if (key) {
        store.removeItem(key);
      }
    }

    // The guard asks before leaving while the server lacks some of the text.
    function mark(dirty) {
      state.dirty = dirty;
      form.toggleAttribute("data-unsaved", dirty);
    }

    // Kept at once, on every change: the tab may be closed the next moment.
    function changed() {
      mark(!same(serialize(form), baseline));
      if (state.dirty) {
        write();
        if ((!url || final) && key) {
          show("kept"); // saved only by the buttons here: say where the text is meanwhile
        }
      } else {
        forget();
      }
    }

    function loggedOut() {
      state.stopped = true;
      write();
      show("login");
      // The text is kept here and comes back after the new login: no question on the way.
      each(document.querySelectorAll("#autosave-status a"), function (link) {
        link.addEventListener("click", function () {
          form.removeAttribute("data-unsaved");
        });
      });
    }

    function done() {
      state.busy = false;
      if (state.waiting) {
        state.waiting = false;
        form.requestSubmit(submitter || undefined);
      }
    }

    function autosave() {
      if (!url || final || state.stopped || state.busy || !state.dirty || state.submitting) {
        return;
      }
      if (navigator.onLine === false) {
        show("offline");
        return;
      }
      var sent = serialize(form);
      var body = new FormData(form);
      var token = form.querySelector('input[name="csrf_token"]');
      state.busy = true; // nothing said while saving: the status line speaks only of results
      window
        .fetch(url, {
          method: "POST",
          body: body,
          credentials: "same-origin",
          redirect: "manual", // logged out: the login page's redirect, not its HTML
          headers: { Accept: "application/json", "X-CSRFToken": token ? token.value : "" },
        })
        .then(function (response) {
          if (response.type === "opaqueredirect" || response.status === 400 || response.status === 401) {
            loggedOut();
            return null;
          }
          return response.json().then(function (answer) {
            return { status: response.status, answer: answer };
          });
        })
        .then(function (result) {
          if (result === null) {
            return;
          }
          var answer = result.answer || {};
          if (result.status === 200 && answer.outcome === "saved") {
            if (version) {
              version.value = String(answer.version);
            }
            baseline = sent;
            mark(!same(serialize(form), baseline));
            if (state.dirty) {
              write();
            } else {
              forget();
            }
            show("saved", answer.message);
            return;
          }
          if (answer.outcome === "conflict") {
            state.stopped = true; // the save buttons show both versions; text stays here
          } else if (answer.outcome === "final") {
            final = true;
          }
          show("failed", answer.message);
        })
        .catch(function () {
          show(navigator.onLine === false ? "offline" : "failed");
        })
        .then(done, done);
    }

    // A text kept from before (a lost connection, a new login, the Back button) comes back,
    // unless the server already has it or a deliberate save of it went through.
    var kept = read();
    if (kept && kept.values) {
      var pageVersion = version ? version.value : "";
      if (same(kept.values, baseline) || (kept.pending && kept.version !== pageVersion)) {
        forget();
      } else {
        restore(form, kept.values);
        if (version && kept.version !== undefined) {
          version.value = kept.version; // checked against what the text was written on
        }
        mark(true);
        write();
        show("restored");
        window.setTimeout(autosave, 0);
      }
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("rows:changed", changed);
    form.addEventListener("focusout", function (event) {
      if (event.target && event.target.name && !SKIP[event.target.name]) {
        autosave();
      }
    });
    window.setInterval(autosave, INTERVAL);
    window.addEventListener("online", function () {
      if (state.dirty) {
        autosave();
      }
    });
    form.addEventListener("submit", function (event) {
      if (state.busy) {
        // An autosave is on its way and will move the version: send this save after it.
        event.preventDefault();
        state.waiting = true;
        submitter = event.submitter || null;
        return;
      }
      state.submitting = true;
      write({ pending: true });
    });
    each(document.querySelectorAll("[data-discard-kept]"), function (link) {
      link.addEventListener("click", function () {
        forget();
        mark(false);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var store = storage();
    var user = signedIn();
    if (store !== null && user !== null) {
      wipe(store, user); // a shared tablet: nothing of the one before is kept
    }
    each(document.querySelectorAll("form[data-logout]"), function (form) {
      form.addEventListener("submit", function () {
        if (store !== null) {
          wipe(store, null);
        }
      });
    });
    // After the other scripts have set up their forms (rows.js adds the row buttons' clicks).
    window.setTimeout(function () {
      each(document.querySelectorAll("form[data-keep-key]"), function (form) {
        keep(form, store, user);
      });
    }, 0);
  });
})();
