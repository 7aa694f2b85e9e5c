/* tejido map page: the map as a picture to paste into a document, PNG or SVG.
 *
 * Both carry what a picture needs away from the page: the title, the legend of what is
 * shown (with the counts now visible), the data source and the date. vis-network draws
 * on a canvas and has no vector export, so the SVG is written here from the current view:
 * node positions, shapes, colours and the names the page has placed. */
(function (lib) {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var HEAD = 70;
  var FOOT = 34;
  var SIDE = 300;
  var ROW = 19;

  /* Lines of ``text`` no wider than ``max`` px in the font ``ctx`` has. */
  function fit(ctx, text, max) {
    var words = String(text).split(/\s+/), out = [], line = "";
    words.forEach(function (word) {
      var next = line ? line + " " + word : word;
      if (line && ctx.measureText(next).width > max) { out.push(line); line = word; }
      else line = next;
    });
    if (line) out.push(line);
    return out;
  }

  /* Where everything goes, in CSS px: the heading's lines, the legend's rows and the
   * footer, for a network view of w × h. */
  function plan(env, w, h) {
    var probe = document.createElement("canvas").getContext("2d");
    probe.font = "600 20px " + lib.FONT;
    var title = fit(probe, env.title, w + SIDE - 32);
    probe.font = "13px " + lib.FONT;
    var rows = [];
    env.legend().forEach(function (section) {
      rows.push({ heading: section.title });
      section.rows.forEach(function (row) {
        fit(probe, row.text, SIDE - 56).forEach(function (line, j) {
          rows.push({ mark: j === 0 ? row.mark : null, text: line });
        });
      });
    });
    var head = HEAD + (title.length - 1) * 24;
    var sections = rows.filter(function (r) { return r.heading; }).length;
    var body = Math.max(h, 40 + rows.length * ROW + sections * ROW / 2);
    return { title: title, rows: rows, head: head, w: w, h: h, body: body,
             width: w + SIDE, height: head + body + FOOT };
  }

  function markCanvas(ctx, mark, x, y) {
    ctx.save();
    if (mark.type === "dash") {
      ctx.setLineDash([6, 4]); ctx.strokeStyle = mark.color; ctx.lineWidth = 2;
      ctx.beginPath(); ctx.moveTo(x, y); ctx.lineTo(x + 22, y); ctx.stroke();
    } else if (mark.type === "ring" || mark.type === "focal") {
      ctx.beginPath(); ctx.arc(x + 8, y, 6, 0, 2 * Math.PI);
      ctx.fillStyle = mark.type === "focal" ? "rgba(255, 196, 0, 0.5)" : "#c9d3dd";
      ctx.fill(); ctx.lineWidth = 3; ctx.strokeStyle = mark.color; ctx.stroke();
    } else if (mark.type === "symbol") {
      ctx.fillStyle = mark.color; ctx.font = "14px " + lib.FONT; ctx.textBaseline = "middle";
      ctx.fillText(mark.symbol, x + 2, y);
    } else {
      ctx.beginPath(); ctx.arc(x + 8, y, 6, 0, 2 * Math.PI);
      ctx.fillStyle = mark.color; ctx.fill();
    }
    ctx.restore();
  }

  lib.png = function (env) {
    var source = env.canvas;
    var w = source.clientWidth, h = source.clientHeight;
    var ratio = w ? source.width / w : 1;
    var p = plan(env, w, h);
    var out = document.createElement("canvas");
    out.width = Math.round(p.width * ratio);
    out.height = Math.round(p.height * ratio);
    var ctx = out.getContext("2d");
    ctx.scale(ratio, ratio);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, p.width, p.height);
    ctx.fillStyle = "#1f2933";
    ctx.textBaseline = "alphabetic";
    ctx.font = "600 20px " + lib.FONT;
    p.title.forEach(function (line, j) { ctx.fillText(line, 16, 30 + j * 24); });
    ctx.font = "13px " + lib.FONT;
    ctx.fillStyle = "#52606d";
    ctx.fillText(env.subtitle, 16, p.head - 14);
    ctx.drawImage(source, 0, p.head, w, h);
    ctx.strokeStyle = "#d9dde3";
    ctx.strokeRect(0.5, p.head + 0.5, w - 1, h - 1);
    var y = p.head + 20;
    p.rows.forEach(function (row, k) {
      if (row.heading && k) y += ROW / 2;
      if (row.heading) {
        ctx.font = "600 14px " + lib.FONT; ctx.fillStyle = "#1f2933";
        ctx.fillText(row.heading, w + 16, y + 4);
      } else {
        if (row.mark) markCanvas(ctx, row.mark, w + 16, y);
        ctx.font = "13px " + lib.FONT; ctx.fillStyle = "#1f2933";
        ctx.fillText(row.text, w + 44, y + 4);
      }
      y += ROW;
    });
    ctx.font = "12px " + lib.FONT;
    ctx.fillStyle = "#52606d";
    ctx.fillText(env.footer, 16, p.height - 12);
    return out.toDataURL("image/png");
  };

  // ---- SVG ---------------------------------------------------------------------------

  function node(doc, tag, attrs, text) {
    var e = doc.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function round(v) { return Math.round(v * 10) / 10; }

  /* A vis-network shape at (x, y) with radius r, as an SVG element. */
  function shape(doc, kind, x, y, r) {
    function poly(points) {
      return node(doc, "polygon", { points: points.map(function (p) {
        return round(x + p[0] * r) + "," + round(y + p[1] * r);
      }).join(" ") });
    }
    if (kind === "square") {
      return node(doc, "rect", { x: round(x - r), y: round(y - r), width: round(2 * r),
                                 height: round(2 * r) });
    }
    if (kind === "triangle") return poly([[0, -1.15], [1, 0.58], [-1, 0.58]]);
    if (kind === "diamond") return poly([[0, -1], [1, 0], [0, 1], [-1, 0]]);
    if (kind === "star") {
      var pts = [];
      for (var k = 0; k < 10; k++) {
        var a = -Math.PI / 2 + k * Math.PI / 5, m = k % 2 ? 0.45 : 1.1;
        pts.push([m * Math.cos(a), m * Math.sin(a)]);
      }
      return poly(pts);
    }
    return node(doc, "circle", { cx: round(x), cy: round(y), r: round(r) });
  }

  function markSvg(doc, mark, x, y) {
    if (mark.type === "dash") {
      return node(doc, "line", { x1: x, y1: y, x2: x + 22, y2: y, stroke: mark.color,
                                 "stroke-width": 2, "stroke-dasharray": "6 4" });
    }
    if (mark.type === "symbol") {
      return node(doc, "text", { x: x + 2, y: y + 5, fill: mark.color, "font-size": 14 },
                  mark.symbol);
    }
    var ring = mark.type === "ring" || mark.type === "focal";
    return node(doc, "circle", ring ? {
      cx: x + 8, cy: y, r: 6, stroke: mark.color, "stroke-width": 3,
      fill: mark.type === "focal" ? "#ffe08a" : "#c9d3dd" } : {
      cx: x + 8, cy: y, r: 6, fill: mark.color });
  }

  lib.svg = function (env) {
    var network = env.network;
    var source = env.canvas;
    var w = source.clientWidth, h = source.clientHeight;
    var p = plan(env, w, h);
    var doc = document.implementation.createDocument(SVG, "svg", null);
    var root = doc.documentElement;
    [["width", p.width], ["height", p.height], ["viewBox", "0 0 " + p.width + " " + p.height],
     ["font-family", lib.FONT]].forEach(function (a) { root.setAttribute(a[0], String(a[1])); });
    root.appendChild(node(doc, "title", {}, env.title));
    root.appendChild(node(doc, "rect", { width: p.width, height: p.height, fill: "#ffffff" }));
    var head = node(doc, "g", { id: "titulo" });
    p.title.forEach(function (line, j) {
      head.appendChild(node(doc, "text", { x: 16, y: 30 + j * 24, "font-size": 20,
                                           "font-weight": 600, fill: "#1f2933" }, line));
    });
    head.appendChild(node(doc, "text", { x: 16, y: p.head - 14, "font-size": 13,
                                         fill: "#52606d" }, env.subtitle));
    root.appendChild(head);

    var defs = node(doc, "defs", {});
    var clip = node(doc, "clipPath", { id: "vista" });
    clip.appendChild(node(doc, "rect", { x: 0, y: 0, width: w, height: h }));
    defs.appendChild(clip);
    root.appendChild(defs);
    var view = node(doc, "g", { id: "red", transform: "translate(0," + p.head + ")",
                                "clip-path": "url(#vista)" });
    var scale = network.getScale();
    var origin = network.canvasToDOM({ x: 0, y: 0 });
    function at(b) { return [origin.x + b.x * scale, origin.y + b.y * scale]; }
    var links = node(doc, "g", { id: "vinculos", "stroke-linecap": "round" });
    network.body.edgeIndices.forEach(function (id) {
      var e = network.body.edges[id];
      if (!e.from || !e.to || e.options.hidden) return;
      var a = at(e.from), b = at(e.to);
      var gap = Boolean(e.options.dashes);
      var colour = e.options.color || {};
      links.appendChild(node(doc, "line", {
        x1: round(a[0]), y1: round(a[1]), x2: round(b[0]), y2: round(b[1]),
        stroke: gap ? env.colors.gap : (colour.color || "#aab4be"),
        "stroke-opacity": gap ? 1 : (colour.opacity === undefined ? 1 : colour.opacity),
        "stroke-width": round(Math.max(0.5, (e.options.width || 1) * scale)),
        "stroke-dasharray": gap ? "8 6" : "none" }));
    });
    view.appendChild(links);
    var dots = node(doc, "g", { id: "nodos" });
    network.body.nodeIndices.forEach(function (id) {
      var b = network.body.nodes[id];
      var c = at(b);
      var r = (b.options.size || 10) * scale;
      var look = env.look(id);
      if (id === env.focal) {
        dots.appendChild(node(doc, "circle", { cx: round(c[0]), cy: round(c[1]),
                                               r: round(r + 14), fill: "#ffe08a" }));
      }
      var s = shape(doc, b.options.shape, c[0], c[1], r);
      s.setAttribute("fill", look.fill);
      s.setAttribute("stroke", look.stroke);
      s.setAttribute("stroke-width", String(look.width));
      if (look.dashed) s.setAttribute("stroke-dasharray", "4 3");
      dots.appendChild(s);
      if (id === env.focal) {
        dots.appendChild(node(doc, "circle", { cx: round(c[0]), cy: round(c[1]),
          r: round(r + 6), fill: "none", stroke: "#111827", "stroke-width": 3 }));
      }
    });
    view.appendChild(dots);
    var names = node(doc, "g", { id: "nombres", fill: env.colors.font, stroke: "#ffffff",
                                 "stroke-width": 3.5, "stroke-linejoin": "round",
                                 "paint-order": "stroke", "text-anchor": "middle" });
    env.labels().forEach(function (label) {
      label.lines.forEach(function (line, j) {
        names.appendChild(node(doc, "text", {
          x: round(label.x + label.w / 2), y: round(label.y + (j + 0.85) * label.px * 1.2),
          "font-size": label.px, "font-weight": label.bold ? 600 : 400 }, line));
      });
    });
    view.appendChild(names);
    root.appendChild(view);
    root.appendChild(node(doc, "rect", { x: 0.5, y: p.head + 0.5, width: w - 1, height: h - 1,
                                         fill: "none", stroke: "#d9dde3" }));

    var legend = node(doc, "g", { id: "leyenda" });
    var y = p.head + 20;
    p.rows.forEach(function (row, k) {
      if (row.heading && k) y += ROW / 2;
      if (row.heading) {
        legend.appendChild(node(doc, "text", { x: w + 16, y: y + 4, "font-size": 14,
                                               "font-weight": 600, fill: "#1f2933" }, row.heading));
      } else {
        if (row.mark) legend.appendChild(markSvg(doc, row.mark, w + 16, y));
        legend.appendChild(node(doc, "text", { x: w + 44, y: y + 4, "font-size": 13,
                                               fill: "#1f2933" }, row.text));
      }
      y += ROW;
    });
    root.appendChild(legend);
    root.appendChild(node(doc, "text", { id: "fuente", x: 16, y: p.height - 12, "font-size": 12,
                                         fill: "#52606d" }, env.footer));
    return new XMLSerializer().serializeToString(doc);
  };

  /* Offer ``href`` as a download called ``name`` (the link lives only for the click). */
  lib.download = function (href, name) {
    var link = document.createElement("a");
    link.href = href;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  };
})(window.tejidoLib = window.tejidoLib || {});
