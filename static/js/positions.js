/* Positions pages: the print button of the print views. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    if (event.target.closest(".js-print")) window.print();
  });
})();
