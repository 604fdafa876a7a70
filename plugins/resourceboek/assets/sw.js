// Offline copy of one booklet (written at build time into the booklet's folder; scope: that folder).
// It caches the booklet's own files as they come from the host: the lock pages with their
// ciphertext, the encrypted PDF and the theme's public files. It never sees a decrypted page:
// pages are decrypted inside the page, after this worker has handed over the ciphertext.
"use strict";
var VERSION = __VERSION__;
var FILES = __FILES__;
var SCOPE = self.registration.scope;
var CACHE = "rb-boekje:" + SCOPE + ":" + VERSION;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(FILES.map(function (name) {
      return new Request(new URL(name, SCOPE).href, { cache: "no-store" });
    }));
  }).then(function () { return self.skipWaiting(); }));
});

// No clients.claim(): a page this worker starts to control while it is open no longer gets the
// stylesheets it loaded from the browser's memory cache (WebKit, Chromium), and the decrypted page
// would be drawn unstyled first. The page that registers the worker stays as it is; the next page
// opened (also offline) goes through the worker.
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("rb-boekje:" + SCOPE + ":") === 0 && name !== CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }));
});

// Online the host's answer (the newest build); offline the cached copy.
self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  event.respondWith(fetch(request).catch(function () {
    var url = new URL(request.url);
    url.search = "";
    url.hash = "";
    if (url.pathname.slice(-1) === "/") url.pathname += "index.html";
    return caches.open(CACHE).then(function (cache) { return cache.match(url.href); })
      .then(function (found) { return found || Response.error(); });
  }));
});
