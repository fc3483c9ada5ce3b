/* Report charts (Chart.js, vendored): every <canvas data-chart="ID"> is drawn from the JSON of
   <script type="application/json" id="ID"> (Django's json_script), which holds a Chart.js
   configuration: {"type": "bar", "data": {...}, "options": {...}}. No inline script, so the
   Content-Security-Policy stays strict. Charts drawn in content that htmx swaps in are drawn too.
   Numbers on axes and tooltips use the page's language (vi: 1.234; en: 1,234). */
(function () {
  "use strict";
  var lang = document.documentElement.lang || "vi";

  function draw(root) {
    if (typeof Chart === "undefined") return;
    (root || document).querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (canvas.dataset.drawn) return;
      var source = document.getElementById(canvas.dataset.chart);
      if (!source) return;
      var config = JSON.parse(source.textContent);
      config.options = config.options || {};
      config.options.locale = lang === "en" ? "en-GB" : "vi-VN";
      config.options.responsive = true;
      config.options.maintainAspectRatio = false;
      config.options.animation = false;
      canvas.dataset.drawn = "1";
      new Chart(canvas, config);
    });
  }

  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSwap", function (event) { draw(event.target); });
})();
