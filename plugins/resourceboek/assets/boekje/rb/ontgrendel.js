// Opens a protected booklet page in the browser with WebCrypto only (format: see README).
// The derived key (never the password) is kept in sessionStorage for this tab, so the other pages
// of the same booklet open without asking again; "Vergrendelen" forgets it.
(function () {
  "use strict";
  var PREFIX = "rb-sleutel:";
  var payload = JSON.parse(document.getElementById("rb-versleuteld").textContent);
  var storeKey = PREFIX + payload.salt;
  var encoder = new TextEncoder();
  var form = document.getElementById("rb-formulier");
  var field = document.getElementById("rb-wachtwoord");
  var message = document.getElementById("rb-melding");
  var button = document.getElementById("rb-openen");

  function bytes(b64) {
    return Uint8Array.from(atob(b64), function (c) { return c.charCodeAt(0); });
  }
  function base64(buffer) {
    return btoa(String.fromCharCode.apply(null, new Uint8Array(buffer)));
  }
  function say(text) { message.textContent = text; }

  function derive(password) {
    return crypto.subtle.importKey("raw", encoder.encode(password.normalize("NFC")), "PBKDF2", false, ["deriveKey"])
      .then(function (base) {
        return crypto.subtle.deriveKey(
          { name: "PBKDF2", hash: "SHA-256", salt: bytes(payload.salt), iterations: payload.iter },
          base, { name: "AES-GCM", length: 256 }, true, ["decrypt"]);
      });
  }
  function open(key) {
    return crypto.subtle.decrypt(
      { name: "AES-GCM", iv: bytes(payload.iv), additionalData: encoder.encode(payload.aad) },
      key, bytes(payload.ct)
    ).then(function (plain) { return new TextDecoder().decode(plain); });
  }
  function show(html) {
    // While this shell is still being parsed (the remembered key can decrypt that fast),
    // document.open() is ignored and write() would add the page below the password form.
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () {
        setTimeout(function () { show(html); }, 0);
      }, { once: true });
      return;
    }
    document.open();
    document.write(html);
    document.close();
  }
  function remember(key) {
    return crypto.subtle.exportKey("raw", key).then(function (raw) {
      try { sessionStorage.setItem(storeKey, base64(raw)); } catch (e) { /* private mode: ask per page */ }
    });
  }

  if (!window.crypto || !crypto.subtle) {
    say("Deze browser kan het boekje niet openen. Open het via https:// of gebruik een recente browser.");
    button.disabled = true;
    return;
  }

  var stored = null;
  try { stored = sessionStorage.getItem(storeKey); } catch (e) { stored = null; }
  if (stored) {
    crypto.subtle.importKey("raw", bytes(stored), "AES-GCM", false, ["decrypt"])
      .then(open).then(show)
      .catch(function () { sessionStorage.removeItem(storeKey); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    say("Bezig met openen…");
    button.disabled = true;
    derive(field.value).then(function (key) {
      return open(key).then(function (html) {
        return remember(key).then(function () { show(html); });
      });
    }).catch(function () {
      button.disabled = false;
      field.value = "";
      field.focus();
      say("Dit wachtwoord klopt niet. Controleer het en probeer het opnieuw.");
    });
  });
})();
