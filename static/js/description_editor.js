/* The description editor: the ordered task list (a Django formset) and the competency levels.
 * Rows are added by cloning <template id="task-template"> (the formset's empty form), moved up
 * and down by moving their DOM nodes (typed text, including rich text, moves with them) and
 * removed from the DOM; after every change the rows are renumbered (names and ids, the hidden
 * ORDER inputs, TOTAL_FORMS), so the server reads the tasks in the order shown. */
(function () {
  "use strict";

  var list = document.getElementById("task-list");
  var form = document.getElementById("description-editor");
  if (!list || !form) return;

  var prefix = list.dataset.prefix;
  var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
  var initial = document.getElementById("id_" + prefix + "-INITIAL_FORMS");
  var template = document.getElementById("task-template");
  var emptyNote = document.getElementById("task-empty-note");
  var indexPattern = new RegExp("(" + prefix + "-)(\\d+|__prefix__)(-)", "g");
  var ATTRS = ["name", "id", "for", "aria-describedby", "aria-labelledby"];
  var dirty = false;

  function rows() {
    return Array.prototype.filter.call(list.children, function (el) {
      return el.hasAttribute("data-task-row");
    });
  }

  function renumber() {
    var all = rows();
    all.forEach(function (row, i) {
      row.querySelectorAll("*").forEach(function (el) {
        ATTRS.forEach(function (attr) {
          var value = el.getAttribute(attr);
          if (value && value.indexOf(prefix + "-") !== -1) {
            el.setAttribute(attr, value.replace(indexPattern, "$1" + i + "$3"));
          }
        });
      });
      var order = row.querySelector('input[name$="-ORDER"]');
      if (order) order.value = i + 1;
      var number = row.querySelector(".task-number");
      if (number) number.textContent = i + 1;
      row.querySelector(".js-task-up").disabled = i === 0;
      row.querySelector(".js-task-down").disabled = i === all.length - 1;
    });
    total.value = all.length;
    if (parseInt(initial.value, 10) > all.length) initial.value = all.length;
    if (emptyNote) emptyNote.classList.toggle("d-none", all.length > 0);
  }

  function rowHasText(row) {
    return Array.prototype.some.call(row.querySelectorAll("textarea"), function (t) {
      return t.value.replace(/<[^>]*>/g, "").trim() !== "";
    });
  }

  function addRow() {
    var row = template.content.firstElementChild.cloneNode(true);
    list.appendChild(row);
    renumber();
    if (window.VTVLRichText) window.VTVLRichText.enhanceAll(row);
    var first = row.querySelector(".rt-area, textarea");
    if (first) first.focus();
    dirty = true;
  }

  list.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) return;
    var row = button.closest("[data-task-row]");
    if (!row) return;
    if (button.classList.contains("js-task-up") && row.previousElementSibling) {
      list.insertBefore(row, row.previousElementSibling);
    } else if (button.classList.contains("js-task-down") && row.nextElementSibling) {
      list.insertBefore(row.nextElementSibling, row);
    } else if (button.classList.contains("js-task-remove")) {
      if (rowHasText(row) && !window.confirm(list.dataset.confirmRemove)) return;
      row.remove();
    } else {
      return;
    }
    dirty = true;
    renumber();
    if (document.body.contains(button)) button.focus();
  });

  document.getElementById("task-add").addEventListener("click", addRow);

  // Competency levels: show the meaning of the selected level next to the select.
  form.addEventListener("change", function (event) {
    dirty = true;
    var select = event.target.closest("select.js-level");
    if (!select) return;
    var row = select.closest(".competency-row");
    row.querySelectorAll(".level-descriptor").forEach(function (el) {
      el.classList.toggle("is-active", el.dataset.level === (select.value || "0"));
    });
    row.classList.toggle("is-required", select.value !== "0" && select.value !== "");
  });
  form.querySelectorAll("select.js-level").forEach(function (select) {
    select.closest(".competency-row").classList.toggle("is-required", select.value !== "0" && select.value !== "");
  });

  // Unsaved changes: ask before leaving the page.
  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("submit", function () {
    renumber();
    dirty = false;
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  renumber();
})();
