/* tejido map page. Reads the JSON block written by tejido.viz.page and builds the
 * interface from it. Every string that comes from the data is placed with textContent
 * (or as an <option>'s value/label property): never as markup. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("tejido-data").textContent);
  var L = data.labels;
  var RED = data.colors.gap;
  var DIM = data.colors.dim;
  var FONT = data.colors.font;
  var FONT_DIM = data.colors.fontDim;

  function $(id) { return document.getElementById(id); }
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }

  // ---- state -------------------------------------------------------------------------
  var state = {
    hiddenTipos: new Set(), hiddenKinds: new Set(), eje: -1, territorio: -1,
    interno: "all", showGapEdges: true, showCritical: true, focus: null, dimmed: new Set()
  };
  var indexOf = new Map();
  data.nodes.forEach(function (n, i) { indexOf.set(n.id, i); });
  var hidden = new Map();

  function baseStyle(n) {
    if (n.crit && state.showCritical) {
      return { color: { background: n.color, border: RED,
                        highlight: { background: n.color, border: RED },
                        hover: { background: n.color, border: RED } },
               borderWidth: 4, borderWidthSelected: 5 };
    }
    return { color: n.color, borderWidth: 1, borderWidthSelected: 2 };
  }
  function style(n, dim) {
    var s = dim ? { color: DIM, borderWidth: 1, borderWidthSelected: 2 } : baseStyle(n);
    s.id = n.id;
    s.font = { color: dim ? FONT_DIM : FONT };
    return s;
  }

  // ---- network -----------------------------------------------------------------------
  var items = data.nodes.map(function (n) {
    var item = style(n, false);
    item.label = n.label; item.x = n.x; item.y = n.y; item.size = n.size; item.shape = n.shape;
    return item;
  });
  var nodes = new vis.DataSet(items);
  var edges = new vis.DataSet(data.edges.concat(data.gapEdges));
  var container = $("tj-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  network.once("afterDrawing", function () {
    window.tejidoReady = true;
    document.body.setAttribute("data-ready", "1");
  });
  // White behind the drawing, so an exported PNG is not transparent.
  network.on("beforeDrawing", function (ctx) {
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
  });

  // ---- heading -----------------------------------------------------------------------
  $("tj-title").textContent = data.title;
  $("tj-subtitle").textContent = [
    L.dataset + ": " + data.dataset, L.date + ": " + data.date, data.counts
  ].join(" · ");

  // ---- filters -----------------------------------------------------------------------
  function visible(n) {
    if (state.hiddenKinds.has(n.kind)) return false;
    if (n.kind === "Actor" && state.hiddenTipos.has(n.tipo)) return false;
    if (state.eje >= 0 && n.ejes.indexOf(state.eje) < 0) return false;
    if (state.territorio >= 0 && n.terr.indexOf(state.territorio) < 0) return false;
    if (state.interno !== "all" && n.kind === "Actor" &&
        n.interno !== (state.interno === "yes")) return false;
    return true;
  }
  function applyFilters() {
    var changes = [];
    data.nodes.forEach(function (n) {
      var h = !visible(n);
      if (h !== (hidden.get(n.id) === true)) {
        hidden.set(n.id, h);
        changes.push({ id: n.id, hidden: h });
      }
    });
    if (changes.length) nodes.update(changes);
  }

  function fillSelect(select, allText, entries, onChange) {
    select.appendChild(new Option(allText, "-1"));
    entries.forEach(function (entry, i) { select.appendChild(new Option(entry, String(i))); });
    select.hidden = false;
    select.addEventListener("change", onChange);
  }
  if (data.ejes.length) {
    $("tj-filter-eje").title = L.filter_eje;
    fillSelect($("tj-filter-eje"), L.all_ejes, data.ejes, function (e) {
      state.eje = Number(e.target.value); applyFilters();
    });
  }
  if (data.territorios.length) {
    $("tj-filter-territorio").title = L.filter_territorio;
    fillSelect($("tj-filter-territorio"), L.all_territorios, data.territorios, function (e) {
      state.territorio = Number(e.target.value); applyFilters();
    });
  }
  if (data.hasInterno) {
    var interno = $("tj-filter-interno");
    interno.title = L.filter_interno;
    [["all", L.interno_all], ["yes", L.interno_yes], ["no", L.interno_no]].forEach(function (o) {
      interno.appendChild(new Option(o[1], o[0]));
    });
    interno.hidden = false;
    interno.addEventListener("change", function () { state.interno = interno.value; applyFilters(); });
  }

  // ---- legend ------------------------------------------------------------------------
  var legend = $("tj-legend");
  $("tj-legend-title").textContent = L.legend;
  var toggles = [];
  function legendRow(mark, text, count, onToggle) {
    var row = el("label", null, "tj-legend-row");
    var box = document.createElement("input");
    box.type = "checkbox"; box.checked = true;
    box.addEventListener("change", function () {
      row.classList.toggle("tj-off", !box.checked);
      onToggle(box.checked);
    });
    row.appendChild(box);
    row.appendChild(mark);
    row.appendChild(el("span", text, "tj-text"));
    if (count !== null) row.appendChild(el("span", "(" + count + ")", "tj-count"));
    toggles.push(box);
    return row;
  }
  function section(title) {
    var wrap = el("div");
    wrap.appendChild(el("h3", title));
    legend.appendChild(wrap);
    return wrap;
  }
  if (data.tipos.length) {
    var tipos = section(L.legend_tipos);
    tipos.id = "tj-legend-tipos";
    data.tipos.forEach(function (tipo) {
      var swatch = el("span", null, "tj-swatch");
      swatch.style.background = tipo.color;
      var row = legendRow(swatch, tipo.label, tipo.count, function (on) {
        if (on) state.hiddenTipos.delete(tipo.key); else state.hiddenTipos.add(tipo.key);
        applyFilters();
      });
      row.setAttribute("data-tipo", tipo.key);
      tipos.appendChild(row);
    });
  }
  if (data.kinds.length) {
    var kinds = section(L.legend_kinds);
    kinds.id = "tj-legend-kinds";
    data.kinds.forEach(function (kind) {
      var mark = el("span", kind.symbol, "tj-shape");
      mark.style.color = kind.color;
      var row = legendRow(mark, kind.label, kind.count, function (on) {
        if (on) state.hiddenKinds.delete(kind.key); else state.hiddenKinds.add(kind.key);
        applyFilters();
      });
      row.setAttribute("data-kind", kind.key);
      kinds.appendChild(row);
    });
  }
  if (data.size) {
    var sizes = section(L.legend_size);
    sizes.appendChild(el("p", data.size.text, "tj-note"));
    var scale = el("div", null, "tj-sizes");
    [[data.size.minPx, data.size.min], [data.size.maxPx, data.size.max]].forEach(function (s) {
      var dot = el("span", null, "tj-dot");
      dot.style.width = dot.style.height = Math.round(s[0] * 1.2) + "px";
      scale.appendChild(dot);
      scale.appendChild(el("span", s[1]));
    });
    sizes.appendChild(scale);
    if (data.size.width) sizes.appendChild(el("p", data.size.width, "tj-note"));
  }
  if (data.gaps) {
    var gaps = section(L.legend_gaps);
    gaps.id = "tj-legend-gaps";
    var gapRow = legendRow(el("span", null, "tj-dash"), L["gap.coordinacion_faltante"],
      data.gaps.coordinacion_faltante, function (on) {
        state.showGapEdges = on;
        edges.update(data.gapEdges.map(function (e) { return { id: e.id, hidden: !on }; }));
      });
    gapRow.setAttribute("data-gap", "coordinacion_faltante");
    gaps.appendChild(gapRow);
    var ringRow = legendRow(el("span", null, "tj-ring"), L["gap.punto_critico"],
      data.gaps.punto_critico, function (on) {
        state.showCritical = on;
        nodes.update(data.nodes.filter(function (n) { return n.crit; }).map(function (n) {
          return style(n, state.dimmed.has(n.id));
        }));
      });
    ringRow.setAttribute("data-gap", "punto_critico");
    gaps.appendChild(ringRow);
  }

  // ---- neighbourhood highlight and side panel ------------------------------------------
  function highlight(id) {
    var keep = new Set(network.getConnectedNodes(id));
    keep.add(id);
    var changes = [];
    var dimmed = new Set();
    data.nodes.forEach(function (n) {
      var dim = !keep.has(n.id);
      if (dim) dimmed.add(n.id);
      if (dim !== state.dimmed.has(n.id)) changes.push(style(n, dim));
    });
    state.dimmed = dimmed;
    state.focus = id;
    nodes.update(changes);
  }
  function clearHighlight() {
    var changes = [];
    state.dimmed.forEach(function (id) { changes.push(style(data.nodes[indexOf.get(id)], false)); });
    state.dimmed = new Set();
    state.focus = null;
    if (changes.length) nodes.update(changes);
  }

  var panel = $("tj-panel");
  var profileBox = $("tj-profile");
  $("tj-copy").textContent = L.copy;
  $("tj-close").textContent = L.close;
  function openPanel(id) {
    var p = data.profiles[indexOf.get(id)];
    profileBox.replaceChildren();
    profileBox.appendChild(el("h2", p.title));
    var dl = el("dl");
    p.fields.forEach(function (f) { dl.appendChild(el("dt", f[0])); dl.appendChild(el("dd", f[1])); });
    profileBox.appendChild(dl);
    p.sections.forEach(function (s) {
      profileBox.appendChild(el("h3", s[0]));
      var ul = el("ul");
      s[1].forEach(function (line) { ul.appendChild(el("li", line)); });
      profileBox.appendChild(ul);
    });
    panel.hidden = false;
    $("tj-side").scrollTop = 0;
  }
  function closePanel() { panel.hidden = true; profileBox.replaceChildren(); }
  function select(id) {
    highlight(id);
    openPanel(id);
  }
  network.on("click", function (params) {
    if (params.nodes.length) select(params.nodes[0]);
    else { clearHighlight(); closePanel(); }
  });
  $("tj-close").addEventListener("click", function () {
    closePanel(); clearHighlight(); network.unselectAll();
  });
  $("tj-copy").addEventListener("click", function () {
    var text = profileBox.innerText;
    var done = function () { $("tj-copy").textContent = L.copied; };
    var fallback = function () {
      var range = document.createRange();
      range.selectNodeContents(profileBox);
      var sel = window.getSelection();
      sel.removeAllRanges(); sel.addRange(range);
      if (document.execCommand("copy")) done();
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else fallback();
    setTimeout(function () { $("tj-copy").textContent = L.copy; }, 1500);
  });

  // ---- tooltip -----------------------------------------------------------------------
  var tooltip = $("tj-tooltip");
  network.on("hoverNode", function (params) {
    var p = data.profiles[indexOf.get(params.node)];
    tooltip.replaceChildren(el("strong", p.title), el("span", p.hint));
    tooltip.style.left = (params.pointer.DOM.x + 14) + "px";
    tooltip.style.top = (params.pointer.DOM.y + 14) + "px";
    tooltip.hidden = false;
  });
  ["blurNode", "dragStart", "zoom"].forEach(function (event) {
    network.on(event, function () { tooltip.hidden = true; });
  });

  // ---- search ------------------------------------------------------------------------
  var names = $("tj-names");
  var exact = new Map();
  var folded = [];
  data.search.forEach(function (text, i) {
    var option = document.createElement("option");
    option.value = text;
    names.appendChild(option);
    exact.set(text, i);
    folded.push(fold(text));
  });
  var search = $("tj-search");
  search.placeholder = L.search;
  $("tj-search-go").textContent = L.search_go;
  var status = $("tj-search-status");
  function find(query) {
    if (exact.has(query)) return exact.get(query);
    var q = fold(query);
    if (!q) return -1;
    var i = folded.indexOf(q);
    if (i < 0) i = folded.findIndex(function (f) { return f.startsWith(q); });
    if (i < 0) i = folded.findIndex(function (f) { return f.indexOf(q) >= 0; });
    return i;
  }
  function focusNode(id) {
    var n = data.nodes[indexOf.get(id)];
    if (!visible(n)) { resetFilters(); status.textContent = L.hidden_by_filters; }
    else if (state.focus !== id) status.textContent = "";
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: false });
    network.selectNodes([id]);
    select(id);
  }
  function go() {
    var i = find(search.value);
    if (i < 0) { status.textContent = L.search_none; return; }
    focusNode(data.nodes[i].id);
  }
  $("tj-search-form").addEventListener("submit", function (e) { e.preventDefault(); go(); });
  search.addEventListener("input", function () {
    if (exact.has(search.value)) go(); else status.textContent = "";
  });

  // ---- reset and export ----------------------------------------------------------------
  function resetFilters() {
    state.hiddenTipos.clear(); state.hiddenKinds.clear();
    state.eje = -1; state.territorio = -1; state.interno = "all";
    ["tj-filter-eje", "tj-filter-territorio"].forEach(function (id) { $(id).value = "-1"; });
    $("tj-filter-interno").value = "all";
    toggles.forEach(function (box) {
      if (!box.checked) { box.checked = true; box.dispatchEvent(new Event("change")); }
    });
    applyFilters();
  }
  $("tj-reset").textContent = L.reset;
  $("tj-reset").addEventListener("click", function () {
    search.value = ""; status.textContent = "";
    resetFilters(); clearHighlight(); closePanel();
    network.unselectAll();
    network.fit({ animation: false });
  });
  $("tj-export").textContent = L.export;
  $("tj-export").addEventListener("click", function () {
    var link = document.createElement("a");
    link.href = container.querySelector("canvas").toDataURL("image/png");
    link.download = L.file_png;
    document.body.appendChild(link);
    link.click();
    link.remove();
  });

  network.fit({ animation: false });
  window.tejido = { network: network, nodes: nodes, edges: edges, focusNode: focusNode };
})();
