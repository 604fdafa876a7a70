// The editor's form: checks as you type (the server runs the same checks as
// `resourceboek check`), messages beside their fields, names of new people in
// the lists to choose from. Without this script the form still works: every
// button posts the form and the page comes back with the messages in place.
(function () {
  "use strict";
  var form = document.getElementById("formulier");
  if (!form) { return; }
  var timer = null;

  function answers() {
    var data = new URLSearchParams(new FormData(form));
    data.delete("_actie");
    return data;
  }

  function clearMessages() {
    form.querySelectorAll("ul.fouten").forEach(function (list) {
      list.textContent = "";
    });
    form.querySelectorAll("[aria-invalid]").forEach(function (field) {
      field.removeAttribute("aria-invalid");
    });
  }

  function item(problem, withLink) {
    var li = document.createElement("li");
    li.className = problem.soort;
    if (withLink) {
      var a = document.createElement("a");
      a.href = "#" + problem.doel;
      a.textContent = problem.veld;
      li.appendChild(a);
      li.appendChild(document.createTextNode(": " + problem.tekst));
    } else {
      li.textContent = problem.tekst;
    }
    return li;
  }

  function show(result) {
    clearMessages();
    var summary = document.getElementById("samenvatting");
    summary.textContent = "";
    document.getElementById("samenvatting-telling").textContent = result.telling;
    result.problemen.forEach(function (problem) {
      summary.appendChild(item(problem, true));
      var list = document.getElementById(problem.doel + "-fout");
      if (list) { list.appendChild(item(problem, false)); }
      var field = document.getElementById(problem.doel);
      if (field && /^(INPUT|SELECT|TEXTAREA)$/.test(field.tagName)) {
        field.setAttribute("aria-invalid", "true");
      }
    });
  }

  function check() {
    fetch(form.dataset.controle, {
      method: "POST",
      body: answers(),
      credentials: "same-origin",
      cache: "no-store"
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (result) {
      if (result) { show(result); }
    }).catch(function () { /* the server stopped: the next save says so */ });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, 400);
  }

  function renamePerson(field) {
    var match = /^personen\.([a-z0-9-]+)\.naam$/.exec(field.name);
    if (!match) { return; }
    var text = field.value.trim() || ("Nieuwe persoon (" + match[1] + ")");
    form.querySelectorAll('[data-persoon="' + match[1] + '"]').forEach(function (el) {
      el.textContent = text;
    });
  }

  form.addEventListener("input", function (event) {
    renamePerson(event.target);
    later();
  });
  form.addEventListener("change", later);
  // Enter in a one-line field must not press the first button of the form.
  form.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.tagName === "INPUT" &&
        event.target.type !== "submit") {
      event.preventDefault();
    }
  });
}());
