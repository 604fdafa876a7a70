// Dutch stemming for Material's search worker (loaded instead of it, from the same folder).
// Material adds a trailing wildcard to every query term and lunr does not stem wildcard terms, so
// "bijeenkomsten*" never matched a page that only says "bijeenkomst". Each term's Dutch stem is
// added as an extra (OR) term: "bijeenkomsten* bijeenkomst*".
// The stemmer of lunr-languages keeps the spelling changes of a plural ("plannen" -> "plann",
// "brieven" -> "briev", "huizen" -> "huiz", "straten" -> "strat") while the singular in the index
// stems to "plan", "brief", "huis", "straat". So the spelling variants of the stem are added too,
// both ways (singular -> plural as well): every regular plural finds its singular and back.
importScripts("__MATERIAL_WORKER__");
(function () {
  "use strict";
  var CONSONANT = "bcdfghjklmnpqrstvwxz";
  var SHORT_VOWEL = "aeou";

  function isConsonant(ch) {
    return !!ch && CONSONANT.indexOf(ch) !== -1;
  }

  // f/v and s/z at the end of a stem: brief/brieven, huis/huizen.
  function voiced(stem) {
    var last = stem.slice(-1);
    var swap = { f: "v", v: "f", s: "z", z: "s" }[last];
    return swap ? [stem, stem.slice(0, -1) + swap] : [stem];
  }

  // A doubled final consonant (plann -> plan) and a doubled or single vowel before the last
  // consonant (strat <-> straat, dom <-> doom).
  function spelling(stem) {
    var out = [stem];
    var n = stem.length;
    var last = stem.charAt(n - 1);
    if (n > 3 && isConsonant(last) && stem.charAt(n - 2) === last) out.push(stem.slice(0, -1));
    var vowel = stem.charAt(n - 2);
    if (n > 3 && isConsonant(last) && SHORT_VOWEL.indexOf(vowel) !== -1) {
      if (stem.charAt(n - 3) === vowel) {
        out.push(stem.slice(0, n - 2) + last); // straat -> strat
      } else if (isConsonant(stem.charAt(n - 3))) {
        out.push(stem.slice(0, n - 1) + vowel + last); // strat -> straat
      }
    }
    return out;
  }

  function variants(word) {
    var stem = lunr.nl.stemmer(new lunr.Token(word)).toString();
    var found = {};
    [stem].forEach(function (base) {
      voiced(base).forEach(function (v) {
        spelling(v).forEach(function (s) {
          found[s] = true;
        });
      });
    });
    delete found[word];
    return Object.keys(found).filter(function (s) {
      return s.length >= 3;
    });
  }

  var search = lunr.Index.prototype.search;
  lunr.Index.prototype.search = function (query) {
    if (!lunr.nl || !lunr.nl.stemmer) return search.call(this, query);
    var extra = [];
    query.split(/\s+/).forEach(function (term) {
      var match = /^([^\s*+\-~^:]{4,})\*$/.exec(term);
      if (!match) return;
      variants(match[1].toLowerCase()).forEach(function (v) {
        extra.push(v + "*");
      });
    });
    return search.call(this, extra.length ? query + " " + extra.join(" ") : query);
  };
})();
