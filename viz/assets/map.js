/* tejido map page. Reads the JSON block written by tejido.viz.page and builds the
 * interface from it. Every string that comes from the data is placed with textContent
 * (or as an <option>'s value/label property): never as markup. Names on the map are
 * drawn by map-labels.js, the legend and gap overlay live in map-legend.js, pictures are
 * made by map-export.js. */
(function (lib) {
  "use strict";

  var data = JSON.parse(document.getElementById("tejido-data").textContent);
  var L = data.labels;
  var RED = data.colors.gap;
  var DIM = data.colors.dim;
  var FOCAL = "#111827";

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
  // The most central tenth of the nodes (5 to 15) get the larger, bold names.
  var BIG = Math.max(5, Math.min(15, Math.round(data.nodes.length / 10)));

  function baseStyle(n) {
    var border = n.id === data.focal ? FOCAL : null;
    if (n.ring) {
      return { color: { background: n.color, border: RED,
                        highlight: { background: n.color, border: RED },
                        hover: { background: n.color, border: RED } },
               borderWidth: 4, borderWidthSelected: 5 };
    }
    if (border) {
      return { color: { background: n.color, border: border,
                        highlight: { background: n.color, border: border },
                        hover: { background: n.color, border: border } },
               borderWidth: 3, borderWidthSelected: 4 };
    }
    return { color: n.color, borderWidth: 1, borderWidthSelected: 2 };
  }
  function style(n, dim) {
    var s = dim ? { color: DIM, borderWidth: 1, borderWidthSelected: 2 } : baseStyle(n);
    s.id = n.id;
    return s;
  }

  // ---- network -----------------------------------------------------------------------
  // No vis-network labels: names are placed by map-labels.js (readable size, no overlap).
  var items = data.nodes.map(function (n) {
    var item = style(n, false);
    item.x = n.x; item.y = n.y; item.size = n.size; item.shape = n.shape;
    if (n.shapeProperties) item.shapeProperties = n.shapeProperties;
    return item;
  });
  var nodes = new vis.DataSet(items);
  var edges = new vis.DataSet(data.edges.concat(data.gapEdges));
  var container = $("tj-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var labeller = lib.labeller(network, data, {
    visible: function (i) { return hidden.get(data.nodes[i].id) !== true; },
    dimmed: function (id) { return state.dimmed.has(id); },
    index: function (id) { return indexOf.get(id); },
    big: function (i) { return data.nodes[i].rank < BIG; },
    first: function () {
      return [data.focal, state.focus].filter(function (id) { return id !== null && id !== undefined; });
    }
  });
  var draws = 0;
  var started = false;  // set once the page is built and the first view is chosen
  var moved = false;    // the reader has dragged or zoomed the view
  network.on("beforeDrawing", function (ctx) {
    // White behind the drawing, so an exported PNG is not transparent.
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
    if (data.focal) lib.drawFocal(ctx, network, data.focal, true);
  });
  network.on("afterDrawing", function (ctx) {
    // The canvas changed size since the view was fitted (the page was still being laid
    // out, or the window changed) and the reader has not moved the view: fit it again.
    var size = ctx.canvas.clientWidth + "x" + ctx.canvas.clientHeight;
    if (started && !moved && size !== fitted) { refit(); return; }
    if (data.focal) lib.drawFocal(ctx, network, data.focal, false);
    labeller.draw(ctx);
    if (!started) return;
    draws += 1;
    if (draws === 1) {
      window.tejidoReady = true;
      document.body.setAttribute("data-ready", "1");
    }
  });

  // ---- heading -----------------------------------------------------------------------
  $("tj-title").textContent = data.title;
  var subtitle = [L.dataset + ": " + data.dataset, L.date + ": " + data.dateText, data.counts];
  $("tj-subtitle").textContent = subtitle.join(" · ");

  // ---- filters -----------------------------------------------------------------------
  /* Whether n passes the filters; ``ignore`` ("tipo" or "kind") leaves one legend toggle
   * out, so a legend row counts what it would show. */
  function passes(n, ignore) {
    if (ignore !== "kind" && state.hiddenKinds.has(n.kind)) return false;
    if (ignore !== "tipo" && n.kind === "Actor" && state.hiddenTipos.has(n.tipo)) return false;
    if (state.eje >= 0 && n.ejes.indexOf(state.eje) < 0) return false;
    if (state.territorio >= 0 && n.terr.indexOf(state.territorio) < 0) return false;
    if (state.interno !== "all" && n.kind === "Actor" &&
        n.interno !== (state.interno === "yes")) return false;
    return true;
  }
  function visible(n) { return passes(n, null); }
  function restyle(ids) {
    nodes.update(ids.map(function (id) {
      return style(data.nodes[indexOf.get(id)], state.dimmed.has(id));
    }));
  }
  var legend;
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
    legend.update();
  }
  /* Fit the view to the visible nodes (an ego map keeps its actor in the centre). */
  function refit() {
    var canvas = container.querySelector("canvas");
    fitted = canvas.clientWidth + "x" + canvas.clientHeight;
    var ids = data.nodes.filter(visible).map(function (n) { return n.id; });
    if (!ids.length) return;
    fitTo(ids, data.focal && ids.indexOf(data.focal) >= 0 ? data.focal : null);
  }
  /* Show every node of ``ids`` as large as possible (zoom up to MAX_ZOOM), with room
   * around them for their names (MARGIN screen px at the sides, more below, where names
   * go first); with ``centre``, that node is in the middle of the view. vis-network's own
   * fit leaves no room for names, so a name at the edge would be cut off. */
  var MAX_ZOOM = 1.5, MARGIN = { side: 80, top: 24, bottom: 40 };
  var fitted = "";  // the canvas size the view was last fitted to
  function fitTo(ids, centre) {
    var box = [Infinity, Infinity, -Infinity, -Infinity];
    var at = centre ? network.getPosition(centre) : null;
    ids.forEach(function (id) {
      var p = network.getPosition(id), r = data.nodes[indexOf.get(id)].size || 10;
      box = [Math.min(box[0], p.x - r), Math.min(box[1], p.y - r),
             Math.max(box[2], p.x + r), Math.max(box[3], p.y + r)];
    });
    if (at) {  // symmetric around the centre node
      var dx = Math.max(at.x - box[0], box[2] - at.x), dy = Math.max(at.y - box[1], box[3] - at.y);
      box = [at.x - dx, at.y - dy, at.x + dx, at.y + dy];
    }
    var canvas = container.querySelector("canvas");
    var w = Math.max(canvas.clientWidth - 2 * MARGIN.side, 40);
    var h = Math.max(canvas.clientHeight - MARGIN.top - MARGIN.bottom, 40);
    var scale = Math.min(MAX_ZOOM, w / Math.max(box[2] - box[0], 1),
                         h / Math.max(box[3] - box[1], 1));
    // Screen centre shifted by the uneven margins, in network units.
    var shift = (MARGIN.bottom - MARGIN.top) / 2 / scale;
    var position = at ? { x: at.x, y: at.y }
      : { x: (box[0] + box[2]) / 2, y: (box[1] + box[3]) / 2 + shift };
    network.moveTo({ position: position, scale: scale, animation: false });
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
      state.eje = Number(e.target.value); applyFilters(); refit();
    });
  }
  if (data.territorios.length) {
    $("tj-filter-territorio").title = L.filter_territorio;
    fillSelect($("tj-filter-territorio"), L.all_territorios, data.territorios, function (e) {
      state.territorio = Number(e.target.value); applyFilters(); refit();
    });
  }
  if (data.hasInterno) {
    var interno = $("tj-filter-interno");
    interno.title = L.filter_interno;
    [["all", L.interno_all], ["yes", L.interno_yes], ["no", L.interno_no]].forEach(function (o) {
      interno.appendChild(new Option(o[1], o[0]));
    });
    interno.hidden = false;
    interno.addEventListener("change", function () {
      state.interno = interno.value; applyFilters(); refit();
    });
  }

  // ---- legend ------------------------------------------------------------------------
  var app = {
    data: data, L: L, state: state, nodes: nodes, edges: edges, indexOf: indexOf,
    passes: passes, visible: visible, restyle: restyle, applyFilters: applyFilters,
    showGap: function (item) {
      fitTo(item.nodes, null);
      if (item.nodes.length === 1) select(item.nodes[0]);
      else { clearHighlight(); closePanel(); network.selectNodes(item.nodes); }
    }
  };
  legend = lib.legend(app);

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
    if (p.measures && p.measures.length) {
      profileBox.appendChild(el("h3", L["section.centrality"]));
      var list = el("div", null, "tj-measures");
      list.id = "tj-measures";
      p.measures.forEach(function (m) {
        var row = el("div", null, "tj-measure");
        row.appendChild(el("span", m[0], "tj-mname"));
        row.appendChild(el("span", m[1], "tj-mvalue"));
        if (m[2]) row.appendChild(el("span", m[2], "tj-help"));
        list.appendChild(row);
      });
      profileBox.appendChild(list);
    }
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
    legend.toggles.forEach(function (box) {
      if (!box.checked) { box.checked = true; box.dispatchEvent(new Event("change")); }
    });
    applyFilters();
  }
  $("tj-reset").textContent = L.reset;
  $("tj-reset").addEventListener("click", function () {
    search.value = ""; status.textContent = "";
    legend.reset();
    resetFilters(); clearHighlight(); closePanel();
    network.unselectAll();
    refit();
  });

  function look(id) {
    var n = data.nodes[indexOf.get(id)];
    var item = nodes.get(id);
    var c = item.color;
    var fill = typeof c === "string" ? c : c.background;
    var stroke = typeof c === "string" ? "#5b6670" : c.border;
    return { fill: fill, stroke: stroke, width: item.borderWidth || 1,
             dashed: Boolean(n.shapeProperties && n.shapeProperties.borderDashes) };
  }
  function picture() {
    var visibleCount = data.nodes.filter(visible).length;
    var when = L.date + ": " + data.dateText;
    return {
      network: network, canvas: container.querySelector("canvas"), colors: data.colors,
      title: data.title, focal: data.focal, look: look, labels: labeller.placed,
      subtitle: [L.dataset + ": " + data.dataset, when,
                 lib.fill(L.visible, { shown: visibleCount, total: data.nodes.length })]
        .join(" · "),
      footer: [L.source + ": " + data.dataset, when, L.made_with].join(" · "),
      legend: legend.model
    };
  }
  $("tj-export").textContent = L.export;
  $("tj-export").addEventListener("click", function () {
    lib.download(lib.png(picture()), L.file_png);
  });
  $("tj-export-svg").textContent = L.export_svg;
  $("tj-export-svg").addEventListener("click", function () {
    var blob = new Blob([lib.svg(picture())], { type: "image/svg+xml;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    lib.download(url, L.file_svg);
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  });

  // Until the reader moves the view, a window that changes size keeps showing everything.
  network.on("dragEnd", function () { moved = true; });
  network.on("zoom", function () { moved = true; });

  applyFilters();
  // The heading and legend are filled in now: let vis-network measure its canvas again
  // before the first view is chosen from that size.
  network.setSize("100%", "100%");
  refit();
  started = true;
  network.redraw();
  window.tejido = {
    network: network, nodes: nodes, edges: edges, focusNode: focusNode, focal: data.focal,
    labels: labeller.placed, gapsShown: legend.shown, svg: function () { return lib.svg(picture()); },
    draws: function () { return draws; }
  };
})(window.tejidoLib = window.tejidoLib || {});
