// "Lees voor": reads the open page aloud with a Dutch voice of the device itself (the Web Speech
// API's speechSynthesis). Only a voice whose localService is true is used: any other voice may send
// the text to a server, and a booklet's text never leaves the device. Without such a voice (or
// without speechSynthesis) the button stays hidden.
(function () {
  "use strict";
  var button = document.getElementById("rb-lees-voor");
  var synth = window.speechSynthesis;
  if (!button || !synth || typeof window.SpeechSynthesisUtterance !== "function") return;
  var label = button.textContent;
  var reading = false;

  function localDutchVoice() {
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      var voice = voices[i];
      if (voice.localService === true && /^nl([-_]|$)/i.test(voice.lang || "")) return voice;
    }
    return null;
  }

  // The page's own text as shown (closed "Meer nummers" and hidden parts are not read), one
  // utterance per line: some engines stop a long utterance after some seconds.
  function pageLines() {
    var article = document.querySelector("article.rb-inhoud") || document.body;
    return article.innerText.split(/\n+/).map(function (line) {
      return line.trim();
    }).filter(Boolean);
  }

  function show(on) {
    reading = on;
    button.textContent = on ? "Stop met voorlezen" : label;
    button.setAttribute("aria-pressed", on ? "true" : "false");
  }

  function read(voice) {
    var lines = pageLines();
    synth.cancel();
    lines.forEach(function (line, i) {
      var utterance = new window.SpeechSynthesisUtterance(line);
      utterance.voice = voice;
      utterance.lang = voice.lang;
      if (i === lines.length - 1) utterance.onend = function () { show(false); };
      synth.speak(utterance);
    });
    show(lines.length > 0);
  }

  button.addEventListener("click", function () {
    var voice = localDutchVoice();
    if (reading || !voice) {
      synth.cancel();
      show(false);
      return;
    }
    read(voice);
  });

  // Voices often arrive after the page: look again when the device has listed them.
  function offer() {
    button.hidden = !localDutchVoice();
  }
  offer();
  if (typeof synth.addEventListener === "function") synth.addEventListener("voiceschanged", offer);
  // Leaving or locking the page stops the voice.
  window.addEventListener("pagehide", function () { synth.cancel(); });
})();
