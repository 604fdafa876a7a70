// Where this booklet is and where its keys are kept; used by the lock page and the open pages.
// Keys are non-extractable CryptoKey objects in IndexedDB: script can use them, never read them.
// - "sessie:<token>:<tab>": this tab only (the tab's id is in sessionStorage), at most 12 hours;
// - "apparaat:<token>": only after "Onthoud op dit apparaat", until "Vergeet" or "Vergrendelen".
// On every page load, tab keys past their 12 hours are deleted (of every booklet on this origin).
// Also here: the newest build counter seen of this booklet (localStorage "rb-stand:<token>", to
// refuse an older page) and the message that locks every open tab of this booklet.
(function () {
  "use strict";
  var DB = "resourceboek", STORE = "sleutels", SESSION_MS = 12 * 3600 * 1000;
  var script = document.currentScript;
  // This file is <booklet>/rb/sleutels.js: the booklet's folder is one level up.
  var root = new URL("../", script ? script.src : location.href);
  var token = decodeURIComponent(root.pathname.split("/").filter(Boolean).pop() || "");

  function pagePath() {
    var path = decodeURIComponent(location.pathname.slice(root.pathname.length));
    return path === "" || path.slice(-1) === "/" ? path + "index.html" : path;
  }
  function tabKey() { return "rb-sessie:" + token; }
  function tabId(create) {
    try {
      var id = sessionStorage.getItem(tabKey());
      if (!id && create) {
        id = Array.from(crypto.getRandomValues(new Uint8Array(12)), function (b) {
          return b.toString(16);
        }).join("");
        sessionStorage.setItem(tabKey(), id);
      }
      return id;
    } catch (e) { return null; }
  }
  function request(req) {
    return new Promise(function (resolve, reject) {
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }
  function withStore(mode, work) {
    if (!window.indexedDB) return Promise.reject(new Error("geen IndexedDB"));
    var opening = indexedDB.open(DB, 1);
    opening.onupgradeneeded = function () { opening.result.createObjectStore(STORE); };
    return request(opening).then(function (db) {
      var tx = db.transaction(STORE, mode);
      var result = work(tx.objectStore(STORE));
      return new Promise(function (resolve, reject) {
        tx.oncomplete = function () { db.close(); resolve(result); };
        tx.onerror = tx.onabort = function () { db.close(); reject(tx.error); };
      });
    });
  }
  function read(id) {
    var out = {};
    return withStore("readonly", function (store) {
      var req = store.get(id);
      req.onsuccess = function () { out.value = req.result; };
      return out;
    }).then(function (o) { return o.value; });
  }
  function deleteWhere(test) {
    return withStore("readwrite", function (store) {
      var cursor = store.openCursor();
      cursor.onsuccess = function () {
        var c = cursor.result;
        if (!c) return;
        if (test(String(c.key), c.value)) c.delete();
        c.continue();
      };
    });
  }
  function inTime(record) {
    var age = Date.now() - record.time;
    return age >= 0 && age < SESSION_MS;  // a time in the future (clock set back) counts as expired
  }
  function fresh(record, salt) {
    return record && record.salt === salt && (record.device || inTime(record));
  }
  function expired(id, record) {
    return id.indexOf("sessie:") === 0 && !(record && inTime(record));
  }
  function newestSeen() {
    try { return Number(localStorage.getItem("rb-stand:" + token)) || 0; } catch (e) { return 0; }
  }
  var LOCK = "rb-vergrendel:" + token, channel = null;
  function lockChannel() {
    // One channel per page, to send and to listen: a channel never hears its own messages, so
    // the tab that locks does not lock itself twice.
    if (!channel && window.BroadcastChannel) channel = new BroadcastChannel(LOCK);
    return channel;
  }

  window.rbSleutels = {
    token: token,
    root: root,
    pagePath: pagePath,
    // The password as used (forgiving): NFC, no spaces at the ends, runs of whitespace as one space.
    clean: function (password) {
      return password.normalize("NFC").replace(/[ \t\n\r\u00a0]+/g, " ").replace(/^ | $/g, "");
    },
    // The key of this booklet for this tab or this device, or null.
    find: function (salt) {
      var tab = tabId(false);
      var first = tab ? read("sessie:" + token + ":" + tab) : Promise.resolve(null);
      return first.then(function (record) {
        return fresh(record, salt) ? record : read("apparaat:" + token);
      }).then(function (record) {
        return fresh(record, salt) ? record.key : null;
      }).catch(function () { return null; });
    },
    keep: function (salt, key, device) {
      var tab = tabId(true);
      var now = Date.now();
      return withStore("readwrite", function (store) {
        if (tab) store.put({ salt: salt, key: key, time: now }, "sessie:" + token + ":" + tab);
        if (device) store.put({ salt: salt, key: key, time: now, device: true }, "apparaat:" + token);
      }).catch(function () { /* no storage: every page asks for the password */ });
    },
    onDevice: function () {
      return read("apparaat:" + token).then(Boolean).catch(function () { return false; });
    },
    forgetDevice: function () {
      return deleteWhere(function (id) { return id === "apparaat:" + token; });
    },
    // "Vergrendelen": this booklet's keys of every tab and of the device, and this tab's marker.
    forgetAll: function () {
      try { sessionStorage.removeItem(tabKey()); } catch (e) { /* nothing stored */ }
      return deleteWhere(function (id) {
        return id === "apparaat:" + token || id.indexOf("sessie:" + token + ":") === 0;
      }).catch(function () { /* nothing stored */ });
    },
    // The build counter of a page (format 3): older than the newest one this browser opened?
    older: function (counter) { return counter < newestSeen(); },
    seen: function (counter) {
      try {
        if (counter > newestSeen()) localStorage.setItem("rb-stand:" + token, String(counter));
      } catch (e) { /* no storage: no memory of what was seen */ }
    },
    // "Vergrendelen" in one tab tells every other open tab of this booklet (same origin).
    announceLock: function () {
      try { lockChannel().postMessage("vergrendeld"); } catch (e) { /* none */ }
      try { localStorage.setItem(LOCK, String(Date.now())); } catch (e) { /* none */ }
    },
    onLock: function (callback) {
      try { lockChannel().onmessage = callback; } catch (e) { /* none */ }
      window.addEventListener("storage", function (event) {
        if (event.key === LOCK) callback();
      });
    }
  };

  // A tab key of a tab closed long ago is of no use to anyone, and must not be usable after its
  // 12 hours by whatever script runs on this origin: delete it on every load of any page.
  deleteWhere(expired).catch(function () { /* no storage: nothing kept */ });
})();
