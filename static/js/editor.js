/* The rich-text editor of the portal: a <textarea data-rich-text> becomes a Trix editor
   (static/vendor/trix, loaded before this file) with a toolbar of the few things the portal's
   HTML policy keeps (bold, italic, links, bulleted and numbered lists, undo, redo). The textarea
   stays in the form, hidden, and carries the HTML; the server sanitises it again. Without
   JavaScript the textarea is all there is.

   Keyboard: Tab reaches the toolbar's buttons and the editor; Enter or Space presses a button
   (Trix itself listens to the mouse only, so key presses are handed to it as one); Ctrl+B,
   Ctrl+I and Ctrl+K work inside the editor. Trix's default CSS is injected with the page's CSP
   nonce (<meta name="trix-csp-nonce">); the rest of its look is in portal.css. */
(function () {
  "use strict";

  /* The portal stores no files in rich text. */
  document.addEventListener("trix-file-accept", function (event) { event.preventDefault(); });

  var BUTTONS = [
    { name: "bold", attribute: "bold", key: "b" },
    { name: "italic", attribute: "italic", key: "i" },
    { name: "link", attribute: "href", action: "link", key: "k" },
    { name: "bullets", attribute: "bullet" },
    { name: "numbers", attribute: "number" },
    { name: "outdent", action: "decreaseNestingLevel" },
    { name: "indent", action: "increaseNestingLevel" },
    { name: "undo", action: "undo", key: "z" },
    { name: "redo", action: "redo", key: "shift+z" }
  ];

  /* Plain text (a description written before the editor, or without JavaScript) becomes
     paragraphs (Trix's own <div> blocks; a <p> would gain an empty line) and line breaks for
     the editor; HTML opens with a block element, as
     wsis/rich_text.py's is_html decides too. */
  var HTML_START = /^\s*<(?:p|div|ul|ol|h[1-6]|blockquote|pre)[\s>]/i;

  function asHtml(value) {
    if (!value || HTML_START.test(value)) { return value; }
    var escaped = value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    return escaped.replace(/\r\n?/g, "\n").split(/\n\s*\n/).map(function (paragraph) {
      return "<div>" + paragraph.trim().replace(/\n/g, "<br>") + "</div>";
    }).join("");
  }

  function text(textarea, name, fallback) {
    return textarea.getAttribute("data-rich-text-" + name) || fallback;
  }

  function toolbarFor(textarea, editorId) {
    var toolbar = document.createElement("trix-toolbar");
    toolbar.id = textarea.id + "_toolbar";
    var row = document.createElement("div");
    row.className = "rich-text-buttons";
    row.setAttribute("role", "group");
    row.setAttribute("aria-label", text(textarea, "toolbar", "Formatting"));
    row.setAttribute("aria-controls", editorId);
    BUTTONS.forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "rich-text-button rich-text-" + spec.name;
      button.textContent = text(textarea, spec.name, spec.name);
      if (spec.attribute) {
        button.setAttribute("data-trix-attribute", spec.attribute);
        button.setAttribute("aria-pressed", "false");
      }
      if (spec.action) { button.setAttribute("data-trix-action", spec.action); }
      if (spec.key) { button.setAttribute("data-trix-key", spec.key); }
      row.appendChild(button);
    });
    toolbar.appendChild(row);

    var dialogs = document.createElement("div");
    dialogs.setAttribute("data-trix-dialogs", "");
    var dialog = document.createElement("div");
    dialog.className = "rich-text-dialog";
    dialog.setAttribute("data-trix-dialog", "href");
    dialog.setAttribute("data-trix-dialog-attribute", "href");
    var label = document.createElement("label");
    label.setAttribute("for", textarea.id + "_href");
    label.textContent = text(textarea, "url", "Address of the link");
    var input = document.createElement("input");
    input.type = "url";
    input.id = textarea.id + "_href";
    input.name = "href";
    /* Not sent with the form: it only feeds the editor. */
    input.setAttribute("form", textarea.id + "_no_form");
    input.setAttribute("data-trix-input", "");
    input.setAttribute("data-trix-validate-href", "");
    input.required = true;
    dialog.appendChild(label);
    dialog.appendChild(input);
    [["setAttribute", text(textarea, "link-apply", "Link")], ["removeAttribute", text(textarea, "link-remove", "Remove the link")]].forEach(function (pair) {
      var button = document.createElement("input");
      button.type = "button";
      button.className = "button-secondary";
      button.value = pair[1];
      button.setAttribute("data-trix-method", pair[0]);
      button.setAttribute("form", textarea.id + "_no_form");
      dialog.appendChild(button);
    });
    dialogs.appendChild(dialog);
    toolbar.appendChild(dialogs);

    /* Trix presses its buttons on mousedown; a key press on a focused button does the same. */
    row.addEventListener("keydown", function (event) {
      var button = event.target.closest("button");
      if (!button || (event.key !== "Enter" && event.key !== " ")) { return; }
      event.preventDefault();
      button.dispatchEvent(new MouseEvent("mousedown", { bubbles: true, cancelable: true }));
    });
    /* Trix marks active buttons with data-trix-active; assistive technology reads aria-pressed. */
    new MutationObserver(function () {
      row.querySelectorAll("[aria-pressed]").forEach(function (button) {
        button.setAttribute("aria-pressed", button.hasAttribute("data-trix-active") ? "true" : "false");
      });
    }).observe(row, { attributes: true, subtree: true, attributeFilter: ["data-trix-active"] });
    return toolbar;
  }

  function enhance(textarea) {
    var editorId = textarea.id + "_editor";
    var label = document.querySelector('label[for="' + textarea.id + '"]');
    var toolbar = toolbarFor(textarea, editorId);
    var editor = document.createElement("trix-editor");
    editor.id = editorId;
    editor.className = "rich-text-editor";
    editor.setAttribute("input", textarea.id);
    editor.setAttribute("toolbar", toolbar.id);
    if (label) {
      if (!label.id) { label.id = textarea.id + "_label"; }
      editor.setAttribute("aria-labelledby", label.id);
      label.setAttribute("for", editorId);
    }
    var described = textarea.getAttribute("aria-describedby");
    if (described) { editor.setAttribute("aria-describedby", described); }
    if (textarea.getAttribute("aria-invalid") === "true") { editor.setAttribute("aria-invalid", "true"); }
    textarea.value = asHtml(textarea.value);
    var wrapper = document.createElement("div");
    wrapper.className = "rich-text";
    textarea.parentNode.insertBefore(wrapper, textarea);
    wrapper.appendChild(toolbar);
    wrapper.appendChild(editor);
    wrapper.appendChild(textarea);
    textarea.hidden = true;
    /* A draft put back or discarded (portal.js) sets the textarea: the editor follows. */
    textarea.addEventListener("wsis:value-set", function () {
      if (editor.editor) { editor.editor.loadHTML(asHtml(textarea.value)); }
    });
    /* The error summary's link to the field goes to the editor. */
    document.querySelectorAll('a[href="#' + textarea.id + '"]').forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        editor.focus();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.customElements || !window.Trix) { return; }
    document.querySelectorAll("textarea[data-rich-text]").forEach(enhance);
  });
})();
