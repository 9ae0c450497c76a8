// Crisis Runbook: copy buttons for templates, and date marks checked against
// today's date in the reader's browser (the built pages hold no build date).
(function () {
  "use strict";
  // Material's instant navigation runs this script again on every runbook page it swaps in
  // (a guest puts it in the page's content): the first copy does the work for all of them.
  if (window.runbookScript) return;
  window.runbookScript = true;

  // Every word this script adds to a page, in one place. A page in another language
  // carries them from the message catalog (generator/site/words.py): see pageWords().
  var ENGLISH = {
    accountable: "Accountable: %(role)s",
    callFirst: "Call first",
    onCallToday: "On call today",
    writeFirst: "Write first",
    backup: "Backup %(n)s",
    noBackup: "No backup is named for this role.",
    copy: "Copy the message",
    copied: "Copied",
    copyArea: "The message, to copy",
    fillIn: "Fill in before copying (optional)",
    stillEmpty: "Still empty: %(names)s",
    pressAndHold: "Press and hold the text above (or use Ctrl+C) to copy it.",
    levelName: "Level %(n)s: %(name)s",
    someone: "someone",
    logTitle: "Incident log: %(plan)s",
    logHeading: "Incident log",
    logNote: "Kept only in this browser (its local storage); nothing is sent anywhere.",
    logName: "Your name",
    logStarted: "Started %(time)s.",
    logStartedBy: "Started %(time)s by %(name)s.",
    logStartedLabel: "Started: %(time)s",
    logStartedLabelBy: "Started: %(time)s by %(name)s",
    logClosed: "Closed: %(time)s",
    logOpen: "open",
    logLevelFrom: "Level %(n)s (%(name)s) from %(time)s",
    logDone: "Done",
    logNotDone: "Not done",
    logNothing: "nothing ticked",
    logAll: "every action was done",
    logOpenAt: "An incident is open at level %(n)s (%(name)s), started %(time)s.",
    logMove: "Move the incident, with its log, to level %(n)s",
    logTickStarts: "Ticking an action starts an incident at this level too.",
    logStart: "Start an incident at level %(n)s",
    logNextUpdate: "Next status update due at %(time)s (every %(minutes)s minutes).",
    logClose: "Close the incident and export the log",
    logExport: "The log, for the after-action review",
    logCopy: "Copy the log",
    logDownload: "Download it",
    logEarlier: "Closed incidents in this browser",
    logEarlierItem: "%(time)s, Level %(levels)s",
    offlineSaved: "Saved on this device for use with no network: %(time)s",
    offlineShowing: "No network: showing the copy saved on this device on %(time)s",
    overdue: "%(date)s (overdue)",
    verified: "verified",
    stale: "stale",
    search: "Search",
    findLevel: "Find the level",
    question: "Question %(n)s",
    yes: "Yes",
    no: "No",
    levelCrisis: "Level %(n)s: %(name)s (a crisis)",
    openLevel: "Open the level page",
    back: "Back",
    startOver: "Start over",
    whenUnsure: "When unsure: %(text)s",
    onCallTodayAfter: "(on call today)",
    onCallTodayLabel: "On call today:",
    until: "(until %(date)s)",
    fromDay: "From %(date)s:",
    nextShifts: "Next shifts:"
  };
  var T = ENGLISH;

  // The page's words (and language), where it is not in English: a hidden element
  // holds them as JSON. English pages carry none and read as they always did.
  function pageWords() {
    T = ENGLISH;
    var box = document.getElementById("runbook-words");
    if (!box) return;
    try {
      var words = JSON.parse(box.getAttribute("data-words"));
      T = {};
      Object.keys(ENGLISH).forEach(function (k) { T[k] = ENGLISH[k]; });
      Object.keys(words).forEach(function (k) { T[k] = words[k]; });
    } catch (e) { T = ENGLISH; }
  }

  // A message with its %(name)s places filled in
  function fill(message, values) {
    return message.replace(/%\((\w+)\)s/g, function (all, name) {
      return values[name] !== undefined ? values[name] : all;
    });
  }

  // A day (YYYY-MM-DD) as the page's language writes it; English pages keep ISO dates.
  function showDay(iso) {
    if (!T.lang || !window.Intl) return iso;
    try {
      return new Intl.DateTimeFormat(T.lang, {dateStyle: "medium", timeZone: "UTC"})
        .format(new Date(iso + "T00:00:00Z"));
    } catch (e) { return iso; }
  }

  // The "Call now" block, as the level pages have it (templates/_call.md.j2): the
  // accountable role's people, primary first, each one full-width tel: (or mailto:) link.
  function callBlock(level) {
    var box = document.createElement("div");
    box.className = "runbook-call";
    var role = document.createElement("p");
    role.className = "runbook-call-role";
    var strong = document.createElement("strong");
    strong.textContent = fill(T.accountable, {role: level.owner});
    role.appendChild(strong);
    box.appendChild(role);
    var list = document.createElement("ul");
    level.call.forEach(function (person, i) {
      var item = document.createElement("li");
      var a = document.createElement("a");
      a.className = "runbook-call-person";
      a.href = person.phone ? "tel:" + person.tel : "mailto:" + person.email;
      [["runbook-call-tag", i ? fill(T.backup, {n: i}) : (person.phone ? T.callFirst : T.writeFirst)],
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
    var still = message.empty.length ? " " + fill(T.stillEmpty, {names: message.empty.join(", ")}) : "";
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

  // A statement with its translations: one tab per language (the ARIA tabs pattern).
  // A click or Enter/Space picks a tab; the arrow keys, Home and End move between them.
  function selectTab(tab, focus) {
    var list = tab.closest("[role=tablist]");
    list.querySelectorAll("[role=tab]").forEach(function (other) {
      var on = other === tab;
      other.setAttribute("aria-selected", on ? "true" : "false");
      other.tabIndex = on ? 0 : -1;
      var panel = document.getElementById(other.getAttribute("aria-controls"));
      if (panel) panel.hidden = !on;
    });
    if (focus) tab.focus();
  }

  document.addEventListener("click", function (event) {
    var tab = event.target.closest(".runbook-tabs [role=tab]");
    if (tab) selectTab(tab, false);
  });

  document.addEventListener("keydown", function (event) {
    var tab = event.target.closest && event.target.closest(".runbook-tabs [role=tab]");
    if (!tab) return;
    var tabs = Array.prototype.slice.call(tab.parentNode.querySelectorAll("[role=tab]"));
    var i = tabs.indexOf(tab);
    // in a right-to-left page the arrows follow the reading direction
    var rtl = getComputedStyle(tab.parentNode).direction === "rtl";
    var next = {ArrowRight: rtl ? i - 1 : i + 1, ArrowLeft: rtl ? i + 1 : i - 1,
                Home: 0, End: tabs.length - 1}[event.key];
    if (next === undefined) return;
    event.preventDefault();
    selectTab(tabs[(next + tabs.length) % tabs.length], true);
  });

  // a link to a translation (#statement-<id>) opens its tab
  function openLinkedTab() {
    var id = decodeURIComponent(location.hash.slice(1));
    var panel = id && document.getElementById(id);
    if (!panel || panel.getAttribute("role") !== "tabpanel") return;
    var tab = document.getElementById(panel.getAttribute("aria-labelledby"));
    if (tab) selectTab(tab, false);
    panel.scrollIntoView();
  }
  window.addEventListener("hashchange", openLinkedTab);

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
        el.textContent = fill(T.overdue, {date: showDay(el.getAttribute("data-due"))});
      }
    });
    document.querySelectorAll("[data-stale-after]").forEach(function (el) {
      if (el.getAttribute("data-stale-after") < today() && !el.classList.contains("runbook-stale")) {
        el.classList.remove("runbook-verified");
        el.classList.add("runbook-stale");
        if (el.textContent.indexOf(T.verified) === 0) {
          el.textContent = T.stale + el.textContent.slice(T.verified.length);
        }
      }
    });
  }


  // The incident log: during a real incident the level page keeps score. State lives in
  // this browser's localStorage only, keyed by the plan and its version; nothing is sent.
  // One incident is open at a time; moving it to another level carries its log along,
  // and every closed incident is kept (listed, exportable) until the reader deletes it.
  function pad(n) { return (n < 10 ? "0" : "") + n; }

  // Local time with its UTC offset, so a log read in another time zone is unambiguous
  function localTime(iso, withDate) {
    var d = new Date(iso);
    var offset = -d.getTimezoneOffset();
    var sign = offset < 0 ? "-" : "+";
    offset = Math.abs(offset);
    var time = pad(d.getHours()) + ":" + pad(d.getMinutes());
    var zone = "UTC" + sign + pad(Math.floor(offset / 60)) + ":" + pad(offset % 60);
    var date = showDay(d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()));
    return (withDate ? date + " " : "") + time + " (" + zone + ")";
  }

  function incidentExport(state, planTitle) {
    var started = {time: localTime(state.started, true), name: state.startedBy};
    var lines = ["# " + fill(T.logTitle, {plan: planTitle}), "",
      "- " + fill(state.startedBy ? T.logStartedLabelBy : T.logStartedLabel, started),
      "- " + fill(T.logClosed, {time: state.closed ? localTime(state.closed, true) : T.logOpen})];
    state.levels.forEach(function (lv) {
      lines.push("- " + fill(T.logLevelFrom, {n: lv.level, name: lv.name, time: localTime(lv.at, true)}));
    });
    state.levels.forEach(function (lv, n) {
      if (state.levels.map(function (x) { return x.level; }).indexOf(lv.level) !== n) return;
      var texts = state.texts[lv.level] || [];
      var done = state.entries.filter(function (e) { return e.level === lv.level; });
      lines.push("", "## " + fill(T.levelName, {n: lv.level, name: lv.name}), "", "### " + T.logDone, "");
      done.forEach(function (e) {
        lines.push("- " + localTime(e.at) + " " + e.text + " (" + e.by + ")");
      });
      if (!done.length) lines.push("- " + T.logNothing);
      var open = texts.filter(function (t, i) { return !state.ticks[lv.level + ":" + i]; });
      lines.push("", "### " + T.logNotDone, "");
      open.forEach(function (t) { lines.push("- " + t); });
      if (!open.length) lines.push("- " + T.logAll);
    });
    return lines.join("\n") + "\n";
  }

  function incidentLog(box) {
    var planKey = "runbook:" + box.dataset.plan + ":" + box.dataset.version;
    var closedKey = planKey + ":closed";
    var level = Number(box.dataset.level);
    var levelName = box.dataset.levelName;
    var every = Number(box.dataset.updateEvery) || 0;
    var actions = Array.prototype.slice.call(document.querySelectorAll("input.runbook-action"));
    var texts = actions.map(function (input) { return input.parentNode.textContent.trim(); });

    function read(key, empty) {
      try { return JSON.parse(localStorage.getItem(key) || "null") || empty; } catch (e) { return empty; }
    }
    // an open incident, in this version's shape (a log from before has no entries: dropped)
    function load() {
      var state = read(planKey, null);
      return state && state.entries && !state.closed ? state : null;
    }
    function save(state) { localStorage.setItem(planKey, JSON.stringify(state)); }
    function me() { return localStorage.getItem("runbook:name") || T.someone; }
    function el(tag, attrs, text) {
      var node = document.createElement(tag);
      Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
      if (text !== undefined) node.textContent = text;
      return node;
    }
    function button(label, cls, onclick) {
      var b = el("button", {type: "button", class: "md-button " + (cls || "")}, label);
      b.addEventListener("click", onclick);
      return b;
    }
    function here(state) {
      // this level joins the incident: its actions, and the time it was reached
      state.texts[level] = texts;
      var last = state.levels[state.levels.length - 1];
      if (!last || last.level !== level) {
        state.levels.push({level: level, name: levelName, at: new Date().toISOString()});
      }
      state.level = level;
      state.levelName = levelName;
      return state;
    }
    function start() {
      var name = localStorage.getItem("runbook:name") || "";
      var state = here({started: new Date().toISOString(), startedBy: name, closed: null,
        levels: [], texts: {}, ticks: {}, entries: []});
      save(state);
      return state;
    }
    function tick(state, i, checked) {
      var key = level + ":" + i;
      if (checked) {
        state.ticks[key] = true;
        state.entries.push({at: new Date().toISOString(), by: me(), level: level, text: texts[i]});
      } else {
        delete state.ticks[key];
        state.entries = state.entries.filter(function (e) {
          return !(e.level === level && e.text === texts[i]);
        });
      }
      save(state);
    }
    function download(state, cls) {
      var text = incidentExport(state, box.dataset.plan);
      var link = el("a", {download: "incident-" + state.started.slice(0, 16).replace(/[^0-9]/g, "") + ".md",
        class: "md-button " + (cls || "")}, T.logDownload);
      link.href = "data:text/markdown;charset=utf-8," + encodeURIComponent(text);
      return link;
    }

    function render() {
      var open = load();
      box.textContent = "";
      box.hidden = false;
      box.appendChild(el("h3", {}, T.logHeading));
      box.appendChild(el("p", {class: "runbook-incident-note"}, T.logNote));
      var label = el("label", {for: "runbook-incident-name"}, T.logName + " ");
      var name = el("input", {id: "runbook-incident-name", type: "text", autocomplete: "name"});
      name.value = localStorage.getItem("runbook:name") || "";
      name.addEventListener("change", function () { localStorage.setItem("runbook:name", name.value.trim()); });
      label.appendChild(name);
      box.appendChild(label);
      if (open && open.level !== level) {
        actions.forEach(function (input) { input.checked = !!open.ticks[level + ":" + actions.indexOf(input)]; });
        box.appendChild(el("p", {}, fill(T.logOpenAt,
          {n: open.level, name: open.levelName, time: localTime(open.started)})));
        box.appendChild(button(fill(T.logMove, {n: level}), "md-button--primary", function () {
          localStorage.setItem("runbook:name", name.value.trim());
          var state = load();
          if (state) save(here(state));
          render();
        }));
      } else if (!open) {
        actions.forEach(function (input) { input.checked = false; });
        var closedBefore = read(closedKey, []);
        // just closed: the export is the main action, a new incident comes after it
        if (closedBefore.length) showExport(closedBefore[closedBefore.length - 1]);
        box.appendChild(el("p", {}, T.logTickStarts));
        box.appendChild(button(fill(T.logStart, {n: level}), closedBefore.length ? "" : "md-button--primary", function () {
          localStorage.setItem("runbook:name", name.value.trim());
          start();
          render();
        }));
      } else {
        actions.forEach(function (input, i) { input.checked = !!open.ticks[level + ":" + i]; });
        var status = el("p", {"aria-live": "polite"});
        var line = fill(open.startedBy ? T.logStartedBy : T.logStarted,
          {time: localTime(open.started), name: open.startedBy});
        if (every) {
          var next = new Date(open.levels[open.levels.length - 1].at);
          while (next <= new Date()) next = new Date(next.getTime() + every * 60000);
          line += " " + fill(T.logNextUpdate, {time: localTime(next.toISOString()), minutes: every});
        }
        status.textContent = line;
        box.appendChild(status);
        var list = el("ol", {class: "runbook-incident-timeline", "aria-label": T.logDone});
        open.levels.forEach(function (lv) {
          list.appendChild(el("li", {class: "runbook-incident-level"},
            localTime(lv.at) + " " + fill(T.levelName, {n: lv.level, name: lv.name})));
        });
        open.entries.forEach(function (e) {
          list.appendChild(el("li", {}, localTime(e.at) + " " + e.text + " (" + e.by + ")"));
        });
        box.appendChild(list);
        box.appendChild(button(T.logClose, "", function () {
          var state = load();
          state.closed = new Date().toISOString();
          var closed = read(closedKey, []);
          closed.push(state);
          localStorage.setItem(closedKey, JSON.stringify(closed));
          localStorage.removeItem(planKey);
          render();
        }));
      }
      var closed = read(closedKey, []);
      if (closed.length) showEarlier(closed);
    }

    // after closing, the export is the main action: the text, a copy button, a download
    function showExport(state) {
      var text = incidentExport(state, box.dataset.plan);
      box.appendChild(el("h4", {}, T.logExport));
      var area = el("textarea", {id: "runbook-incident-export", readonly: "", rows: "10",
        "aria-label": T.logExport});
      area.value = text;
      box.appendChild(area);
      var copy = button(T.logCopy, "md-button--primary", function () {
        var done = function () { status.textContent = T.copied + "."; };
        var fallback = function () {
          area.focus();
          area.select();
          var ok = false;
          try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
          status.textContent = (ok ? T.copied + ". " : "") + T.pressAndHold;
        };
        if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(done, fallback);
        } else {
          fallback();
        }
      });
      box.appendChild(copy);
      box.appendChild(download(state));
      var status = el("p", {role: "status", class: "runbook-copy-status"});
      box.appendChild(status);
    }

    function showEarlier(closed) {
      box.appendChild(el("h4", {}, T.logEarlier));
      var list = el("ul", {class: "runbook-incident-earlier"});
      closed.slice().reverse().forEach(function (state) {
        var item = el("li", {}, fill(T.logEarlierItem, {time: localTime(state.started, true),
          levels: state.levels.map(function (lv) { return lv.level; }).join(" → ")}) + " ");
        item.appendChild(download(state, "runbook-small"));
        list.appendChild(item);
      });
      box.appendChild(list);
    }

    actions.forEach(function (input, i) {
      input.addEventListener("change", function () {
        var state = load();
        // a tick before Start starts the incident at this level: nothing goes unrecorded
        if (!state) state = start();
        else if (state.level !== level) state = here(state);
        tick(state, i, input.checked);
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
      box.appendChild(el("h2", {}, T.findLevel));
      var step = el("div", {class: "runbook-triage-step", "aria-live": "polite"});
      box.appendChild(step);
      if (data.questions[node]) {
        var q = data.questions[node];
        step.appendChild(el("p", {class: "runbook-triage-count"}, fill(T.question, {n: q.n})));
        step.appendChild(el("p", {class: "runbook-triage-ask"}, q.ask));
        var row = el("div", {class: "runbook-triage-answers"});
        row.appendChild(button(T.yes, "md-button--primary", function () { go(path + "y"); }));
        row.appendChild(button(T.no, "md-button--primary", function () { go(path + "n"); }));
        step.appendChild(row);
      } else {
        var level = data.levels[node.replace("level-", "")];
        step.appendChild(el("p", {class: "runbook-triage-result"},
          fill(level.crisis ? T.levelCrisis : T.levelName, {n: node.replace("level-", ""), name: level.name})));
        var call = callBlock(level);
        if (level.rota) onCallFirst(call, level.rota);
        step.appendChild(call);
        var page = levelLink(level.page);
        if (page) {
          if (page.indexOf("#") < 0) page += "#call-now";  // straight to whom to call
          step.appendChild(el("a", {href: page, class: "md-button md-button--primary runbook-open-level"}, T.openLevel));
        }
      }
      var nav = el("div", {class: "runbook-triage-nav"});
      if (path) nav.appendChild(button(T.back, "", function () { go(path.slice(0, -1)); }));
      if (path) nav.appendChild(button(T.startOver, "", function () { go(""); }));
      box.appendChild(nav);
      if (unsure) box.appendChild(unsure);
      else if (data.when_unsure) box.appendChild(el("p", {class: "runbook-triage-unsure"}, fill(T.whenUnsure, {text: data.when_unsure})));
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

  // Offline: served over https or localhost, a built site registers its service worker
  // (beside the manifest), which saves every file of the site on the device. The footer
  // says when this device last saved it. From file:// nothing happens.
  function registerOffline() {
    var manifest = document.querySelector('link[rel="manifest"]');
    if (!manifest || !("serviceWorker" in navigator) || !window.isSecureContext ||
        !/^https?:$/.test(location.protocol)) return;
    var root = new URL(".", manifest.href);
    navigator.serviceWorker.register(new URL("runbook-sw.js", root).href, {scope: root.href})
      .then(function () { return navigator.serviceWorker.ready; })
      .then(function () { showSaved(root); }, function () { /* no worker: the site still works online */ });
    navigator.serviceWorker.addEventListener("controllerchange", function () { showSaved(root); });
  }

  function showSaved(root) {
    if (!window.caches) return;
    caches.match(new URL("runbook-offline.json", root).href).then(function (hit) {
      return hit ? hit.json() : null;
    }).then(function (meta) {
      if (!meta) return;
      var line = document.querySelector(".runbook-offline-status");
      if (!line) {
        var footer = document.querySelector(".md-footer-meta .md-footer-meta__inner") || document.body;
        line = document.createElement("p");
        line.className = "runbook-offline-status";
        footer.appendChild(line);
      }
      line.textContent = fill(navigator.onLine ? T.offlineSaved : T.offlineShowing, {time: localTime(meta.saved, true)});
    }, function () {});
  }

  function nameSearchDialog() {
    // Material's search dialog has no accessible name of its own
    var search = document.querySelector(".md-search[role=dialog]");
    if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", T.search);
  }

  // On-call rotas: who is called first today, worked out here from the rota so a site
  // built weeks ago still names tonight's person. The rule is the plan format's:
  // order[floor(days since starts / every) mod length], days counted in the reader's
  // own calendar (local midnight), so file:// and any time zone agree with the page.
  function dayNumber(date) {
    return Math.floor(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / 86400000);
  }

  function isoDay(number) {
    return new Date(number * 86400000).toISOString().slice(0, 10);
  }

  // A rota as of today: the first day's number, today's shift and who is on which shift.
  function rotaToday(data) {
    var parts = data.starts.split("-").map(Number);
    var start = dayNumber(new Date(parts[0], parts[1] - 1, parts[2]));
    var n = data.order.length;
    return {
      start: start,
      shift: Math.floor((dayNumber(new Date()) - start) / data.every),
      who: function (index) { return data.order[((index % n) + n) % n]; }
    };
  }

  // A call block whose role has a rota: today's person first, everyone else a backup.
  function callRota(block) {
    var data;
    try { data = JSON.parse(block.getAttribute("data-runbook-call-rota")); } catch (e) { return; }
    onCallFirst(block, data);
  }

  function onCallFirst(block, data) {
    var today = rotaToday(data);
    var name = today.who(today.shift).name;
    var items = Array.prototype.slice.call(block.querySelectorAll("li"));
    var mine = items.filter(function (li) {
      var shown = li.querySelector(".runbook-call-name");
      return shown && shown.textContent === name;
    })[0];
    if (!mine) return;
    mine.parentNode.insertBefore(mine, mine.parentNode.firstChild);
    Array.prototype.forEach.call(block.querySelectorAll(".runbook-call-tag"), function (tag, i) {
      tag.textContent = i ? fill(T.backup, {n: i}) : T.onCallToday;
    });
  }

  function rota(box) {
    var data;
    try { data = JSON.parse(box.getAttribute("data-runbook-rota")); } catch (e) { return; }
    var today = rotaToday(data);
    var start = today.start;
    var shift = today.shift;
    var who = today.who;
    function el(tag, attrs, text) {
      var node = document.createElement(tag);
      Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
      if (text !== undefined) node.textContent = text;
      return node;
    }
    function person(p, into) {
      into.appendChild(document.createTextNode(p.name));
      if (p.tel) {
        into.appendChild(document.createTextNode(", "));
        into.appendChild(el("a", {href: "tel:" + p.tel}, p.phone));
      }
    }
    if (box.classList.contains("runbook-rota-today")) {  // inline: today's person only
      box.textContent = "";
      person(who(shift), box);
      box.appendChild(document.createTextNode(" " + T.onCallTodayAfter));
      return;
    }
    var today = el("p", {"class": "runbook-on-call"});
    today.appendChild(el("strong", {}, T.onCallTodayLabel + " "));
    person(who(shift), today);
    var first = start + shift * data.every;
    today.appendChild(document.createTextNode(" " + fill(T.until, {date: showDay(isoDay(first + data.every - 1))})));
    var next = el("ul", {"class": "runbook-next-shifts"});
    for (var i = 1; i <= data.shifts; i++) {
      var from = start + (shift + i) * data.every;
      var item = el("li", {}, fill(T.fromDay, {date: showDay(isoDay(from))}) + " ");
      person(who(shift + i), item);
      next.appendChild(item);
    }
    box.textContent = "";
    box.appendChild(today);
    box.appendChild(el("p", {}, T.nextShifts));
    box.appendChild(next);
  }

  // once per page shown: the first load, and every page instant navigation swaps in
  function ready() {
    pageWords();
    markDates();
    document.querySelectorAll("[data-runbook-rota]").forEach(rota);
    document.querySelectorAll("[data-runbook-call-rota]").forEach(callRota);
    nameSearchDialog();
    currentFinder = null;
    prepareCopyButtons();
    openLinkedTab();
    registerOffline();
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
