// "In mijn agenda": makes an .ics of the next meeting in the browser, from the data-* attributes of
// the decrypted page. Nothing is stored or sent; the file exists only as the download the user asks for.
(function () {
  "use strict";

  function pad(n) {
    return String(n).padStart(2, "0");
  }

  // RFC 5545 text: backslash, semicolon and comma escaped, line breaks as \n.
  function text(value) {
    return String(value)
      .replace(/\\/g, "\\\\")
      .replace(/;/g, "\\;")
      .replace(/,/g, "\\,")
      .replace(/\r?\n/g, "\\n");
  }

  // Local ("floating") time: the meeting is at 19:00 where the person is.
  function stamp(date, time) {
    return date.replace(/-/g, "") + "T" + time.replace(":", "") + "00";
  }

  function endTime(begin, end) {
    if (end) return end;
    var parts = begin.split(":");
    var hour = Math.min(Number(parts[0]) + 1, 23);
    return pad(hour) + ":" + parts[1];
  }

  function utcNow() {
    var d = new Date();
    return (
      d.getUTCFullYear() + pad(d.getUTCMonth() + 1) + pad(d.getUTCDate()) + "T" +
      pad(d.getUTCHours()) + pad(d.getUTCMinutes()) + pad(d.getUTCSeconds()) + "Z"
    );
  }

  function calendar(data) {
    var lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//resourceboek//agenda//NL",
      "CALSCALE:GREGORIAN",
      "BEGIN:VEVENT",
      "UID:" + stamp(data.datum, data.begin) + "-" + Math.random().toString(36).slice(2) + "@resourceboek",
      "DTSTAMP:" + utcNow(),
      "DTSTART:" + stamp(data.datum, data.begin),
      "DTEND:" + stamp(data.datum, endTime(data.begin, data.eind)),
      "SUMMARY:" + text(data.titel),
    ];
    if (data.waar) lines.push("LOCATION:" + text(data.waar));
    lines.push("END:VEVENT", "END:VCALENDAR");
    return lines.join("\r\n") + "\r\n";
  }

  function download(button) {
    var blob = new Blob([calendar(button.dataset)], { type: "text/calendar;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "bijeenkomst-" + button.dataset.datum + ".ics";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () {
      URL.revokeObjectURL(link.href);
    }, 1000);
  }

  function init() {
    var buttons = document.querySelectorAll("button.rb-agenda");
    buttons.forEach(function (button) {
      button.hidden = false; // without this script the button would do nothing: it stays hidden
      var hint = button.closest(".rb-volgende").querySelector(".rb-agenda-uitleg");
      if (hint) hint.hidden = false;
      button.addEventListener("click", function () {
        download(button);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
