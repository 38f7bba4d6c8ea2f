// Visual form editor: drag a field (or a column within its table) to a new place, offer
// only the values the chosen show_if field can have, and switch the preview between
// computer and phone width.
// Everything here also works without JavaScript: the buttons "Flyt op"/"Flyt ned" post
// the form, and "Anvend" brings the values of a newly chosen field.
(function () {
  "use strict";

  function submitWith(form, button) {
    if (form.requestSubmit) {
      form.requestSubmit();
    } else {
      form.submit();
    }
  }

  // Where a drop lands: the position among the list's rows (the dragged one included).
  function dropIndex(list, clientY) {
    var items = Array.prototype.slice.call(list.querySelectorAll(":scope > li"));
    for (var i = 0; i < items.length; i += 1) {
      var box = items[i].getBoundingClientRect();
      if (clientY < box.top + box.height / 2) {
        return i;
      }
    }
    return items.length;
  }

  // A field is dragged to any section; a column only within its own table (its rows are
  // inside the field's row, so their events are kept from the section's list).
  function setUpDragging(form) {
    var place = form.querySelector("[data-designer-place]");
    var placeTo = form.querySelector("[data-designer-place-to]");
    var dragged = null;
    function nameOf(item) {
      return item.getAttribute("data-field") || item.getAttribute("data-column");
    }
    function draggable(item) {
      item.addEventListener("dragstart", function (event) {
        if (event.target !== item) {
          return; // a column's own row started it
        }
        dragged = item;
        item.classList.add("designer-dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", nameOf(item));
      });
      item.addEventListener("dragend", function () {
        item.classList.remove("designer-dragging");
        dragged = null;
      });
    }
    function dropZone(list, where, accepts) {
      list.addEventListener("dragover", function (event) {
        if (dragged && accepts(dragged)) {
          event.preventDefault();
          event.stopPropagation();
          event.dataTransfer.dropEffect = "move";
        }
      });
      list.addEventListener("drop", function (event) {
        if (!dragged || !accepts(dragged)) {
          return;
        }
        event.preventDefault();
        event.stopPropagation();
        place.value = nameOf(dragged);
        placeTo.value = where + ":" + dropIndex(list, event.clientY);
        submitWith(form);
      });
    }
    form.querySelectorAll("li[draggable]").forEach(draggable); // fields and columns
    form.querySelectorAll("ol[data-section]").forEach(function (list) {
      dropZone(list, list.getAttribute("data-section"), function (item) {
        return item.hasAttribute("data-field");
      });
    });
    form.querySelectorAll("ol[data-table]").forEach(function (list) {
      dropZone(list, list.getAttribute("data-table"), function (item) {
        return item.parentElement === list;
      });
    });
  }

  function setUpShowIf(form) {
    var field = form.querySelector("#prop-show_field");
    var value = form.querySelector("#prop-show_value");
    var test = form.querySelector("#prop-show_test");
    var boxes = form.querySelector("[data-show-values]");
    if (!field || !value) {
      return;
    }
    var values = JSON.parse(field.getAttribute("data-values") || "{}");
    // "har værdien" shows one value, "er en af" the checkboxes, "er udfyldt" neither.
    function showParts() {
      form.querySelectorAll("[data-show-when]").forEach(function (part) {
        part.hidden = !test || part.getAttribute("data-show-when") !== test.value;
      });
    }
    function fillBoxes(options) {
      if (!boxes) {
        return;
      }
      var ticked = {};
      boxes.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
        ticked[box.value] = true;
      });
      boxes.querySelectorAll(".form-group-checkbox, [data-show-values-empty]").forEach(
        function (old) { old.remove(); }
      );
      options.forEach(function (pair, index) {
        var wrap = document.createElement("div");
        wrap.className = "form-group-checkbox";
        var box = document.createElement("input");
        box.className = "form-checkbox";
        box.type = "checkbox";
        box.name = "p_show_values";
        box.id = "prop-show_values-" + (index + 1);
        box.value = pair[0];
        box.checked = Boolean(ticked[pair[0]]);
        var label = document.createElement("label");
        label.className = "form-label";
        label.htmlFor = box.id;
        label.textContent = pair[1];
        wrap.appendChild(box);
        wrap.appendChild(label);
        boxes.appendChild(wrap);
      });
    }
    function refresh() {
      var options = values[field.value] || [];
      var chosen = value.value;
      value.innerHTML = "";
      options.forEach(function (pair) {
        var option = document.createElement("option");
        option.value = pair[0];
        option.textContent = pair[1];
        option.selected = pair[0] === chosen;
        value.appendChild(option);
      });
      fillBoxes(options);
      value.disabled = options.length === 0;
      if (test && options.length === 0 && field.value) {
        test.value = "not_empty";
      }
      showParts();
    }
    field.addEventListener("change", refresh);
    // A field chosen before this script ran (a slow connection): offer its values now.
    if (field.value && value.options.length === 0) {
      refresh();
    }
    if (test) {
      test.addEventListener("change", showParts);
    }
    showParts();
  }

  function setUpChoices(form) {
    var box = form.querySelector("[data-designer-choices]");
    if (!box) {
      return;
    }
    function refresh() {
      var mode = box.querySelector("input[name=p_choices_mode]:checked");
      box.querySelectorAll("[data-choices]").forEach(function (part) {
        part.hidden = mode && part.getAttribute("data-choices") !== mode.value;
      });
    }
    box.querySelectorAll("input[name=p_choices_mode]").forEach(function (radio) {
      radio.addEventListener("change", refresh);
    });
    refresh();
  }

  // The preview's form answers as the form will (its rows, "vis kun hvis") and is never
  // submitted.
  function enablePreview(frame) {
    frame.querySelectorAll("form[data-designer-preview]").forEach(function (preview) {
      preview.addEventListener("submit", function (event) {
        event.preventDefault();
      });
      preview.querySelectorAll("fieldset[disabled]").forEach(function (fieldset) {
        fieldset.disabled = false;
      });
      if (window.enindgangFormengine) {
        window.enindgangFormengine.enhance(preview);
      }
      if (window.enindgangRows) {
        window.enindgangRows.enhance(preview); // a table's add/remove buttons, as on the page
      }
    });
  }

  // The preview follows what the leader types in the properties panel, 400 ms after the
  // last key, without saving anything: the server applies the unsaved properties to the
  // posted YAML and sends the preview back. Without JavaScript each click redraws it.
  function setUpLivePreview(form) {
    var url = form.getAttribute("data-preview-url");
    var frame = document.querySelector("[data-designer-frame]");
    var panel = form.querySelector(".designer-properties");
    if (!url || !frame || !panel || !window.fetch || !window.FormData) {
      return;
    }
    var timer = null;
    var sent = 0;
    function refresh() {
      sent += 1;
      var number = sent;
      window.fetch(url, { method: "POST", body: new FormData(form), credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.text() : null;
        })
        .then(function (html) {
          if (html === null || number !== sent) {
            return; // a later answer is on its way, or the server said no: keep the old one
          }
          frame.innerHTML = html;
          enablePreview(frame);
        })
        .catch(function () {});
    }
    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 400);
    }
    panel.addEventListener("input", later);
    panel.addEventListener("change", later);
  }

  function setUpWidths() {
    var bar = document.querySelector("[data-designer-widths]");
    var frame = document.querySelector("[data-designer-frame]");
    if (!bar || !frame) {
      return;
    }
    bar.hidden = false;
    bar.querySelectorAll("button[data-width]").forEach(function (button) {
      button.addEventListener("click", function () {
        var phone = button.getAttribute("data-width") === "phone";
        frame.classList.toggle("designer-phone", phone);
        bar.querySelectorAll("button[data-width]").forEach(function (other) {
          other.setAttribute("aria-pressed", other === button ? "true" : "false");
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-designer-form]");
    if (form) {
      setUpDragging(form);
      setUpShowIf(form);
      setUpChoices(form);
      setUpLivePreview(form);
    }
    setUpWidths();
    // The preview is inert without JavaScript (its fieldset is disabled); with it, the
    // preview answers as the form will (rows added, "vis kun hvis"), from the first load.
    var frame = document.querySelector("[data-designer-frame]");
    if (frame) {
      enablePreview(frame);
    }
  });
})();
