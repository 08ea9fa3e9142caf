(function () {
  "use strict";
  var body = document.body;
  window.addEventListener("error", function (event) {
    body.setAttribute("data-error", String(event.message || event));
  });
  function cellValue(row, index) {
    var text = row.cells[index] ? row.cells[index].textContent.trim() : "";
    var number = Number(text.replace(",", "."));
    return text !== "" && !isNaN(number) ? number : text.toLocaleLowerCase("sv");
  }
  function sortBy(th) {
    var table = th.closest("table");
    var tbody = table.tBodies[0];
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var ascending = !th.classList.contains("sorted-asc");
    Array.prototype.forEach.call(th.parentNode.children, function (other) {
      other.classList.remove("sorted-asc", "sorted-desc");
    });
    th.classList.add(ascending ? "sorted-asc" : "sorted-desc");
    var rows = Array.prototype.slice.call(tbody.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index), y = cellValue(b, index);
      var order = typeof x === typeof y ? (x < y ? -1 : x > y ? 1 : 0) : (typeof x === "number" ? -1 : 1);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { tbody.appendChild(row); });
  }
  try {
    document.querySelectorAll("table.sortable th").forEach(function (th) {
      th.addEventListener("click", function () { sortBy(th); });
    });
    var figures = document.querySelectorAll("svg.fig");
    var drawn = 0;
    figures.forEach(function (svg) {
      var box = svg.getBBox();
      if (box.width > 0 && box.height > 0 && svg.childElementCount > 1) { drawn += 1; }
    });
    body.setAttribute("data-figures", String(figures.length));
    body.setAttribute("data-drawn", String(drawn));
    if (window.performance && performance.now) {
      body.setAttribute("data-script-ms", String(Math.round(performance.now())));
    }
    body.setAttribute("data-ok", figures.length > 0 && drawn === figures.length ? "1" : "0");
  } catch (error) {
    body.setAttribute("data-error", String(error));
  }
})();
