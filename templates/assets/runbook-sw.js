// Crisis Runbook: the service worker that keeps the whole site on the device, so every
// page opens with no network after one visit. The build writes the list of the site's
// files and a hash of their contents below: a new build is a new cache, which replaces
// the old one. Only those files are ever cached, all of them from this site.
"use strict";

var VERSION = "__RUNBOOK_VERSION__";
var FILES = __RUNBOOK_FILES__;
var PREFIX = "runbook:" + self.registration.scope + ":";
var CACHE = PREFIX + VERSION;
var META = new URL("runbook-offline.json", self.registration.scope).href;
var PATIENCE_MS = 4000;  // a slow network is as bad as none at 2 a.m.: use the copy

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    // from the server, never the browser's HTTP cache, which may still hold the old build
    var requests = FILES.map(function (path) {
      return new Request(new URL(path, self.registration.scope).href, {cache: "reload"});
    });
    return cache.addAll(requests).then(function () {
      var saved = JSON.stringify({version: VERSION, saved: new Date().toISOString()});
      return cache.put(META, new Response(saved, {headers: {"Content-Type": "application/json"}}));
    });
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PREFIX) === 0 && name !== CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function fromCache(request) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request, {ignoreSearch: true}).then(function (hit) {
      if (hit || request.mode !== "navigate") return hit;
      // a folder's address is its index.html
      var url = new URL(request.url);
      url.hash = "";
      url.search = "";
      if (url.pathname.slice(-1) === "/") return cache.match(url.href + "index.html");
      return undefined;
    });
  });
}

// The network first, so a reader online always gets the current plan; the saved copy when
// the network fails or takes too long. Requests outside this site are left alone.
self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.url.indexOf(self.registration.scope) !== 0) return;
  if (request.url === META) {
    event.respondWith(fromCache(request).then(function (hit) { return hit || fetch(request); }));
    return;
  }
  event.respondWith(new Promise(function (resolve, reject) {
    var settled = false;
    var fallback = function () {
      if (settled) return;
      fromCache(request).then(function (hit) {
        if (settled) return;
        if (hit) { settled = true; resolve(hit); }
      });
    };
    var timer = setTimeout(fallback, PATIENCE_MS);
    // asked of the server every time (a cheap 304 when nothing changed), never answered
    // from the browser's HTTP cache alone: a number changed in the plan shows at once
    fetch(request.url, {cache: "no-cache", credentials: "same-origin",
      redirect: request.mode === "navigate" ? "manual" : "follow"}).then(function (response) {
      clearTimeout(timer);
      if (settled) return;
      if (response.ok || response.status === 404 || response.type === "opaqueredirect") {
        settled = true;
        resolve(response);
        return;
      }
      fromCache(request).then(function (hit) { settled = true; resolve(hit || response); });
    }, function (error) {
      clearTimeout(timer);
      fromCache(request).then(function (hit) {
        if (settled) return;
        settled = true;
        if (hit) resolve(hit); else reject(error);
      });
    });
  }));
});
