// Crisis Runbook: copy buttons for templates, and date marks checked against
// today's date in the reader's browser (the built pages hold no build date).
(function () {
  "use strict";
  // Material's instant navigation runs this script again on every runbook page it swaps in
  // (a guest puts it in the page's content): the first copy does the work for all of them.
  if (window.runbookScript) return;
  window.runbookScript = true;

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-runbook-copy]");
    if (!button) return;
    var source = document.getElementById(button.getAttribute("data-runbook-copy"));
    if (!source) return;
    var text = source.textContent;
    var done = function () {
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = "Copy the message"; }, 2000);
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


  // The incident log: during a real incident the level page keeps score. State lives in
  // this browser's localStorage only, keyed by the plan and its version; nothing is sent.
  function incidentLog(box) {
    var planKey = "runbook:" + box.dataset.plan + ":" + box.dataset.version;
    var level = Number(box.dataset.level);
    var every = Number(box.dataset.updateEvery) || 0;
    var actions = Array.prototype.slice.call(document.querySelectorAll("input.runbook-action"));
    var texts = actions.map(function (input) { return input.parentNode.textContent.trim(); });

    function load() {
      try { return JSON.parse(localStorage.getItem(planKey) || "null"); } catch (e) { return null; }
    }
    function save(state) { localStorage.setItem(planKey, JSON.stringify(state)); }
    function hhmm(iso) {
      var d = new Date(iso);
      return ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2);
    }
    function el(tag, attrs, text) {
      var node = document.createElement(tag);
      Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
      if (text !== undefined) node.textContent = text;
      return node;
    }
    function exportText(state) {
      var lines = ["# Incident log: " + box.dataset.plan, "",
        "- Level: " + state.level + " (" + state.levelName + ")",
        "- Started: " + state.started + (state.startedBy ? " by " + state.startedBy : ""),
        "- Closed: " + (state.closed || "open"), "", "## Done", ""];
      var done = Object.keys(state.ticks).sort(function (a, b) {
        return state.ticks[a].at < state.ticks[b].at ? -1 : 1;
      });
      done.forEach(function (i) {
        lines.push("- " + hhmm(state.ticks[i].at) + " " + state.texts[i] + " (" + state.ticks[i].by + ")");
      });
      if (!done.length) lines.push("- nothing ticked");
      lines.push("", "## Not done", "");
      var open = state.texts.filter(function (t, i) { return !state.ticks[i]; });
      open.forEach(function (t) { lines.push("- " + t); });
      if (!open.length) lines.push("- every action was done");
      return lines.join("\n") + "\n";
    }

    function render() {
      var state = load();
      box.textContent = "";
      box.hidden = false;
      box.appendChild(el("h3", {}, "Incident log"));
      box.appendChild(el("p", {class: "runbook-incident-note"},
        "Kept only in this browser (its local storage); nothing is sent anywhere."));
      var label = el("label", {for: "runbook-incident-name"}, "Your name ");
      var name = el("input", {id: "runbook-incident-name", type: "text", autocomplete: "name"});
      name.value = localStorage.getItem("runbook:name") || "";
      name.addEventListener("change", function () { localStorage.setItem("runbook:name", name.value.trim()); });
      label.appendChild(name);
      box.appendChild(label);
      var open = state && !state.closed ? state : null;
      if (open && open.level !== level) {
        box.appendChild(el("p", {}, "An incident is open at level " + open.level + " (" + open.levelName +
          "), started " + hhmm(open.started) + ". Close it on its level page before starting another."));
      }
      if (!open) {
        var start = el("button", {type: "button", class: "md-button md-button--primary"},
          "Start an incident at level " + level);
        start.addEventListener("click", function () {
          localStorage.setItem("runbook:name", name.value.trim());
          save({level: level, levelName: box.dataset.levelName, started: new Date().toISOString(),
            startedBy: name.value.trim(), closed: null, ticks: {}, texts: texts});
          actions.forEach(function (input) { input.checked = false; });
          render();
        });
        box.appendChild(start);
        if (state && state.closed) showExport(state);
        return;
      }
      if (open.level !== level) return;
      actions.forEach(function (input, i) { input.checked = !!open.ticks[i]; });
      var status = el("p", {"aria-live": "polite"});
      var started = new Date(open.started);
      var line = "Started " + hhmm(open.started) + (open.startedBy ? " by " + open.startedBy : "") + ".";
      if (every) {
        var next = new Date(started.getTime());
        while (next <= new Date()) next = new Date(next.getTime() + every * 60000);
        line += " Next status update due at " + hhmm(next.toISOString()) + " (every " + every + " minutes).";
      }
      status.textContent = line;
      box.appendChild(status);
      var list = el("ol", {class: "runbook-incident-timeline", "aria-label": "Actions done"});
      Object.keys(open.ticks).sort(function (a, b) {
        return open.ticks[a].at < open.ticks[b].at ? -1 : 1;
      }).forEach(function (i) {
        list.appendChild(el("li", {}, hhmm(open.ticks[i].at) + " " + texts[i] + " (" + open.ticks[i].by + ")"));
      });
      box.appendChild(list);
      var close = el("button", {type: "button", class: "md-button"}, "Close the incident and export the log");
      close.addEventListener("click", function () {
        var state = load();
        state.closed = new Date().toISOString();
        save(state);
        render();
      });
      box.appendChild(close);
    }

    function showExport(state) {
      var text = exportText(state);
      var label = el("label", {for: "runbook-incident-export"}, "The log, for the after-action review");
      var area = el("textarea", {id: "runbook-incident-export", readonly: "", rows: "10"});
      area.value = text;
      var link = el("a", {download: "incident-level-" + state.level + ".md", class: "md-button"}, "Download it");
      link.href = "data:text/markdown;charset=utf-8," + encodeURIComponent(text);
      box.appendChild(label);
      box.appendChild(area);
      box.appendChild(link);
    }

    actions.forEach(function (input, i) {
      input.addEventListener("change", function () {
        var state = load();
        if (!state || state.closed || state.level !== level) return;
        if (input.checked) {
          state.ticks[i] = {by: localStorage.getItem("runbook:name") || "someone", at: new Date().toISOString()};
        } else {
          delete state.ticks[i];
        }
        save(state);
        render();
      });
    });
    render();
  }


  // "Find the level": the flowchart one question at a time, with big Yes and No buttons.
  // The answers so far live in the URL fragment (#find:yn...), so a step can be sent to a
  // colleague and the browser's Back button works. Without JavaScript the list below shows.
  var currentFinder = null;  // the finder on the page shown now, if any
  window.addEventListener("popstate", function () { if (currentFinder) currentFinder(); });
  window.addEventListener("hashchange", function () { if (currentFinder) currentFinder(); });

  // the link to a level's page that the site engine wrote (the flowchart's box, then any)
  function levelLink(page) {
    var links = document.querySelectorAll(".runbook-flowchart a, article a, main a, [role=main] a");
    var pattern = new RegExp("(^|/)" + page + "(\\.html|/|$)");
    for (var i = 0; i < links.length; i++) {
      var href = svgHref(links[i]);
      if (href && pattern.test(href.split("#")[0])) return href;
    }
    return null;
  }
  function svgHref(a) {
    return a.getAttribute("href") || a.getAttributeNS("http://www.w3.org/1999/xlink", "href");
  }

  function triageFinder(box) {
    var data = JSON.parse(box.getAttribute("data-triage"));
    box.hidden = false;

    function answers() {
      var m = /^#find:([yn]*)$/.exec(location.hash);
      return m ? m[1] : "";
    }
    function go(path) {
      history.pushState(null, "", "#find:" + path);
      render();
    }
    function el(tag, attrs, text) {
      var node = document.createElement(tag);
      Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
      if (text !== undefined) node.textContent = text;
      return node;
    }
    function button(label, cls, onclick) {
      var b = el("button", {type: "button", class: "md-button " + cls}, label);
      b.addEventListener("click", onclick);
      return b;
    }
    function render() {
      var path = answers();
      var node = data.start;
      for (var i = 0; i < path.length && data.questions[node]; i++) {
        node = data.questions[node][path[i] === "y" ? "yes" : "no"];
      }
      box.textContent = "";
      box.appendChild(el("h2", {id: "find-the-level"}, "Find the level"));
      var step = el("div", {class: "runbook-triage-step", "aria-live": "polite"});
      box.appendChild(step);
      if (data.questions[node]) {
        var q = data.questions[node];
        step.appendChild(el("p", {class: "runbook-triage-count"}, "Question " + q.n));
        step.appendChild(el("p", {class: "runbook-triage-ask"}, q.ask));
        var row = el("div", {class: "runbook-triage-answers"});
        row.appendChild(button("Yes", "md-button--primary", function () { go(path + "y"); }));
        row.appendChild(button("No", "md-button--primary", function () { go(path + "n"); }));
        step.appendChild(row);
      } else {
        var level = data.levels[node.replace("level-", "")];
        step.appendChild(el("p", {class: "runbook-triage-result"},
          "Level " + node.replace("level-", "") + ": " + level.name + (level.crisis ? " (a crisis)" : "")));
        var who = el("p", {}, "Owner: " + level.owner + ". " +
          (level.phone ? "Call " : "Write to ") + level.person + (level.phone ? " on " : " at "));
        who.appendChild(level.phone ? el("a", {href: "tel:" + level.tel}, level.phone)
                                    : el("a", {href: "mailto:" + level.email}, level.email));
        who.appendChild(document.createTextNode("."));
        step.appendChild(who);
        var page = levelLink(level.page);
        if (page) step.appendChild(el("a", {href: page, class: "md-button md-button--primary runbook-open-level"}, "Open the level page"));
      }
      var nav = el("div", {class: "runbook-triage-nav"});
      if (path) nav.appendChild(button("Back", "", function () { go(path.slice(0, -1)); }));
      if (path) nav.appendChild(button("Start over", "", function () { go(""); }));
      box.appendChild(nav);
      if (data.when_unsure) box.appendChild(el("p", {class: "runbook-triage-unsure"}, "When unsure: " + data.when_unsure));
    }
    currentFinder = render;
    render();
  }

  // The plugin writes the flowchart's level links for the page's URL. Pages built without
  // it (`runbook render --out`) link to "./levels/level-N.html": where the page's own
  // links to the levels say otherwise (directory URLs), follow them.
  function linkFlowchartLevels() {
    document.querySelectorAll(".runbook-flowchart a").forEach(function (a) {
      var m = /^\.\/levels\/(level-\d+)\.html$/.exec(svgHref(a) || "");
      if (!m) return;
      var links = document.querySelectorAll("article a[href], main a[href], [role=main] a[href]");
      var pattern = new RegExp("(^|/)" + m[1] + "(\\.html|/)");
      for (var i = 0; i < links.length; i++) {
        var href = links[i].getAttribute("href");
        if (!links[i].closest("svg") && pattern.test(href)) {
          a.setAttributeNS("http://www.w3.org/1999/xlink", "xlink:href", href);
          return;
        }
      }
    });
  }

  function nameSearchDialog() {
    // Material's search dialog has no accessible name of its own
    var search = document.querySelector(".md-search[role=dialog]");
    if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search");
  }

  // once per page shown: the first load, and every page instant navigation swaps in
  function ready() {
    markDates();
    nameSearchDialog();
    currentFinder = null;
    var box = document.querySelector(".runbook-incident:not([data-runbook-ready])");
    if (box && window.localStorage) {
      box.setAttribute("data-runbook-ready", "");
      incidentLog(box);
    }
    linkFlowchartLevels();
    var triage = document.querySelector(".runbook-triage[data-triage]");
    if (triage) triageFinder(triage);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(ready);  // Material: the current page now, then each new one
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
