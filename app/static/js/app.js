// Starts Det Fælles Designsystem's components and the page-wide behaviour every page shares.
// Loaded as a file: the CSP allows no inline script.
(function () {
  "use strict";

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  // After a save, focus goes to what the server said (the error summary, else the message
  // that it was saved), not to the top of the page. A page that already moved focus (a new
  // row, autofocus) or opened at an anchor keeps it.
  function focusMessage() {
    if (window.location.hash || (document.activeElement && document.activeElement !== document.body)) {
      return;
    }
    var target =
      document.querySelector("[data-testid='error-summary'][data-focus-on-load]") ||
      document.querySelector("[data-focus-on-load]");
    if (target !== null) {
      target.focus();
    }
  }

  // A fallback for markup that shows an error without saying so to assistive technology:
  // every input in a DKFDS error group is marked invalid.
  function markInvalid() {
    each(document.querySelectorAll(".form-group.form-error"), function (group) {
      each(group.querySelectorAll("input:not([type=hidden]), select, textarea"), function (el) {
        if (!el.hasAttribute("aria-invalid")) {
          el.setAttribute("aria-invalid", "true");
        }
      });
    });
  }

  // Tables too wide for the screen scroll inside their own box (WCAG 1.4.10), and a box
  // that scrolls can be reached and scrolled with the keyboard (tabindex, a name).
  function scrollBoxes() {
    var label = document.body.getAttribute("data-scroll-label") || "";
    each(document.querySelectorAll("main table"), function (table) {
      var box = table.parentElement;
      if (!box.classList.contains("table--responsive-scroll")) {
        box = document.createElement("div");
        box.className = "table--responsive-scroll";
        table.parentElement.insertBefore(box, table);
        box.appendChild(table);
      }
      box.setAttribute("data-scroll-box", "");
      if (!box.hasAttribute("aria-label")) {
        var named = headingOf(table);
        box.setAttribute("aria-label", named ? label + ": " + named : label);
      }
    });
    updateScrollBoxes();
  }

  // What a table is about: its caption, else the nearest heading or legend before it.
  function headingOf(table) {
    var caption = table.querySelector("caption");
    if (caption !== null) {
      return caption.textContent.replace(/\s+/g, " ").trim();
    }
    var node = table;
    while (node !== null && node.tagName !== "MAIN") {
      var sibling = node.previousElementSibling;
      while (sibling !== null) {
        if (/^(H[1-4]|LEGEND)$/.test(sibling.tagName)) {
          return sibling.textContent.replace(/\s+/g, " ").trim();
        }
        sibling = sibling.previousElementSibling;
      }
      node = node.parentElement;
    }
    return "";
  }

  function updateScrollBoxes() {
    each(document.querySelectorAll("[data-scroll-box]"), function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
      } else if (box.getAttribute("tabindex") === "0") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
      }
    });
  }

  // A PDF takes a moment to make: say so while it downloads, then hand it to the browser.
  function busyDownloads() {
    each(document.querySelectorAll("a[data-download-busy]"), function (link) {
      link.addEventListener("click", function (event) {
        var status = document.querySelector("[data-download-status]");
        if (!window.fetch || !window.URL || !URL.createObjectURL || status === null) {
          return; // the browser downloads it the ordinary way
        }
        event.preventDefault();
        if (link.getAttribute("aria-busy") === "true") {
          return;
        }
        link.setAttribute("aria-busy", "true");
        link.classList.add("is-busy");
        status.textContent = status.getAttribute("data-busy-text");
        fetch(link.href, { credentials: "same-origin" })
          .then(function (response) {
            if (!response.ok) {
              throw new Error(String(response.status));
            }
            var disposition = response.headers.get("Content-Disposition") || "";
            var found = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(disposition);
            var name = found ? decodeURIComponent(found[1] || found[2]) : "";
            return response.blob().then(function (blob) {
              var url = URL.createObjectURL(blob);
              var save = document.createElement("a");
              save.href = url;
              save.download = name;
              document.body.appendChild(save);
              save.click();
              save.remove();
              window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
              status.textContent = "";
            });
          })
          .catch(function () {
            status.textContent = status.getAttribute("data-failed-text");
          })
          .then(function () {
            link.removeAttribute("aria-busy");
            link.classList.remove("is-busy");
          });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (window.DKFDS && typeof window.DKFDS.init === "function") {
      window.DKFDS.init();
    }
    // Buttons that ask before a consequential action (data-confirm="…").
    each(document.querySelectorAll("[data-confirm]"), function (el) {
      el.addEventListener("click", function (event) {
        if (!window.confirm(el.getAttribute("data-confirm"))) {
          event.preventDefault();
        }
      });
    });
    markInvalid();
    scrollBoxes();
    busyDownloads();
    focusMessage();
    window.addEventListener("resize", updateScrollBoxes);
    document.addEventListener("rows:changed", updateScrollBoxes);
  });
})();
