// Crisis Runbook: copy buttons for templates, and date marks checked against
// today's date in the reader's browser (the built pages hold no build date).
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-runbook-copy]");
    if (!button) return;
    var source = document.getElementById(button.getAttribute("data-runbook-copy"));
    if (!source) return;
    var text = source.textContent;
    var done = function () {
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = "Copy text"; }, 2000);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () { selectText(source); });
    } else {
      selectText(source);
    }
  });

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function today() {
    return new Date().toISOString().slice(0, 10);
  }

  function markDates() {
    document.querySelectorAll("[data-due]").forEach(function (el) {
      if (el.getAttribute("data-due") < today()) {
        el.classList.add("runbook-overdue");
        el.textContent = el.getAttribute("data-due") + " (overdue)";
      }
    });
    document.querySelectorAll("[data-stale-after]").forEach(function (el) {
      if (el.getAttribute("data-stale-after") < today() && !el.classList.contains("runbook-stale")) {
        el.classList.remove("runbook-verified");
        el.classList.add("runbook-stale");
        el.textContent = el.textContent.replace(/^verified/, "stale");
      }
    });
  }

  function nameSearchDialog() {
    // Material's search dialog has no accessible name of its own
    var search = document.querySelector(".md-search[role=dialog]");
    if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search");
  }

  function ready() {
    markDates();
    nameSearchDialog();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
