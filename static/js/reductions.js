/* Headcount-reduction dashboard: the tree table's expand/collapse. The first click on a row's
   toggle loads its children with htmx (hx-trigger="click once", rows inserted after it); later
   clicks hide its descendants or show its children again. No inline script (CSP). */
(function () {
  "use strict";

  function below(row) {
    var path = row.dataset.path, out = [], next = row.nextElementSibling;
    while (next && next.dataset.path && next.dataset.path.indexOf(path) === 0 && next.dataset.path !== path) {
      out.push(next);
      next = next.nextElementSibling;
    }
    return out;
  }

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest(".rd-toggle");
    if (!toggle) return;
    var row = toggle.closest("tr");
    if (toggle.dataset.loaded !== "1") {  // htmx loads the children on this first click
      toggle.dataset.loaded = "1";
      toggle.setAttribute("aria-expanded", "true");
      return;
    }
    var open = toggle.getAttribute("aria-expanded") === "true";
    toggle.setAttribute("aria-expanded", open ? "false" : "true");
    below(row).forEach(function (child) {
      if (open) {
        child.classList.add("d-none");
        var inner = child.querySelector(".rd-toggle[data-loaded='1']");
        if (inner) inner.setAttribute("aria-expanded", "false");
      } else if (child.dataset.parent === row.dataset.code) {
        child.classList.remove("d-none");
      }
    });
  });
})();
