/* tejido map page: the legend, whose counts follow what is visible, and the gap overlay,
 * which shows the highest-priority gaps first (data.gapItems is in that order) and a
 * control to show more. Every string from the data is placed with textContent. */
(function (lib) {
  "use strict";

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (m, k) {
      return values[k] === undefined ? m : String(values[k]);
    });
  }
  function plain(title) { return String(title).replace(/\s*\([^)]*\)\s*$/, ""); }
  lib.fill = fill;

  /* ``app``: data, labels (L), state, nodes and edges (DataSets), passes(n, ignore) ->
   * whether node n passes every filter but the ``ignore`` one ("tipo" or "kind"),
   * visible(n), restyle(ids), applyFilters(). */
  lib.legend = function (app) {
    var data = app.data, L = app.L, state = app.state;
    var legend = document.getElementById("tj-legend");
    document.getElementById("tj-legend-title").textContent = L.legend;
    var toggles = [];
    var counters = [];  // [span, function () -> text]
    var model = [];     // what an exported picture repeats: [title, rows()]
    var top = data.gapTop > 0 ? data.gapTop : Infinity;
    state.gapLimit = top;
    var shown = new Set();   // ranks of gap marks drawn now
    var available = [];      // ranks of gap marks whose actors are all visible

    var visibleLine = el("p", null, "tj-note");
    visibleLine.id = "tj-visible";
    legend.appendChild(visibleLine);

    function legendRow(mark, text, onToggle) {
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
      toggles.push(box);
      return row;
    }
    /* The row's count, recomputed on every change; a row with nothing to show greys out. */
    function counter(row, compute, zero) {
      var span = el("span", null, "tj-count");
      row.appendChild(span);
      counters.push([span, compute, row, zero]);
    }
    function section(title, id) {
      var wrap = el("div");
      wrap.appendChild(el("h3", title));
      if (id) wrap.id = id;
      legend.appendChild(wrap);
      return wrap;
    }

    if (data.focal !== null && data.focal !== undefined) {
      var focal = data.nodes[app.indexOf.get(data.focal)];
      var box = section(L.focal, "tj-legend-focal");
      var row = el("div", null, "tj-legend-row tj-static");
      row.appendChild(el("span", null, "tj-focal"));
      row.appendChild(el("span", focal.label, "tj-text"));
      box.appendChild(row);
      model.push([L.focal, function () {
        return [{ mark: { type: "focal", color: "#111827" }, text: focal.label }];
      }]);
    }
    function count(test, ignore) {
      var k = 0;
      data.nodes.forEach(function (n) { if (test(n) && app.passes(n, ignore)) k++; });
      return k;
    }
    if (data.tipos.length) {
      var tipos = section(L.legend_tipos, "tj-legend-tipos");
      data.tipos.forEach(function (tipo) {
        var swatch = el("span", null, "tj-swatch");
        swatch.style.background = tipo.color;
        var row = legendRow(swatch, tipo.label, function (on) {
          if (on) state.hiddenTipos.delete(tipo.key); else state.hiddenTipos.add(tipo.key);
          app.applyFilters();
        });
        tipo.now = function () {
          return count(function (n) { return n.kind === "Actor" && n.tipo === tipo.key; }, "tipo");
        };
        counter(row, function () { return "(" + tipo.now() + ")"; },
                function () { return tipo.now() === 0; });
        row.setAttribute("data-tipo", tipo.key);
        tipos.appendChild(row);
      });
      model.push([plain(L.legend_tipos), function () {
        return data.tipos.filter(function (t) {
          return !state.hiddenTipos.has(t.key) && t.now() > 0;
        }).map(function (t) {
          return { mark: { type: "dot", color: t.color }, text: t.label + " (" + t.now() + ")" };
        });
      }]);
    }
    if (data.kinds.length) {
      var kinds = section(L.legend_kinds, "tj-legend-kinds");
      data.kinds.forEach(function (kind) {
        var mark = el("span", kind.symbol, "tj-shape");
        mark.style.color = kind.color;
        var row = legendRow(mark, kind.label, function (on) {
          if (on) state.hiddenKinds.delete(kind.key); else state.hiddenKinds.add(kind.key);
          app.applyFilters();
        });
        kind.now = function () {
          return count(function (n) { return n.kind === kind.key; }, "kind");
        };
        counter(row, function () { return "(" + kind.now() + ")"; },
                function () { return kind.now() === 0; });
        row.setAttribute("data-kind", kind.key);
        kinds.appendChild(row);
      });
      model.push([plain(L.legend_kinds), function () {
        return data.kinds.filter(function (k) {
          return !state.hiddenKinds.has(k.key) && k.now() > 0;
        }).map(function (k) {
          return { mark: { type: "symbol", color: k.color, symbol: k.symbol },
                   text: k.label + " (" + k.now() + ")" };
        });
      }]);
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
      sizes.appendChild(el("p", L.labels_note, "tj-note"));
      model.push([L.legend_size, function () {
        return [{ mark: null, text: data.size.text + " (" + data.size.min + "–" +
                  data.size.max + ")" }];
      }]);
    }

    // ---- gap overlay -------------------------------------------------------------------
    var gapStatus = null, gapList = null, buttons = {};
    function kindCount(kind) {
      var s = 0, a = 0;
      available.forEach(function (rank) {
        if (data.gapItems[rank].kind === kind) { a++; if (shown.has(rank)) s++; }
      });
      return { shown: s, total: a };
    }
    if (data.gaps) {
      var gaps = section(L.legend_gaps, "tj-legend-gaps");
      [["coordinacion_faltante", el("span", null, "tj-dash"), "showGapEdges"],
       ["punto_critico", el("span", null, "tj-ring"), "showCritical"]].forEach(function (g) {
        var row = legendRow(g[1], L["gap." + g[0]], function (on) {
          state[g[2]] = on;
          update();
        });
        counter(row, function () {
          var c = kindCount(g[0]);
          return "(" + fill(L.count_of, { shown: c.shown, total: c.total }) + ")";
        });
        row.setAttribute("data-gap", g[0]);
        gaps.appendChild(row);
      });
      gapStatus = el("p", null, "tj-note");
      gapStatus.id = "tj-gaps-status";
      gaps.appendChild(gapStatus);
      if (data.gapsOmitted) {
        // Pairs the gap report counted but did not list: said, not drawn.
        var omitted = el("p", data.gapsOmitted, "tj-note");
        omitted.id = "tj-gaps-omitted";
        gaps.appendChild(omitted);
      }
      var bar = el("div", null, "tj-gap-bar");
      [["more", fill(L.gaps_more, { n: top })], ["all", L.gaps_all],
       ["fewer", fill(L.gaps_fewer, { n: top })]].forEach(function (b) {
        var button = el("button", b[1]);
        button.type = "button";
        button.id = "tj-gaps-" + b[0];
        bar.appendChild(button);
        buttons[b[0]] = button;
      });
      buttons.more.addEventListener("click", function () { state.gapLimit += top; update(); });
      buttons.all.addEventListener("click", function () { state.gapLimit = Infinity; update(); });
      buttons.fewer.addEventListener("click", function () { state.gapLimit = top; update(); });
      gaps.appendChild(bar);
      var listTitle = el("h3", L.gaps_list);
      listTitle.id = "tj-gap-list-title";
      gaps.appendChild(listTitle);
      gapList = el("ol", null, "tj-gap-list");
      gapList.id = "tj-gap-list";
      gaps.appendChild(gapList);
      model.push([plain(L.legend_gaps), function () {
        var rows = [];
        if (state.showGapEdges) {
          var c = kindCount("coordinacion_faltante");
          rows.push({ mark: { type: "dash", color: data.colors.gap },
                      text: L["gap.coordinacion_faltante"] + " (" +
                            fill(L.count_of, { shown: c.shown, total: c.total }) + ")" });
        }
        if (state.showCritical) {
          var d = kindCount("punto_critico");
          rows.push({ mark: { type: "ring", color: data.colors.gap },
                      text: L["gap.punto_critico"] + " (" +
                            fill(L.count_of, { shown: d.shown, total: d.total }) + ")" });
        }
        rows.push({ mark: null, text: fill(L.gaps_shown, { shown: shown.size,
                                                            total: available.length }) });
        if (data.gapsOmitted) rows.push({ mark: null, text: data.gapsOmitted });
        return rows;
      }]);
    }

    /* Which gap marks are drawn: the first gapLimit of those whose actors are visible. */
    function pickGaps() {
      available = [];
      shown = new Set();
      data.gapItems.forEach(function (item, rank) {
        var ok = item.nodes.every(function (id) {
          var i = app.indexOf.get(id);
          return i !== undefined && app.visible(data.nodes[i]);
        });
        if (!ok) return;
        available.push(rank);
        if (shown.size < state.gapLimit) shown.add(rank);
      });
    }
    function drawGaps() {
      var changes = [];
      data.gapEdges.forEach(function (e) {
        var hide = !(state.showGapEdges && shown.has(e.rank));
        if (hide !== (e.hidden === true)) { e.hidden = hide; changes.push({ id: e.id, hidden: hide }); }
      });
      if (changes.length) app.edges.update(changes);
      var ringed = [];
      data.nodes.forEach(function (n) {
        var ring = n.crit && state.showCritical && shown.has(n.critRank);
        if (ring !== (n.ring === true)) { n.ring = ring; ringed.push(n.id); }
      });
      if (ringed.length) app.restyle(ringed);
    }
    function listGaps() {
      if (!gapList) return;
      gapList.replaceChildren();
      available.forEach(function (rank) {
        if (!shown.has(rank)) return;
        var item = data.gapItems[rank];
        var li = el("li", null, "tj-gap-item");
        li.setAttribute("data-rank", String(rank));
        var kind = L["gap." + item.kind];
        li.appendChild(el("span", item.text));
        li.appendChild(el("span", " · " + kind + (item.priority !== "0" ? " · " + L.priority +
                                                  " " + item.priority : ""), "tj-count"));
        li.addEventListener("click", function () { app.showGap(item); });
        gapList.appendChild(li);
      });
      gapStatus.textContent = fill(L.gaps_shown, { shown: shown.size, total: available.length });
      buttons.more.hidden = shown.size >= available.length;
      buttons.all.hidden = shown.size >= available.length;
      buttons.fewer.hidden = state.gapLimit <= top || available.length <= top;
      document.getElementById("tj-gap-list-title").hidden = shown.size === 0;
    }

    function update() {
      pickGaps();
      drawGaps();
      listGaps();
      var visibleNodes = data.nodes.filter(app.visible).length;
      visibleLine.textContent = fill(L.visible, { shown: visibleNodes, total: data.nodes.length });
      counters.forEach(function (c) {
        c[0].textContent = c[1]();
        if (c[3]) c[2].classList.toggle("tj-zero", c[3]());
      });
    }

    return {
      update: update,
      toggles: toggles,
      shown: function () { return Array.from(shown).sort(function (a, b) { return a - b; }); },
      model: function () {
        return model.map(function (m) { return { title: m[0], rows: m[1]() }; })
          .filter(function (s) { return s.rows.length; });
      },
      reset: function () { state.gapLimit = top; }
    };
  };
})(window.tejidoLib = window.tejidoLib || {});
