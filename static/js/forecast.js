/* Retirement forecast filters: choosing another organisation clears the "unit" filter (its list
   belongs to the previous organisation) and reloads the page with the new one's units. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var org = document.getElementById("rf-org");
    var unit = document.getElementById("rf-unit");
    if (!org || !unit) return;
    org.addEventListener("change", function () {
      unit.value = "";
      org.form.submit();
    });
  });
})();
