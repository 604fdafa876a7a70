// Dutch stemming for Material's search worker (loaded instead of it, from the same folder).
// Material adds a trailing wildcard to every query term and lunr does not stem wildcard terms, so
// "bijeenkomsten*" never matched a page that only says "bijeenkomst". Each term's Dutch stem is
// added as an extra (OR) term: "bijeenkomsten* bijeenkomst*".
importScripts("__MATERIAL_WORKER__");
(function () {
  "use strict";
  var search = lunr.Index.prototype.search;
  lunr.Index.prototype.search = function (query) {
    if (!lunr.nl || !lunr.nl.stemmer) return search.call(this, query);
    var extra = [];
    query.split(/\s+/).forEach(function (term) {
      var match = /^([^\s*+\-~^:]{4,})\*$/.exec(term);
      if (!match) return;
      var word = match[1].toLowerCase();
      var stem = lunr.nl.stemmer(new lunr.Token(word)).toString();
      if (stem && stem !== word) extra.push(stem + "*");
    });
    return search.call(this, extra.length ? query + " " + extra.join(" ") : query);
  };
})();
