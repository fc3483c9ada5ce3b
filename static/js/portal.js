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

  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  // The text a sighted reader sees in a header cell (not its .visually-hidden or aria-hidden parts).
  function visibleText(cell) {
    var copy = cell.cloneNode(true);
    each(copy.querySelectorAll(".visually-hidden, [aria-hidden='true']"), function (el) { el.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  // Stacked tables (table.table-stack, see portal.css): on a phone each cell shows its column's name
  // from data-label. Written here from the last header row (colspans counted; a cell that spans
  // columns, or already has a data-label, is left as it is). The table parts get their ARIA roles,
  // since the CSS display: block of a phone would take their table semantics away.
  function stackTable(table) {
    var head = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    var labels = [];
    if (head) {
      each(head.cells, function (th) {
        var label = th.hasAttribute("data-label") ? th.getAttribute("data-label") : visibleText(th);
        for (var i = 0; i < th.colSpan; i++) labels.push(label);
      });
    }
    table.setAttribute("role", "table");
    each(table.querySelectorAll(":scope > thead, :scope > tbody, :scope > tfoot"), function (group) {
      group.setAttribute("role", "rowgroup");
    });
    each(table.rows, function (row) {
      var inHead = row.parentNode === table.tHead;
      var column = 0;
      row.setAttribute("role", "row");
      each(row.cells, function (cell) {
        if (cell.tagName === "TH") {
          cell.setAttribute("role", inHead || cell.scope === "col" ? "columnheader" : "rowheader");
        } else {
          cell.setAttribute("role", "cell");
        }
        if (!inHead && cell.colSpan === 1 && labels[column] && !cell.hasAttribute("data-label")) {
          cell.setAttribute("data-label", labels[column]);
        }
        column += cell.colSpan;
      });
    });
  }

  // The heading a box sits under: the nearest one before it, in its section or further up.
  function headingBefore(box) {
    for (var el = box; el && el !== document.body; el = el.parentElement) {
      for (var sibling = el.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
        if (/^H[1-6]$/.test(sibling.tagName)) return sibling;
        var inside = sibling.querySelectorAll("h1, h2, h3, h4, h5, h6");
        if (inside.length) return inside[inside.length - 1];
      }
    }
    return null;
  }

  // Boxes that scroll sideways (.table-responsive; an A4 print preview on a phone) take the keyboard
  // focus, so that the arrow keys scroll them; a box of a table becomes a region named after the
  // table (its aria-label or caption) or the heading above it. Checked again when the window is
  // resized: a box that fits is left alone.
  function markScrollers(root) {
    each(root.querySelectorAll(".table-responsive, .a4-sheet"), function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        var added = ["tabindex"];
        box.setAttribute("tabindex", "0");
        var table = box.querySelector("table");
        if (box.tagName === "DIV" && table && !box.hasAttribute("role") && !box.hasAttribute("aria-label")) {
          var heading = headingBefore(box);
          var name = table.getAttribute("aria-label") || (table.caption && table.caption.textContent) ||
            (heading && heading.textContent) || "";
          name = name.replace(/\s+/g, " ").trim();
          if (name) {
            box.setAttribute("role", "region");
            box.setAttribute("aria-label", name);
            added.push("role", "aria-label");
          }
        }
        box.setAttribute("data-scroller", added.join(" "));
      } else if (!scrolls && box.hasAttribute("data-scroller")) {
        // Take back only what was added here.
        box.getAttribute("data-scroller").split(" ").forEach(function (attribute) { box.removeAttribute(attribute); });
        box.removeAttribute("data-scroller");
      }
    });
  }

  function prepare(root) {
    each(root.querySelectorAll("table.table-stack"), stackTable);
    markScrollers(document);
  }
  prepare(document);
  // Rows that htmx adds (an expanded tree, a refreshed list) get the same treatment.
  document.addEventListener("htmx:load", function (event) {
    var table = event.target.closest && event.target.closest("table.table-stack");
    if (table) stackTable(table);
    prepare(event.target);
  });
  var pending = false;
  window.addEventListener("resize", function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; markScrollers(document); });
  });
})();
