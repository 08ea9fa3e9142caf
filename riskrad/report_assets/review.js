// riskrad review page: rows beside the crop of their source page; work kept in localStorage,
// exported as corrections.csv.  Every text from the PDFs goes through textContent or an input's
// value, never innerHTML.
(function () {
  "use strict";
  var ROW_HEIGHT = 48, OVERSCAN = 12, BAND = 18, MAX_BAND = 560;  // points
  var COLUMNS = ["sha256", "table", "page", "row_id", "fingerprint", "action", "field", "value",
    "corrected_by", "corrected_at", "note"];
  var body = document.body;
  try {
    var DATA = JSON.parse(document.getElementById("review-data").textContent);
  } catch (e) {
    body.setAttribute("data-error", "data: " + e);
    return;
  }
  var images = null;
  var TABLES = { r: "risks", c: "controls" };
  var storeKey = "riskrad-review:" + DATA.key;
  var state = load();
  var items = [], current = -1, mode = "review";

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function load() {
    try {
      var saved = JSON.parse(localStorage.getItem(storeKey) || "null");
      if (saved && saved.edits && saved.adds) return saved;
    } catch (e) { /* a broken store starts empty */ }
    return { who: "", edits: {}, adds: [], next: 1 };
  }
  function save() {
    try { localStorage.setItem(storeKey, JSON.stringify(state)); } catch (e) {
      body.setAttribute("data-store-error", String(e));
    }
    updateCount();
  }
  function image(key) {
    if (images === null) images = JSON.parse(document.getElementById("review-images").textContent);
    return images[key] || null;
  }
  function row(index) { return DATA.rows[index]; }
  function tableOf(r) { return TABLES[r[0]]; }
  function fieldsOf(r) { return DATA.fields[tableOf(r)]; }
  function edit(r) { return state.edits[r[1]] || null; }
  function editFor(r) {
    var e = state.edits[r[1]];
    if (!e) { e = state.edits[r[1]] = { set: {}, accept: false, not_risk: false, at: "" }; }
    return e;
  }
  function stamp(e) { e.at = new Date().toISOString(); }
  function prune(r) {
    var e = state.edits[r[1]];
    if (e && !e.accept && !e.not_risk && Object.keys(e.set).length === 0) delete state.edits[r[1]];
  }
  function status(r) {
    var e = edit(r);
    if (!e) return [];
    var out = [];
    if (e.not_risk) out.push("not_risk");
    if (Object.keys(e.set).length) out.push("set");
    if (e.accept) out.push("accept");
    return out;
  }
  var BADGE = { accept: "godkänd", set: "rättad", not_risk: "ej risk", add: "tillagd" };

  // ------------------------------------------------------------------ list (virtual)
  var list = document.getElementById("list");
  var spacer = el("div", "spacer");
  list.appendChild(spacer);
  function setItems(newItems) {
    items = newItems;
    spacer.style.height = items.length * ROW_HEIGHT + "px";
    list.scrollTop = 0;
    current = items.length ? 0 : -1;
    drawList();
    drawDetail();
  }
  function drawList() {
    var top = list.scrollTop, height = list.clientHeight || 600;
    var first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    var last = Math.min(items.length, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
    while (spacer.firstChild) spacer.removeChild(spacer.firstChild);
    for (var i = first; i < last; i++) spacer.appendChild(listItem(i));
    body.setAttribute("data-drawn-items", String(last - first));
  }
  function listItem(i) {
    var item = items[i], node = el("div", "item" + (i === current ? " current" : ""));
    node.style.top = i * ROW_HEIGHT + "px";
    node.setAttribute("data-index", String(i));
    var line = el("div", "t");
    if (item.added) {
      var a = item.added;
      line.appendChild(el("span", "badge b-add", BADGE.add));
      line.appendChild(document.createTextNode(a.values.risk || a.values.control ||
        a.values.description || a.id));
      node.appendChild(line);
      node.appendChild(el("div", "m", a.id + " · s. " + a.page + " · " + DATA.docs[a.doc][2]));
    } else if (item.orphan) {
      line.appendChild(el("span", "badge b-not_risk",
        item.orphan.kind === "page" ? "sida" : "rättelse utan rad"));
      line.appendChild(document.createTextNode(item.orphan.text || ""));
      node.appendChild(line);
      node.appendChild(el("div", "m", item.orphan.reason));
    } else {
      var r = row(item.row);
      status(r).forEach(function (s) { line.appendChild(el("span", "badge b-" + s, BADGE[s])); });
      line.appendChild(document.createTextNode(mainText(r) || "(ingen text)"));
      node.appendChild(line);
      var doc = DATA.docs[r[2]];
      node.appendChild(el("div", "m", r[1] + " · s. " + r[3] + " · " + doc[2] +
        (r[7] ? " · " + r[7] : "")));
    }
    node.addEventListener("click", function () { go(i); });
    return node;
  }
  function mainText(r) {
    var values = r[8], names = fieldsOf(r);
    for (var j = 0; j < names.length; j++) {
      var v = values[j];
      if (v && typeof v[0] === "string" && v[0]) return v[0];
    }
    return "";
  }
  list.addEventListener("scroll", function () { window.requestAnimationFrame(drawList); });

  function go(i) {
    if (!items.length) return;
    current = Math.max(0, Math.min(items.length - 1, i));
    var y = current * ROW_HEIGHT;
    if (y < list.scrollTop) list.scrollTop = y;
    else if (y + ROW_HEIGHT > list.scrollTop + list.clientHeight) {
      list.scrollTop = y + ROW_HEIGHT - list.clientHeight;
    }
    drawList();
    drawDetail();
  }

  // ------------------------------------------------------------------ detail
  var detail = document.getElementById("detail");
  function drawDetail() {
    while (detail.firstChild) detail.removeChild(detail.firstChild);
    if (current < 0) { detail.appendChild(el("p", "nocrop", "Inga rader att visa.")); return; }
    var item = items[current];
    detail.removeAttribute("data-row");
    if (item.added) {
      drawAdded(item.added);
      return;
    }
    if (item.orphan) {
      detail.appendChild(el("h2", null, item.orphan.kind === "page" ?
        "Sida att granska" : "Rättelse som inte hittar sin rad"));
      detail.appendChild(el("p", "reason", item.orphan.reason));
      detail.appendChild(el("p", null, item.orphan.file + " · sida " + item.orphan.page));
      return;
    }
    var r = row(item.row), doc = DATA.docs[r[2]], table = tableOf(r);
    detail.setAttribute("data-row", r[1]);
    detail.appendChild(el("h2", null, (table === "risks" ? "Risk " : "Kontroll ") + r[1]));
    detail.appendChild(el("p", null, doc[2] + " · " + doc[3] + " · sida " + r[3] +
      " · tillförlitlighet " + (r[5] === null ? "–" : Number(r[5]).toFixed(2))));
    if (r[7]) detail.appendChild(el("p", "reason", r[7]));
    detail.appendChild(crop(r));
    detail.appendChild(fieldTable(r));
    var actions = el("div", "actions");
    var e = edit(r) || { accept: false, not_risk: false };
    var accept = el("button", null, e.accept ? "Ångra godkänn (a)" : "Godkänn (a)");
    accept.id = "accept";
    accept.addEventListener("click", function () { toggleAccept(true); });
    actions.appendChild(accept);
    if (table === "risks") {
      var notRisk = el("button", null, e.not_risk ? "Ångra: är en risk (n)" : "Inte en risk (n)");
      notRisk.id = "not-risk";
      notRisk.addEventListener("click", function () { toggleNotRisk(true); });
      actions.appendChild(notRisk);
    }
    var prev = el("button", null, "Föregående (k)"), next = el("button", null, "Nästa (j)");
    prev.addEventListener("click", function () { go(current - 1); });
    next.addEventListener("click", function () { go(current + 1); });
    actions.appendChild(prev);
    actions.appendChild(next);
    detail.appendChild(actions);
  }
  function pageBoxes(r) {
    // the row's cell boxes by page; a process heading (shared by a section's rows, often a
    // page above them) only when no other field has a box
    var names = fieldsOf(r), skip = names.indexOf("process"), pages = {}, order = [];
    var others = r[8].some(function (v, j) { return j !== skip && v && v[2]; });
    r[8].forEach(function (v, j) {
      if (!v || !v[2] || (others && j === skip)) return;
      var page = v[3] === null || v[3] === undefined ? r[3] : v[3];
      if (!pages[page]) { pages[page] = []; order.push(page); }
      pages[page].push(v[2]);
    });
    order.sort(function (a, b) { return a - b; });
    return order.map(function (page) { return [page, pages[page]]; });
  }
  function crop(r) {
    var holder = el("div"), drawn = 0;
    pageBoxes(r).forEach(function (entry) {
      var band = cropBand(r, entry[0], entry[1]);
      if (band) { holder.appendChild(band); drawn++; }
    });
    if (!drawn) holder.appendChild(el("p", "nocrop", "Ingen bild av källan för den här raden."));
    return holder;
  }
  function cropBand(r, page, boxes) {
    var info = image(r[2] + ":" + page);
    if (!info || String(info[0]).indexOf("data:image/") !== 0) return null;
    var box = boxes.reduce(function (u, b) {
      return [Math.min(u[0], b[0]), Math.min(u[1], b[1]), Math.max(u[2], b[2]), Math.max(u[3], b[3])];
    });
    var x0 = info[1], top = info[2], scale = info[3], w = info[4], h = info[5];
    var bandTop = Math.max(top, box[1] - BAND), bandBottom = Math.min(top + h / scale, box[3] + BAND);
    if (bandBottom - bandTop > MAX_BAND) bandBottom = bandTop + MAX_BAND;
    var fit = Math.min(1, ((detail.clientWidth || 800) - 30) / w);
    var outer = el("div", "crop");
    outer.setAttribute("data-page", String(page));
    outer.style.width = w * fit + "px";
    outer.style.height = Math.max(20, (bandBottom - bandTop) * scale * fit) + "px";
    var inner = el("div");
    inner.style.position = "absolute";
    inner.style.transformOrigin = "0 0";
    inner.style.transform = "scale(" + fit + ") translateY(" + (-(bandTop - top) * scale) + "px)";
    var picture = el("img");
    picture.alt = "Sidan " + page + " runt raden";
    picture.width = w;
    picture.height = h;
    picture.src = info[0];
    inner.appendChild(picture);
    boxes.forEach(function (b) {
      var mark = el("div", "box");
      mark.style.left = (b[0] - x0) * scale - 2 + "px";
      mark.style.top = (b[1] - top) * scale - 2 + "px";
      mark.style.width = (b[2] - b[0]) * scale + 4 + "px";
      mark.style.height = (b[3] - b[1]) * scale + 4 + "px";
      inner.appendChild(mark);
    });
    outer.appendChild(inner);
    var wrap = el("div");
    wrap.appendChild(el("div", "help", "Sida " + page));
    wrap.appendChild(outer);
    return wrap;
  }
  function shown(value) {
    if (value === null || value === undefined) return "";
    if (value === true) return "Ja";
    if (value === false) return "Nej";
    return String(value);
  }
  function fieldTable(r) {
    var tableNode = el("table", "fields"), head = el("tr");
    ["Fält", "Värde", "Rå text från sidan"].forEach(function (h) { head.appendChild(el("th", null, h)); });
    tableNode.appendChild(head);
    var e = edit(r);
    fieldsOf(r).forEach(function (name, j) {
      var v = r[8][j], extracted = shown(v ? v[0] : null);
      var start = e && Object.prototype.hasOwnProperty.call(e.set, name) ? e.set[name] : extracted;
      var long = start.length > 40;
      var tr = el("tr"), input = el(long ? "textarea" : "input");
      if (long) input.rows = Math.min(8, Math.ceil(start.length / 45));
      input.name = name;
      input.value = start;
      if (e && Object.prototype.hasOwnProperty.call(e.set, name)) tr.className = "changed";
      input.addEventListener("change", function () {
        var ed = editFor(r);
        if (input.value === extracted) delete ed.set[name]; else ed.set[name] = input.value;
        tr.className = input.value === extracted ? "" : "changed";
        stamp(ed);
        prune(r);
        save();
        drawList();
      });
      tr.appendChild(el("th", null, DATA.labels[name] || name));
      var cell = el("td");
      cell.appendChild(input);
      tr.appendChild(cell);
      tr.appendChild(el("td", "raw", v && v[1] !== null ? v[1] : "–"));
      tableNode.appendChild(tr);
    });
    return tableNode;
  }
  function drawAdded(a) {
    detail.setAttribute("data-added", a.id);
    detail.appendChild(el("h2", null, "Tillagd rad " + a.id + " (" + a.table + ")"));
    detail.appendChild(el("p", null, DATA.docs[a.doc][2] + " · sida " + a.page));
    var tableNode = el("table", "fields");
    Object.keys(a.values).forEach(function (name) {
      var tr = el("tr");
      tr.appendChild(el("th", null, DATA.labels[name] || name));
      tr.appendChild(el("td", null, a.values[name]));
      tableNode.appendChild(tr);
    });
    detail.appendChild(tableNode);
    var remove = el("button", null, "Ta bort den tillagda raden");
    remove.id = "remove-added";
    remove.addEventListener("click", function () {
      state.adds = state.adds.filter(function (x) { return x.id !== a.id; });
      save();
      refresh();
    });
    var actions = el("div", "actions");
    actions.appendChild(remove);
    detail.appendChild(actions);
  }
  function selectedRow() {
    var item = items[current];
    return item && !item.orphan ? row(item.row) : null;
  }
  function toggleAccept(advance) {
    var r = selectedRow();
    if (!r) return;
    var e = editFor(r);
    e.accept = !e.accept;
    stamp(e);
    prune(r);
    save();
    if (advance && (edit(r) || {}).accept) go(current + 1); else { drawList(); drawDetail(); }
  }
  function toggleNotRisk(advance) {
    var r = selectedRow();
    if (!r || tableOf(r) !== "risks") return;
    var e = editFor(r);
    e.not_risk = !e.not_risk;
    stamp(e);
    prune(r);
    save();
    if (advance && (edit(r) || {}).not_risk) go(current + 1); else { drawList(); drawDetail(); }
  }

  // ------------------------------------------------------------------ add a missed row
  var dialog = document.getElementById("add-dialog");
  function openAdd() {
    var form = document.getElementById("add-fields");
    while (form.firstChild) form.removeChild(form.firstChild);
    var table = document.getElementById("add-table").value;
    DATA.fields[table].forEach(function (name) {
      var label = el("label", null, DATA.labels[name] || name), input = el("input");
      input.name = name;
      label.appendChild(input);
      form.appendChild(label);
    });
    var r = selectedRow();
    if (r) {
      document.getElementById("add-doc").value = String(r[2]);
      document.getElementById("add-page").value = String(r[3]);
    }
    if (typeof dialog.showModal === "function") dialog.showModal(); else dialog.setAttribute("open", "");
  }
  function saveAdd() {
    var table = document.getElementById("add-table").value;
    var doc = Number(document.getElementById("add-doc").value);
    var page = parseInt(document.getElementById("add-page").value, 10);
    var values = {};
    document.querySelectorAll("#add-fields input").forEach(function (input) {
      if (input.value.trim()) values[input.name] = input.value.trim();
    });
    if (!(page >= 1) || !Object.keys(values).length) {
      document.getElementById("add-error").textContent = "Ange sida och minst ett fält.";
      return false;
    }
    state.adds.push({ id: "new-" + state.next++, table: table, doc: doc, page: page,
      values: values, at: new Date().toISOString() });
    save();
    dialog.close ? dialog.close() : dialog.removeAttribute("open");
    var keep = current;
    refresh();
    go(keep);
    return true;
  }

  // ------------------------------------------------------------------ export
  function csvCell(value) { return '"' + String(value === null || value === undefined ? "" : value).replace(/"/g, '""') + '"'; }
  function exportLines() {
    var who = state.who || "";
    var lines = [COLUMNS.join(",")];
    function push(r, action, field, value, at) {
      var doc = DATA.docs[r[2]];
      lines.push([doc[1], tableOf(r), r[3], r[1], r[4], action, field, value, who, at, ""].map(csvCell).join(","));
    }
    DATA.rows.forEach(function (r) {
      var e = state.edits[r[1]];
      if (!e) return;
      if (e.not_risk) push(r, "not_risk", "", "", e.at);
      Object.keys(e.set).forEach(function (name) { push(r, "set", name, e.set[name], e.at); });
      if (e.accept) push(r, "accept", "", "", e.at);
    });
    state.adds.forEach(function (a) {
      var doc = DATA.docs[a.doc];
      Object.keys(a.values).forEach(function (name) {
        lines.push([doc[1], a.table, a.page, a.id, "", "add", name, a.values[name], who, a.at, ""].map(csvCell).join(","));
      });
    });
    return lines.join("\r\n") + "\r\n";
  }
  function download() {
    var blob = new Blob(["\ufeff" + exportLines()], { type: "text/csv;charset=utf-8" });
    var link = el("a");
    link.href = URL.createObjectURL(blob);
    link.download = "corrections.csv";
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }
  function updateCount() {
    var n = 0;
    Object.keys(state.edits).forEach(function (k) {
      var e = state.edits[k];
      n += (e.accept ? 1 : 0) + (e.not_risk ? 1 : 0) + Object.keys(e.set).length;
    });
    n += state.adds.length;
    document.getElementById("edit-count").textContent = n + " ändringar";
    body.setAttribute("data-edits", String(n));
  }

  // ------------------------------------------------------------------ modes, keys, start
  function addedItems(docIndex) {
    return state.adds.filter(function (a) { return docIndex === undefined || a.doc === docIndex; })
      .map(function (a) { return { added: a }; });
  }
  function reviewItems() {
    var out = DATA.orphans.map(function (o) { return { orphan: o }; });
    return out.concat(addedItems(), DATA.review.map(function (i) { return { row: i }; }));
  }
  function documentItems(docIndex) {
    var out = addedItems(docIndex);
    DATA.rows.forEach(function (r, i) { if (r[2] === docIndex) out.push({ row: i }); });
    return out;
  }
  var chooser = document.getElementById("mode");
  var addDoc = document.getElementById("add-doc");
  DATA.docs.forEach(function (d, i) {
    var option = el("option", null, d[2] + " (" + d[4] + " rader)");
    option.value = "doc:" + i;
    chooser.appendChild(option);
    var choice = el("option", null, d[2]);
    choice.value = String(i);
    addDoc.appendChild(choice);
  });
  function refresh() {
    setItems(mode === "review" ? reviewItems() : documentItems(Number(mode.slice(4))));
  }
  chooser.addEventListener("change", function () {
    mode = chooser.value;
    refresh();
  });
  var who = document.getElementById("who");
  who.value = state.who || "";
  who.addEventListener("change", function () { state.who = who.value.trim(); save(); });
  document.getElementById("export").addEventListener("click", download);
  document.getElementById("add").addEventListener("click", openAdd);
  document.getElementById("add-table").addEventListener("change", openAdd);
  document.getElementById("add-save").addEventListener("click", function (ev) { ev.preventDefault(); saveAdd(); });
  document.getElementById("add-cancel").addEventListener("click", function (ev) {
    ev.preventDefault();
    dialog.close ? dialog.close() : dialog.removeAttribute("open");
  });
  document.addEventListener("keydown", function (ev) {
    var target = ev.target;
    if (target && /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(target.tagName) && target.tagName !== "BUTTON") {
      if (ev.key === "Escape") target.blur();
      return;
    }
    if (dialog.open || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === "j" || ev.key === "ArrowDown") { go(current + 1); ev.preventDefault(); }
    else if (ev.key === "k" || ev.key === "ArrowUp") { go(current - 1); ev.preventDefault(); }
    else if (ev.key === "a") { toggleAccept(true); ev.preventDefault(); }
    else if (ev.key === "n") { toggleNotRisk(true); ev.preventDefault(); }
  });
  window.addEventListener("resize", function () { drawList(); drawDetail(); });

  setItems(reviewItems());
  updateCount();
  requestAnimationFrame(function () {
    var ms = performance.now();
    performance.mark("review-ready");
    body.setAttribute("data-ready-ms", String(Math.round(ms)));
    body.setAttribute("data-ok", "1");
  });
  window.riskradReview = { exportText: exportLines };
})();
