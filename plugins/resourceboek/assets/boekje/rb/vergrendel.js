// The buttons of an open booklet page (and its folded parts on paper): "Vergrendelen" forgets this booklet's keys (this tab, other
// tabs and this device), tells the other open tabs of this booklet to lock too and shows the
// password page again; "Vergeet dit apparaat" forgets only the key kept on this device. A page
// brought back by "Terug" from the browser's cache is reloaded, so that it opens only while a key
// is still kept.
(function () {
  "use strict";
  var keys = window.rbSleutels;
  var lock = document.getElementById("rb-vergrendel");
  var forget = document.getElementById("rb-vergeet");

  window.addEventListener("pageshow", function (event) {
    if (event.persisted) window.location.reload();
  });
  // Nothing of the page in the picture the browser keeps of it for "Terug".
  window.addEventListener("pagehide", function (event) {
    if (event.persisted) document.documentElement.style.visibility = "hidden";
  });
  // Locked elsewhere: nothing of the decrypted page stays in this tab; reloading shows the lock
  // page, as the keys are gone.
  function lockHere() {
    document.title = "Beveiligd boekje";
    document.documentElement.style.visibility = "hidden";
    if (document.body) document.body.textContent = "";  // every element and its text gone
    window.location.reload();
  }
  if (keys) keys.onLock(lockHere);
  // On paper every folded part is open ("Meer nummers" on the crisis card): a printed page
  // cannot be tapped. Folded again afterwards.
  var unfolded = [];
  window.addEventListener("beforeprint", function () {
    unfolded = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"),
      function (part) { part.open = true; return true; });
  });
  window.addEventListener("afterprint", function () {
    unfolded.forEach(function (part) { part.open = false; });
    unfolded = [];
  });
  if (lock) {
    lock.addEventListener("click", function () {
      (keys ? keys.forgetAll() : Promise.resolve()).then(function () {
        if (keys) keys.announceLock();
        window.location.reload();
      });
    });
  }
  if (forget && keys) {
    keys.onDevice().then(function (kept) { forget.hidden = !kept; });
    forget.addEventListener("click", function () {
      keys.forgetDevice().then(function () {
        forget.hidden = true;
        if (lock) lock.focus();
      });
    });
  }
})();
