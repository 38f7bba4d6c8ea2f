// Form designer: jump from a problem to its line in the YAML editor, show the caret's line,
// and make the preview interactive (so show_if can be tried) without ever submitting it.
// Loaded as a file: the CSP allows no inline script. Everything works without it.
(function () {
  "use strict";

  function lineStart(text, line) {
    var offset = 0;
    for (var n = 1; n < line; n += 1) {
      var next = text.indexOf("\n", offset);
      if (next === -1) {
        return text.length;
      }
      offset = next + 1;
    }
    return offset;
  }

  function selectLine(editor, line) {
    var text = editor.value;
    var start = lineStart(text, line);
    var end = text.indexOf("\n", start);
    editor.focus();
    editor.setSelectionRange(start, end === -1 ? text.length : end);
    var height = parseFloat(window.getComputedStyle(editor).lineHeight) || 20;
    editor.scrollTop = Math.max(0, (line - 4) * height);
  }

  function caretLine(editor) {
    return editor.value.slice(0, editor.selectionStart).split("\n").length;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var editor = document.getElementById("designer-source");
    var caret = document.getElementById("designer-caret");
    if (editor) {
      document.querySelectorAll("a[data-line]").forEach(function (link) {
        link.addEventListener("click", function (event) {
          event.preventDefault();
          selectLine(editor, parseInt(link.getAttribute("data-line"), 10) || 1);
        });
      });
      if (caret) {
        var template = caret.getAttribute("data-template") || "Linje %s";
        var show = function () {
          caret.textContent = template.replace("%s", String(caretLine(editor)));
        };
        ["keyup", "click", "focus", "select"].forEach(function (type) {
          editor.addEventListener(type, show);
        });
        caret.hidden = false;
        show();
      }
    }
    document.querySelectorAll("form[data-designer-preview]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
      });
      form.querySelectorAll("fieldset[disabled]").forEach(function (fieldset) {
        fieldset.disabled = false;
      });
    });
  });
})();
