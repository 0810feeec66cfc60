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

  /* The text of a field: a rich-text field (static/js/editor.js) carries the editor's HTML, of
     which only the text counts, as wsis/rich_text.py's long_text_words reads it: blocks, line
     breaks and list items part words, other tags do not, entities are their characters.
     Plain text (no JavaScript yet, or written before the editor) counts as it is. */
  var HTML_START = /^\s*<(?:p|div|ul|ol|h[1-6]|blockquote|pre)[\s>]/i;

  function textOf(field) {
    var value = field.value;
    if (!field.hasAttribute("data-rich-text") || !HTML_START.test(value)) { return value; }
    var text = value
      .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, "")
      .replace(/<li\b[^>]*>|<br\s*\/?>|<\/(?:p|div|li|ul|ol|h[1-6]|blockquote|pre)\s*>/gi, "\n")
      .replace(/<[^<>]*>/g, "");
    /* A textarea's content is text: its entities are decoded, nothing in it is parsed or run. */
    var decoder = document.createElement("textarea");
    decoder.innerHTML = text;
    return decoder.value;
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
        var count = countWords(textOf(field));
        var over = count - limit;
        counter.classList.toggle("word-count-over", over > 0);
        counter.textContent = (over > 0 ? overTemplate : template)
          .replace("%(count)s", count).replace("%(limit)s", limit).replace("%(over)s", over);
      }
      field.addEventListener("input", update);
      /* The rich-text editor writes its HTML into the hidden field without an input event. */
      document.addEventListener("trix-change", function (event) {
        if (event.target.getAttribute("input") === field.id) { update(); }
      });
      update();
    });
  }

  /* Bullet counters: a field of bullets, one per line, with data-bullet-min and -max (the
     outcome template's sections) counts its non-empty lines as the server does. */
  function bulletCounters() {
    document.querySelectorAll("[data-bullet-min]").forEach(function (field) {
      var minimum = parseInt(field.getAttribute("data-bullet-min"), 10);
      var maximum = parseInt(field.getAttribute("data-bullet-max"), 10);
      var counter = document.createElement("p");
      counter.className = "word-count";
      counter.id = field.id + "_bulletcount";
      counter.setAttribute("aria-live", "polite");
      field.insertAdjacentElement("afterend", counter);
      var described = field.getAttribute("aria-describedby");
      field.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);
      function update() {
        var count = field.value.split(/\r?\n/).filter(function (line) {
          return line.replace(/^[\s\-\u2022*\u2013\u00b7]+/, "").trim() !== "";
        }).length;
        var template = field.getAttribute("data-bullet-count-template");
        if (count > maximum) {
          template = field.getAttribute("data-bullet-over-template");
        } else if (count < minimum && count > 0) {
          template = field.getAttribute("data-bullet-under-template");
        }
        counter.classList.toggle("word-count-over", count > maximum);
        counter.textContent = template.replace("%(count)s", count)
          .replace("%(minimum)s", minimum).replace("%(maximum)s", maximum);
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
    bulletCounters();
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

/* Drafts kept as people type: a form with data-autosave (the autosave template tag) keeps its
   fields in this device's localStorage at every change and when the tab is closed. Opened again,
   the form gets them back with a notice and a button to discard them, unless the stored object
   was saved since (data-autosave-stamp differs): then they are not put back over the newer
   version, only shown. Signing out forgets every draft. Without JavaScript (or storage) the
   form is the plain form it is. */
(function () {
  "use strict";

  var PREFIX = "wsis-draft:";
  var SUBMITTED = "wsis-draft-submitted";

  function stores() {
    try {
      window.localStorage.setItem("wsis-probe", "1");
      window.localStorage.removeItem("wsis-probe");
      return { local: window.localStorage, session: window.sessionStorage };
    } catch (error) {
      return null;
    }
  }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      return field.name && !field.disabled && field.name !== "csrfmiddlewaretoken" &&
        ["file", "password", "hidden", "submit", "button", "reset"].indexOf(field.type) === -1 &&
        field.tagName !== "TRIX-EDITOR" && !field.closest("trix-toolbar, [data-autosave-ignore]");
    });
  }

  function read(form) {
    var values = {};
    fields(form).forEach(function (field) {
      var list = values[field.name] || (values[field.name] = []);
      if (field.type === "checkbox" || field.type === "radio") {
        if (field.checked) { list.push(field.value); }
      } else if (field.tagName === "SELECT") {
        Array.prototype.forEach.call(field.selectedOptions, function (option) { list.push(option.value); });
      } else {
        list.push(field.value);
      }
    });
    return values;
  }

  function write(form, values) {
    var seen = {};
    fields(form).forEach(function (field) {
      if (!Object.prototype.hasOwnProperty.call(values, field.name)) { return; }
      var list = values[field.name];
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = list.indexOf(field.value) !== -1;
      } else if (field.tagName === "SELECT") {
        Array.prototype.forEach.call(field.options, function (option) {
          option.selected = list.indexOf(option.value) !== -1;
        });
      } else {
        var index = seen[field.name] || 0;
        field.value = list[index] !== undefined ? list[index] : "";
        seen[field.name] = index + 1;
      }
      /* Word counters, the combobox's chips and the rich-text editor follow the new value. */
      field.dispatchEvent(new Event("input", { bubbles: true }));
      field.dispatchEvent(new Event("change", { bubbles: true }));
      field.dispatchEvent(new CustomEvent("wsis:value-set", { bubbles: true }));
    });
  }

  function same(first, second) {
    return JSON.stringify(first) === JSON.stringify(second);
  }

  function when(at) {
    var date = new Date(at);
    var lang = document.documentElement.lang || undefined;
    var today = new Date().toDateString() === date.toDateString();
    return today
      ? date.toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit" })
      : date.toLocaleString(lang, { dateStyle: "medium", timeStyle: "short" });
  }

  function labelOf(form, field) {
    var label = field.id && form.querySelector('label[for="' + field.id + '"]');
    if (label) { return label.textContent.trim(); }
    var fieldset = field.closest("fieldset");
    var legend = fieldset && fieldset.querySelector("legend");
    return legend ? legend.textContent.trim() : field.name;
  }

  function readable(form, values) {
    /* The draft as label and text, for a person to copy what was not put back. */
    var list = document.createElement("dl");
    list.className = "autosave-draft";
    var shown = {};
    fields(form).forEach(function (field) {
      if (shown[field.name] || !values[field.name] || !values[field.name].join("").trim()) { return; }
      shown[field.name] = true;
      var term = document.createElement("dt");
      term.textContent = labelOf(form, field);
      var text = document.createElement("dd");
      var chosen = values[field.name];
      if (field.tagName === "SELECT") {
        chosen = Array.prototype.filter.call(field.options, function (option) {
          return chosen.indexOf(option.value) !== -1;
        }).map(function (option) { return option.textContent; });
      }
      text.textContent = chosen.join(", ");
      list.appendChild(term);
      list.appendChild(text);
    });
    return list;
  }

  function enhance(form, store) {
    var key = PREFIX + form.getAttribute("data-autosave");
    var stamp = form.getAttribute("data-autosave-stamp") || "";
    var original = read(form);
    var draft = null;
    try { draft = JSON.parse(store.local.getItem(key)); } catch (error) { draft = null; }
    if (store.session.getItem(SUBMITTED) === key) {
      /* Back on the form just sent: it shows what the server kept (saved, or refused with the
         typing in it), so a draft equal to it has done its work. */
      store.session.removeItem(SUBMITTED);
      if (draft && same(draft.values, original)) {
        store.local.removeItem(key);
        draft = null;
      }
    }

    var status = document.createElement("p");
    status.className = "hint autosave-status";
    status.textContent = form.getAttribute("data-autosave-status");
    form.insertBefore(status, form.firstChild);

    var notice = null;
    function showNotice(text, withDraft) {
      notice = document.createElement("div");
      notice.className = "alert alert-warning autosave-notice";
      notice.setAttribute("role", "status");
      notice.tabIndex = -1;
      var message = document.createElement("p");
      message.textContent = text;
      notice.appendChild(message);
      if (withDraft) {
        var details = document.createElement("details");
        var summary = document.createElement("summary");
        summary.textContent = form.getAttribute("data-autosave-show");
        details.appendChild(summary);
        details.appendChild(readable(form, draft.values));
        notice.appendChild(details);
      }
      var discard = document.createElement("button");
      discard.type = "button";
      discard.className = "button-secondary";
      discard.textContent = form.getAttribute("data-autosave-discard");
      discard.addEventListener("click", function () {
        store.local.removeItem(key);
        keptOlder = false;
        if (!withDraft) {
          restoring = true;
          write(form, original);
          restoring = false;
        }
        notice.textContent = "";
        var done = document.createElement("p");
        done.textContent = form.getAttribute("data-autosave-discarded");
        notice.appendChild(done);
        notice.className = "alert autosave-notice";
        notice.focus();
      });
      notice.appendChild(discard);
      form.insertBefore(notice, status.nextSibling);
    }

    var restoring = false;
    var keptOlder = false;
    if (draft && draft.values && !same(draft.values, original)) {
      if (draft.stamp === stamp) {
        restoring = true;
        write(form, draft.values);
        restoring = false;
        showNotice(form.getAttribute("data-autosave-restored").replace("%(time)s", when(draft.at)), false);
      } else {
        showNotice(form.getAttribute("data-autosave-newer").replace("%(time)s", when(draft.at)), true);
        /* That draft stays until it is discarded or new typing replaces it. */
        keptOlder = true;
      }
    }

    var timer = null;
    function save() {
      window.clearTimeout(timer);
      timer = null;
      if (restoring) { return; }
      var values = read(form);
      if (same(values, original)) {
        if (!keptOlder) { store.local.removeItem(key); }
        return;
      }
      keptOlder = false;
      var at = Date.now();
      try {
        store.local.setItem(key, JSON.stringify({ stamp: stamp, at: at, values: values }));
        status.textContent = form.getAttribute("data-autosave-kept").replace("%(time)s", when(at));
      } catch (error) {
        /* Storage full: the form still works; nothing more to keep. */
      }
    }
    function later() {
      if (restoring) { return; }
      window.clearTimeout(timer);
      timer = window.setTimeout(save, 400);
    }
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    form.addEventListener("trix-change", later);
    form.addEventListener("submit", function () {
      save();
      store.session.setItem(SUBMITTED, key);
    });
    window.addEventListener("pagehide", function () { if (timer !== null) { save(); } });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden" && timer !== null) { save(); }
    });
  }

  function forgetAll(store) {
    var keys = [];
    for (var index = 0; index < store.local.length; index += 1) {
      var name = store.local.key(index);
      if (name && name.indexOf(PREFIX) === 0) { keys.push(name); }
    }
    keys.forEach(function (name) { store.local.removeItem(name); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var store = stores();
    if (!store) { return; }
    var sent = store.session.getItem(SUBMITTED);
    var forms = document.querySelectorAll("form[data-autosave]");
    if (sent && !Array.prototype.some.call(forms, function (form) {
      return PREFIX + form.getAttribute("data-autosave") === sent;
    })) {
      /* The form was sent and the next page is another one: it was saved. */
      store.local.removeItem(sent);
      store.session.removeItem(SUBMITTED);
    }
    forms.forEach(function (form) { enhance(form, store); });
    document.querySelectorAll("form[data-forgets-drafts]").forEach(function (form) {
      form.addEventListener("submit", function () { forgetAll(store); });
    });
  });
})();
