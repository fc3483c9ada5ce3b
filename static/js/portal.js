/* VTVL Portal behaviour: no inline scripts (CSP), so every handler lives here. */
(function () {
  "use strict";
  // Organisation tree: expand/collapse. htmx loads children once; later clicks only toggle.
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest(".org-toggle");
    if (!toggle) return;
    var node = toggle.closest(".org-node");
    var open = node.getAttribute("aria-expanded") === "true";
    node.setAttribute("aria-expanded", open ? "false" : "true");
  });
  // Forms that ask for confirmation before submitting (data-confirm).
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form.js-confirm");
    if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
  });
})();
