/* "Afdrukken" on form pages (sjabloon) and the folder (bijlage 1): show the button, print on click.
   The button is in the page itself (themes/handboek/main.html), hidden until this script runs. */
(function () {
  "use strict";

  function koppel() {
    var knoppen = document.querySelectorAll("[data-rb-afdrukken]");
    Array.prototype.forEach.call(knoppen, function (knop) {
      if (knop.dataset.rbGekoppeld) return;
      knop.dataset.rbGekoppeld = "ja";
      knop.hidden = false;
      knop.addEventListener("click", function () {
        window.print();
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", koppel);
  } else {
    koppel();
  }
  /* Material's instant navigation (if it is ever switched on) swaps the page without a reload. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(koppel);
  }
})();
