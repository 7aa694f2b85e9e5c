/* tejido map page: node names, drawn by the page over vis-network's canvas.
 *
 * vis-network draws a label for every node, at a size that shrinks with the zoom: on a
 * whole portfolio they are ~7 px and pile up. Here names keep a readable size on screen
 * (BIG px for the most central actors, SMALL px for the rest) and are placed the way
 * cartographers place map labels: greedily, most important first, each in the first of
 * four spots around its node (below, above, right, left) that overlaps no name already
 * placed (Imhof's rules; the greedy order is the usual point-feature approximation, see
 * Christensen, Marks & Shieber 1995). What does not fit is left out and appears when
 * zooming in spreads the nodes apart. */
(function (lib) {
  "use strict";

  var BIG = 14;
  var SMALL = 12;
  var LINE = 1.2;
  var CHARS = 26;
  var PAD = 2;
  var CELL = 64;
  var MAX_LABELS = 400;
  // Nodes in view looked at per drawing, most central first: on a 20 000-node map the
  // rest are specks at this zoom, and looking at them all would slow every frame.
  var MAX_TRIES = 2500;
  var FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
  lib.FONT = FONT;

  /* A name in at most two lines of about CHARS characters, cut at spaces; what does not
   * fit ends in an ellipsis (the full name is in the tooltip and the side panel). A
   * single word longer than a line is cut too. */
  function wrap(text) {
    text = String(text);
    if (text.length <= CHARS) return [text];
    var words = text.split(/\s+/);
    var lines = [""];
    for (var i = 0; i < words.length; i++) {
      var line = lines[lines.length - 1];
      var next = line ? line + " " + words[i] : words[i];
      if (next.length <= CHARS || !line) lines[lines.length - 1] = next;
      else if (lines.length < 2) lines.push(words[i]);
      else { lines[1] = lines[1] + " …"; return clip(lines); }
    }
    return clip(lines);
  }
  function clip(lines) {
    return lines.map(function (line) {
      return line.length > CHARS + 4 ? line.slice(0, CHARS + 2).trimEnd() + "…" : line;
    });
  }
  lib.wrap = wrap;

  /* The labeller of one network. ``env``: visible(i), dimmed(id), first() -> ids labelled
   * before the rest (the focal actor, the selected node), big(i) -> whether node i is among
   * the most central. */
  lib.labeller = function (network, data, env) {
    var order = data.nodes.map(function (n, i) { return i; });
    order.sort(function (a, b) { return data.nodes[a].rank - data.nodes[b].rank; });
    // Full names (the node's ``label`` is cut at 40 characters for vis-network).
    var lines = data.profiles.map(function (p) { return wrap(p.title); });
    var widths = new Map();
    var placed = [];

    function width(ctx, i, px, bold) {
      var key = i + ":" + px + ":" + bold;
      var w = widths.get(key);
      if (w === undefined) {
        ctx.font = (bold ? "600 " : "") + px + "px " + FONT;
        w = Math.max.apply(null, lines[i].map(function (l) { return ctx.measureText(l).width; }));
        widths.set(key, w);
      }
      return w;
    }

    function draw(ctx) {
      var canvas = ctx.canvas;
      var W = canvas.clientWidth, H = canvas.clientHeight;
      var ratio = W ? canvas.width / W : 1;
      var scale = network.getScale();
      var origin = network.canvasToDOM({ x: 0, y: 0 });
      var bodies = network.body.nodes;
      var grid = new Map();
      var done = new Set();
      var tries = 0;
      placed = [];

      function collides(b, namesOnly) { return cells(b, false, namesOnly); }
      /* Add box b to the grid (``name``: it is a name, not a node), or say whether it
       * overlaps a box there (``namesOnly``: only names count). */
      function cells(b, add, name) {
        var x0 = Math.floor(b[0] / CELL), x1 = Math.floor(b[2] / CELL);
        var y0 = Math.floor(b[1] / CELL), y1 = Math.floor(b[3] / CELL);
        for (var cx = x0; cx <= x1; cx++) {
          for (var cy = y0; cy <= y1; cy++) {
            var key = cx * 65536 + cy;
            var list = grid.get(key);
            if (add) { if (!list) grid.set(key, list = []); b.name = Boolean(name); list.push(b); }
            else if (list) {
              for (var k = 0; k < list.length; k++) {
                var o = list[k];
                if (name && !o.name) continue;
                if (b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]) return true;
              }
            }
          }
        }
        return false;
      }

      /* A name goes in the first spot that overlaps no name placed before and no node
       * more central than its own (those have been through here already: their discs
       * are in the grid). Its node's disc joins the grid afterwards, named or not. */
      function place(i, first) {
        var n = data.nodes[i];
        if (done.has(n.id) || !env.visible(i)) return;
        done.add(n.id);
        var body = bodies[n.id];
        if (!body) return;
        var x = origin.x + body.x * scale, y = origin.y + body.y * scale;
        var r = (body.options.size || 10) * scale;
        if (x + r < 0 || x - r > W || y + r < 0 || y - r > H) return;
        tries += 1;
        if (!env.dimmed(n.id)) label(i, first, x, y, r);
        if (r >= 1.5) cells([x - r, y - r, x + r, y + r], true, false);
      }
      function label(i, first, x, y, r) {
        var n = data.nodes[i];
        var bold = first || env.big(i);
        var px = bold ? BIG : SMALL;
        var w = width(ctx, i, px, bold), h = lines[i].length * px * LINE;
        var d = r * 0.72;
        var spots = [[x - w / 2, y + r + PAD], [x - w / 2, y - r - PAD - h],
                     [x + r + PAD + 2, y - h / 2], [x - r - PAD - 2 - w, y - h / 2],
                     [x + d, y + d], [x + d, y - d - h], [x - d - w, y + d],
                     [x - d - w, y - d - h]];
        // The most central names may cover a node rather than be left out: a second round
        // minds only the names placed before.
        for (var round = 0; round < (bold ? 2 : 1); round++) {
          for (var s = 0; s < spots.length; s++) {
            var b = [spots[s][0] - 1, spots[s][1], spots[s][0] + w + 1, spots[s][1] + h];
            if (!first && (b[0] < 0 || b[1] < 0 || b[2] > W || b[3] > H)) continue;
            if (!first && collides(b, round === 1)) continue;
            cells(b, true, true);
            placed.push({ id: n.id, lines: lines[i], px: px, bold: bold, x: b[0] + 1, y: b[1],
                          w: w, h: h });
            return;
          }
        }
      }

      env.first().forEach(function (id) {
        var i = env.index(id);
        if (i !== undefined) place(i, true);
      });
      for (var k = 0; k < order.length && placed.length < MAX_LABELS && tries < MAX_TRIES; k++) {
        place(order[k], false);
      }

      ctx.save();
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.textBaseline = "top";
      ctx.lineJoin = "round";
      placed.forEach(function (p) {
        ctx.font = (p.bold ? "600 " : "") + p.px + "px " + FONT;
        p.lines.forEach(function (line, j) {
          var ly = p.y + j * p.px * LINE;
          var lx = p.x + (p.w - ctx.measureText(line).width) / 2;
          ctx.lineWidth = 3.5;
          ctx.strokeStyle = "rgba(255, 255, 255, 0.92)";
          ctx.strokeText(line, lx, ly);
          ctx.fillStyle = data.colors.font;
          ctx.fillText(line, lx, ly);
        });
      });
      ctx.restore();
    }

    return { draw: draw, placed: function () { return placed; } };
  };

  /* The queried actor of an ego map: a soft halo behind it and a dark ring around it, in
   * screen pixels whatever the zoom. */
  lib.drawFocal = function (ctx, network, id, behind) {
    var body = network.body.nodes[id];
    if (!body || body.options.hidden) return;
    var scale = network.getScale();
    var r = (body.options.size || 10);
    ctx.save();
    ctx.beginPath();
    if (behind) {
      ctx.arc(body.x, body.y, r + 14 / scale, 0, 2 * Math.PI);
      ctx.fillStyle = "rgba(255, 196, 0, 0.35)";
      ctx.fill();
    } else {
      ctx.arc(body.x, body.y, r + 6 / scale, 0, 2 * Math.PI);
      ctx.lineWidth = 3 / scale;
      ctx.strokeStyle = "#111827";
      ctx.stroke();
    }
    ctx.restore();
  };
})(window.tejidoLib = window.tejidoLib || {});
