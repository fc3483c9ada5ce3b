/* Light rich text for the description editor (bold, italics, lists, links): a contenteditable
 * area with a small toolbar in front of each textarea.js-richtext. The textarea stays in the form
 * (hidden) and receives the area's HTML on every input and on submit; the server sanitises it
 * with nh3. The toolbar comes from <template id="richtext-toolbar"> (translated labels). */
(function () {
  "use strict";

  var SAFE_URL = /^(https?:\/\/|mailto:)/i;

  function parseInert(html) {
    // DOMParser builds a detached document: nothing in it runs.
    var doc = new DOMParser().parseFromString(html || "", "text/html");
    return Array.prototype.slice.call(doc.body.childNodes);
  }

  function serialise(area) {
    var text = (area.textContent || "").replace(/\s+/g, "");
    if (!text && !area.querySelector("li, a")) return "";
    return area.innerHTML;
  }

  function labelFor(textarea) {
    return textarea.id ? document.querySelector('label[for="' + textarea.id + '"]') : null;
  }

  var configured = false;
  function configure() {
    // Enter makes paragraphs (not divs); formatting uses tags (<b>, <i>), never style="".
    if (configured) return;
    configured = true;
    try {
      document.execCommand("defaultParagraphSeparator", false, "p");
      document.execCommand("styleWithCSS", false, false);
    } catch (e) { /* older browsers: the server sanitises whatever comes */ }
  }

  function enhance(textarea) {
    if (textarea.dataset.rtReady) return;
    var template = document.getElementById("richtext-toolbar");
    if (!template) return;
    textarea.dataset.rtReady = "1";
    var wrapper = document.createElement("div");
    wrapper.className = "rt";
    var toolbar = template.content.firstElementChild.cloneNode(true);
    var area = document.createElement("div");
    area.className = "rt-area form-control" + (textarea.classList.contains("is-invalid") ? " is-invalid" : "");
    area.contentEditable = "true";
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    area.id = textarea.id ? textarea.id + "-rt" : "";
    var label = labelFor(textarea);
    if (label) {
      area.setAttribute("aria-label", label.textContent.trim());
      label.setAttribute("for", area.id);
    }
    area.replaceChildren.apply(area, parseInert(textarea.value));
    textarea.classList.add("rt-source");
    textarea.setAttribute("tabindex", "-1");
    textarea.parentNode.insertBefore(wrapper, textarea);
    wrapper.appendChild(toolbar);
    wrapper.appendChild(area);

    function sync() {
      textarea.value = serialise(area);
      textarea.dispatchEvent(new Event("change", { bubbles: true }));
    }
    area.addEventListener("focus", function () {
      configure();
      if (!serialise(area)) {
        // Start inside a paragraph, so that Enter and lists make sibling blocks.
        area.innerHTML = "<p><br></p>";
        var range = document.createRange();
        range.setStart(area.firstChild, 0);
        range.collapse(true);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      }
    });
    area.addEventListener("input", sync);
    area.addEventListener("blur", sync);
    // Pasted text arrives as plain text (Word's styles would only be stripped later anyway).
    area.addEventListener("paste", function (event) {
      var data = event.clipboardData && event.clipboardData.getData("text/plain");
      if (data == null) return;
      event.preventDefault();
      document.execCommand("insertText", false, data);
    });
    // Keep the selection in the area when a toolbar button is pressed.
    toolbar.addEventListener("mousedown", function (event) {
      if (event.target.closest("button")) event.preventDefault();
    });
    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-cmd]");
      if (!button) return;
      area.focus();
      var cmd = button.dataset.cmd;
      if (cmd === "createLink") {
        var url = window.prompt(toolbar.dataset.linkPrompt || "URL", "https://");
        if (!url) return;
        url = url.trim();
        if (!SAFE_URL.test(url)) {
          window.alert(toolbar.dataset.linkInvalid || "http(s)://, mailto:");
          return;
        }
        document.execCommand("createLink", false, url);
      } else {
        document.execCommand(cmd, false, null);
      }
      sync();
    });
  }

  function enhanceAll(root) {
    (root || document).querySelectorAll("textarea.js-richtext").forEach(enhance);
  }

  function syncAll(form) {
    form.querySelectorAll(".rt").forEach(function (wrapper) {
      var area = wrapper.querySelector(".rt-area");
      var textarea = wrapper.nextElementSibling;
      if (area && textarea && textarea.tagName === "TEXTAREA") textarea.value = serialise(area);
    });
  }

  document.addEventListener("submit", function (event) {
    syncAll(event.target);
  }, true);

  window.VTVLRichText = { enhance: enhance, enhanceAll: enhanceAll, syncAll: syncAll };
  enhanceAll(document);
})();
