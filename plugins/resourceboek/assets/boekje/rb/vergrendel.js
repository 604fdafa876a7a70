// "Vergrendelen": forget the key of every booklet in this tab and show the password page again.
(function () {
  "use strict";
  var button = document.getElementById("rb-vergrendel");
  if (!button) return;
  button.addEventListener("click", function () {
    try {
      Object.keys(sessionStorage).forEach(function (k) {
        if (k.indexOf("rb-sleutel:") === 0) sessionStorage.removeItem(k);
      });
    } catch (e) { /* nothing stored */ }
    window.location.reload();
  });
})();
