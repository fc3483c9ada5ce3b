/* Import/export screens (no inline scripts: CSP). */
(function () {
  "use strict";
  // An upload over the size limit is refused before it is sent (the server checks again).
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[type=file][data-max-size]")) return;
    var file = input.files && input.files[0];
    var tooBig = file && file.size > Number(input.dataset.maxSize);
    input.setCustomValidity(tooBig ? input.dataset.tooBig : "");
    if (tooBig) input.reportValidity();
  });
  // Forms sent once: a second click while the first request runs does nothing (the server is
  // idempotent anyway); the button shows that the work has started.
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form.js-once");
    if (!form || event.defaultPrevented) return;
    // A form with data-confirm asks first (cancelling an import).
    if (form.dataset.confirm && form.dataset.sent !== "1" && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    if (form.dataset.sent === "1") {
      event.preventDefault();
      return;
    }
    form.dataset.sent = "1";
    form.querySelectorAll("button[type=submit]").forEach(function (button) {
      button.classList.add("disabled");
      button.setAttribute("aria-disabled", "true");
      var spinner = button.querySelector(".js-once-spinner");
      if (spinner) spinner.classList.remove("d-none");
    });
  });
  // Coming back with the browser's back button: the page may come from the bfcache, sent.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form.js-once[data-sent]").forEach(function (form) {
      delete form.dataset.sent;
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        button.classList.remove("disabled");
        button.removeAttribute("aria-disabled");
        var spinner = button.querySelector(".js-once-spinner");
        if (spinner) spinner.classList.add("d-none");
      });
    });
  });
})();
