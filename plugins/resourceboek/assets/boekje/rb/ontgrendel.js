// Opens a protected booklet page in the browser with WebCrypto and DecompressionStream only
// (format 4: see SECURITY.md).
// The associated data is built here from where the page is (booklet folder and page path) and the
// page's build counter; the version and the number of PBKDF2 rounds are checked against constants,
// never taken from the page. A page older than one this browser opened before is refused.
(function () {
  "use strict";
  var VERSION = 4, MIN_ITERATIONS = 600000, MAX_ITERATIONS = 10000000;
  var keys = window.rbSleutels;
  var payload = JSON.parse(document.getElementById("rb-versleuteld").textContent);
  var encoder = new TextEncoder();
  var form = document.getElementById("rb-formulier");
  var field = document.getElementById("rb-wachtwoord");
  var toggle = document.getElementById("rb-toon");
  var device = document.getElementById("rb-onthoud");
  var message = document.getElementById("rb-melding");
  var button = document.getElementById("rb-openen");

  function bytes(b64) {
    return Uint8Array.from(atob(b64), function (c) { return c.charCodeAt(0); });
  }
  function say(text) { message.textContent = text; }
  function refuse(text) { say(text); button.disabled = true; }
  function derive(password) {
    return crypto.subtle.importKey("raw", encoder.encode(keys.clean(password)), "PBKDF2", false, ["deriveKey"])
      .then(function (base) {
        return crypto.subtle.deriveKey(
          { name: "PBKDF2", hash: "SHA-256", salt: bytes(payload.salt), iterations: payload.iter },
          base, { name: "AES-GCM", length: 256 }, false, ["decrypt"]);
      });
  }
  function open(key) {
    var aad = ["resourceboek", VERSION, keys.token, payload.n, keys.pagePath()].join(":");
    return crypto.subtle.decrypt(
      { name: "AES-GCM", iv: bytes(payload.iv), additionalData: encoder.encode(aad) },
      key, bytes(payload.ct)
    ).then(function (plain) {
      keys.seen(payload.n);  // authentic: the counter is in the associated data
      return unpack(new Uint8Array(plain));
    });
  }
  function unpack(plain) {
    // 4 bytes: the length of the packed page (zlib), then the page, then zero bytes (padding).
    var size = new DataView(plain.buffer, plain.byteOffset, 4).getUint32(0);
    var packed = new Blob([plain.subarray(4, 4 + size)]).stream();
    return new Response(packed.pipeThrough(new DecompressionStream("deflate"))).text();
  }
  function styled() {
    // The page's stylesheets, preloaded by this shell while the password is typed: the decrypted
    // page is written once they are in, and is drawn with them at once, never unstyled first.
    // Waited for as they are, not fetched again: WebKit does not reuse a fetch() of the same file
    // for a <link rel="stylesheet">, and a second stylesheet of the same file keeps Firefox's
    // written page loading for ever.
    var links = document.querySelectorAll('link[rel="preload"][as="style"]');
    return Promise.all(Array.prototype.map.call(links, function (link) {
      return new Promise(function (done) {
        if (performance.getEntriesByName(link.href, "resource").length) return done();  // in
        link.addEventListener("load", done);
        link.addEventListener("error", done);  // offline without it: the page still opens
        setTimeout(done, 3000);  // a browser that never says: open anyway
      });
    }));
  }
  function show(html) {
    styled().then(function () { write(html); });
  }
  function write(html) {
    // While this shell is still being parsed (a kept key can decrypt that fast),
    // document.open() is ignored and write() would add the page below the password form.
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () {
        setTimeout(function () { write(html); }, 0);
      }, { once: true });
      return;
    }
    document.open();
    document.write(html);
    document.close();
  }
  function offline() {
    // After one visit over http(s) the booklet opens without a network (sw.js: encrypted files only).
    if (!/^https?:$/.test(location.protocol) || !navigator.serviceWorker) return;
    navigator.serviceWorker.register(new URL("sw.js", keys.root).href, { scope: keys.root.pathname })
      .catch(function () { /* no offline copy: the booklet still works online */ });
  }

  if (!window.crypto || !crypto.subtle || !window.DecompressionStream || !keys) {
    refuse("Deze browser kan het boekje niet openen. Open het via https:// of gebruik een recente browser.");
    return;
  }
  if (payload.v !== VERSION || !(payload.iter >= MIN_ITERATIONS && payload.iter <= MAX_ITERATIONS) ||
      !(Number.isSafeInteger(payload.n) && payload.n >= 0)) {
    refuse("Deze pagina hoort niet bij dit boekje of is veranderd. Vraag je regieondersteuner om een nieuwe link.");
    return;
  }
  offline();  // also for a refused page: the worker fetches the newest pages first
  if (keys.older(payload.n)) {
    refuse("Deze pagina is ouder dan een versie van je boekje die je hier al eerder hebt geopend. " +
      "Laad de pagina opnieuw. Blijft deze melding staan? Vraag dan je regieondersteuner om hulp.");
    return;
  }
  if (window.indexedDB) device.parentElement.hidden = false;
  keys.find(payload.salt).then(function (key) {
    if (key) return open(key).then(show);
  }).catch(function () { /* the kept key does not fit (any more): ask */ });

  toggle.addEventListener("click", function () {
    var hidden = field.type === "password";
    field.type = hidden ? "text" : "password";
    toggle.firstChild.textContent = hidden ? "Verberg" : "Toon";
    field.focus();
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    say("Bezig met openen…");
    button.disabled = true;
    derive(field.value).then(function (key) {
      return open(key).then(function (html) {
        return keys.keep(payload.salt, key, device.checked).then(function () { show(html); });
      });
    }).catch(function () {
      button.disabled = false;
      field.focus();
      field.select();  // what was typed stays, ready to be corrected or typed over
      say("Dit wachtwoord klopt niet. Controleer het en probeer het opnieuw.");
    });
  });
})();
