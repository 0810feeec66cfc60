/* The portal's progressive enhancements. Every page works without this file; it is served by the
   project (no inline script, so the Content Security Policy stays strict). */
(function () {
  "use strict";

  /* Filter panels are <details open>: on a narrow screen they start closed, so the results come
     first and the filters are one tap away. */
  function collapseFilterPanels() {
    document.querySelectorAll("details[data-collapse-below]").forEach(function (panel) {
      var query = "(max-width: " + panel.getAttribute("data-collapse-below") + ")";
      if (window.matchMedia && window.matchMedia(query).matches) {
        panel.removeAttribute("open");
      }
    });
  }

  /* Word counters: a field with data-word-limit gets a live count below it, announced politely. */
  function countWords(text) {
    var words = text.trim().split(/\s+/);
    return words[0] === "" ? 0 : words.length;
  }

  function wordCounters() {
    document.querySelectorAll("[data-word-limit]").forEach(function (field) {
      var limit = parseInt(field.getAttribute("data-word-limit"), 10);
      var counter = document.createElement("p");
      counter.className = "word-count";
      counter.id = field.id + "_wordcount";
      counter.setAttribute("aria-live", "polite");
      field.insertAdjacentElement("afterend", counter);
      var described = field.getAttribute("aria-describedby");
      field.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);
      var template = field.getAttribute("data-word-count-template") || "%(count)s of %(limit)s words";
      var overTemplate = field.getAttribute("data-word-over-template") || "%(count)s words: %(over)s too many";
      function update() {
        var count = countWords(field.value);
        var over = count - limit;
        counter.classList.toggle("word-count-over", over > 0);
        counter.textContent = (over > 0 ? overTemplate : template)
          .replace("%(count)s", count).replace("%(limit)s", limit).replace("%(over)s", over);
      }
      field.addEventListener("input", update);
      update();
    });
  }

  /* The error summary takes focus, so a screen reader announces it and the links are next. */
  function focusErrorSummary() {
    var summary = document.querySelector(".error-summary");
    if (summary) { summary.focus(); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    collapseFilterPanels();
    wordCounters();
    focusErrorSummary();
  });
})();
