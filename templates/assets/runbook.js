// Crisis Runbook: copy buttons for templates, and date marks checked against
// today's date in the reader's browser (the built pages hold no build date).
(function () {
  "use strict";

  // Every word this script adds to a page, in one place, for the message catalog.
  var T = {
    accountable: "Accountable: ",
    callFirst: "Call first",
    writeFirst: "Write first",
    backup: "Backup ",
    noBackup: "No backup is named for this role.",
    copy: "Copy the message",
    copied: "Copied",
    copyArea: "The message, to copy",
    fillIn: "Fill in before copying (optional)",
    stillEmpty: "Still empty: ",
    pressAndHold: "Press and hold the text above (or use Ctrl+C) to copy it."
  };

  // The "Call now" block, as the level pages have it (templates/_call.md.j2): the
  // accountable role's people, primary first, each one full-width tel: (or mailto:) link.
  function callBlock(level) {
    var box = document.createElement("div");
    box.className = "runbook-call";
    var role = document.createElement("p");
    role.className = "runbook-call-role";
    var strong = document.createElement("strong");
    strong.textContent = T.accountable + level.owner;
    role.appendChild(strong);
    box.appendChild(role);
    var list = document.createElement("ul");
    level.call.forEach(function (person, i) {
      var item = document.createElement("li");
      var a = document.createElement("a");
      a.className = "runbook-call-person";
      a.href = person.phone ? "tel:" + person.tel : "mailto:" + person.email;
      [["runbook-call-tag", i ? T.backup + i : (person.phone ? T.callFirst : T.writeFirst)],
       ["runbook-call-name", person.name],
       [person.phone ? "runbook-phone" : "runbook-email", person.phone || person.email]
      ].forEach(function (part, j) {
        var span = document.createElement("span");
        span.className = part[0];
        span.textContent = part[1];
        if (j) a.appendChild(document.createTextNode(" "));
        a.appendChild(span);
      });
      item.appendChild(a);
      list.appendChild(item);
    });
    box.appendChild(list);
    if (level.call.length < 2) {
      var none = document.createElement("p");
      none.textContent = T.noBackup;
      box.appendChild(none);
    }
    return box;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-runbook-copy]");
    if (!button) return;
    var source = document.getElementById(button.getAttribute("data-runbook-copy"));
    if (!source) return;
    copyMessage(button, source);
  });

  // Placeholders in a message ({incident_title}); "{{" and "}}" are literal braces.
  var PLACEHOLDER = /\{\{|\}\}|\{([a-z][a-z0-9_]*)\}/g;

  function placeholderNames(text) {
    var names = [];
    text.replace(PLACEHOLDER, function (all, name) {
      if (name && names.indexOf(name) < 0) names.push(name);
      return all;
    });
    return names;
  }

  // Small fields above a copy button, one per placeholder of its message; a name filled in
  // once is filled in every message of the page.
  function fillFields(button, source) {
    var names = placeholderNames(source.textContent);
    if (!names.length || button.previousElementSibling &&
        button.previousElementSibling.classList.contains("runbook-fill")) return;
    var box = document.createElement("fieldset");
    box.className = "runbook-fill";
    var legend = document.createElement("legend");
    legend.textContent = T.fillIn;
    box.appendChild(legend);
    names.forEach(function (name) {
      var id = source.id + "-fill-" + name;
      var label = document.createElement("label");
      label.setAttribute("for", id);
      label.textContent = "{" + name + "}";
      var input = document.createElement("input");
      input.type = "text";
      input.id = id;
      input.setAttribute("data-placeholder", name);
      input.addEventListener("input", function () {
        document.querySelectorAll('input[data-placeholder="' + name + '"]').forEach(function (other) {
          if (other !== input) other.value = input.value;
        });
      });
      box.appendChild(label);
      box.appendChild(input);
    });
    button.parentNode.insertBefore(box, button);
  }

  function filledText(button, source) {
    var values = {};
    var box = button.previousElementSibling;
    if (box && box.classList.contains("runbook-fill")) {
      box.querySelectorAll("input[data-placeholder]").forEach(function (input) {
        values[input.getAttribute("data-placeholder")] = input.value.trim();
      });
    }
    var empty = [];
    var text = source.textContent.replace(PLACEHOLDER, function (all, name) {
      if (!name) return all.charAt(0);
      if (values[name]) return values[name];
      if (empty.indexOf("{" + name + "}") < 0) empty.push("{" + name + "}");
      return "{" + name + "}";
    });
    return {text: text, empty: empty};
  }

  // Copy: the clipboard where the browser allows it (https, localhost); elsewhere (a plain
  // http intranet address) a visible, selected text area to copy from. Never silent.
  function copyMessage(button, source) {
    var message = filledText(button, source);
    var status = button.parentNode.querySelector(".runbook-copy-status");
    if (!status) {
      status = document.createElement("p");
      status.className = "runbook-copy-status";
      status.setAttribute("role", "status");
      button.parentNode.insertBefore(status, button.nextSibling);
    }
    var still = message.empty.length ? " " + T.stillEmpty + message.empty.join(", ") : "";
    var done = function () {
      button.textContent = T.copied;
      status.textContent = T.copied + "." + still;
      setTimeout(function () { button.textContent = T.copy; }, 2000);
    };
    var fallback = function () {
      var area = button.parentNode.querySelector("textarea.runbook-copy-area");
      if (!area) {
        area = document.createElement("textarea");
        area.className = "runbook-copy-area";
        area.readOnly = true;
        area.rows = 6;
        area.setAttribute("aria-label", T.copyArea);
        status.parentNode.insertBefore(area, status);
      }
      area.value = message.text;
      area.focus();
      area.select();
      area.setSelectionRange(0, message.text.length);
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
      status.textContent = (copied ? T.copied + ". " : "") + T.pressAndHold + still;
    };
    if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
      navigator.clipboard.writeText(message.text).then(done, fallback);
    } else {
      fallback();
    }
  }

  function prepareCopyButtons() {
    document.querySelectorAll("button[data-runbook-copy]").forEach(function (button) {
      var source = document.getElementById(button.getAttribute("data-runbook-copy"));
      if (source) fillFields(button, source);
    });
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
  function triageFinder(box) {
    var data = JSON.parse(box.getAttribute("data-triage"));
    // "When unsure" is said once: the page's own note moves into the finder
    var unsure = document.querySelector(".runbook-unsure");
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
        step.appendChild(callBlock(level));
        var page = document.querySelector('.md-content a[href*="' + level.page + '."], .md-content a[href*="' + level.page + '/"]');
        if (page) step.appendChild(el("a", {href: page.getAttribute("href"), class: "md-button md-button--primary"}, "Open the level page"));
      }
      var nav = el("div", {class: "runbook-triage-nav"});
      if (path) nav.appendChild(button("Back", "", function () { go(path.slice(0, -1)); }));
      if (path) nav.appendChild(button("Start over", "", function () { go(""); }));
      box.appendChild(nav);
      if (unsure) box.appendChild(unsure);
      else if (data.when_unsure) box.appendChild(el("p", {class: "runbook-triage-unsure"}, "When unsure: " + data.when_unsure));
    }
    window.addEventListener("popstate", render);
    window.addEventListener("hashchange", render);
    render();
  }

  // The flowchart's level boxes link to "levels/level-N.html"; the page's own links to
  // the levels carry the site's real URLs (directory URLs, a section prefix): use them.
  function linkFlowchartLevels() {
    document.querySelectorAll('.runbook-flowchart a[href^="./levels/level-"]').forEach(function (a) {
      var n = /level-(\d+)/.exec(a.getAttribute("href"))[1];
      var own = document.querySelector('.md-content a[href*="level-' + n + '."]:not(svg a), ' +
        '.md-content a[href*="level-' + n + '/"]:not(svg a)');
      if (own) a.setAttribute("href", own.getAttribute("href"));
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
    prepareCopyButtons();
    var box = document.querySelector(".runbook-incident");
    if (box && window.localStorage) incidentLog(box);
    linkFlowchartLevels();
    var triage = document.querySelector(".runbook-triage[data-triage]");
    if (triage) triageFinder(triage);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
