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

/* A long multiple choice (the 193 countries) with data-combobox: a type-ahead filter above the
   list, a count of what is shown, and the chosen values as removable buttons. Without
   JavaScript it stays the plain list it is. */
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function enhance(select) {
    var filterId = select.id + "_filter";
    var wrapper = document.createElement("div");
    wrapper.className = "combobox";
    var label = document.createElement("label");
    label.setAttribute("for", filterId);
    label.className = "combobox-label";
    label.textContent = select.getAttribute("data-filter-label") || "Type to filter the list";
    var input = document.createElement("input");
    input.type = "search";
    input.id = filterId;
    input.setAttribute("aria-controls", select.id);
    input.setAttribute("autocomplete", "off");
    var status = document.createElement("p");
    status.className = "combobox-status hint";
    status.setAttribute("role", "status");
    var chosen = document.createElement("ul");
    chosen.className = "combobox-chosen tag-list";
    chosen.setAttribute("aria-label", select.getAttribute("data-chosen-label") || "Chosen");
    select.parentNode.insertBefore(wrapper, select);
    wrapper.appendChild(label);
    wrapper.appendChild(input);
    wrapper.appendChild(status);
    wrapper.appendChild(select);
    wrapper.appendChild(chosen);

    function showChosen() {
      chosen.textContent = "";
      Array.prototype.forEach.call(select.selectedOptions, function (option) {
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "tag tag-remove";
        button.textContent = option.textContent + " ×";
        button.setAttribute("aria-label", (select.getAttribute("data-remove-label") || "Remove") + " " + option.textContent);
        button.addEventListener("click", function () {
          option.selected = false;
          showChosen();
          input.focus();
        });
        item.appendChild(button);
        chosen.appendChild(item);
      });
    }

    function filter() {
      var query = fold(input.value.trim());
      var shown = 0;
      Array.prototype.forEach.call(select.options, function (option) {
        var match = !query || fold(option.textContent).indexOf(query) !== -1;
        option.hidden = !match;
        if (match) { shown += 1; }
      });
      status.textContent = shown + " / " + select.options.length;
    }

    input.addEventListener("input", filter);
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        select.focus();
      }
    });
    select.addEventListener("change", showChosen);
    filter();
    showChosen();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select[multiple][data-combobox]").forEach(enhance);
  });
})();
