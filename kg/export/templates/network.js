// What vis-network is given, and what the page reads back from it.
// vis deep-copies every field of an item it does not know into each node and edge
// it builds: the evidence of 12,000 edges copied once more cost 0.3 to 0.6 s on
// opening. So vis gets slim items, with only the fields it draws, and the page
// keeps the full ones (evidence, labels, counts) in its own tables.
var kgNet = (function () {
  "use strict";
  var EDGE_LOOK = ["label", "width", "color", "dashes", "arrows", "smooth", "font", "title"];

  function node(n) {
    var item = { id: n.id, label: n.label, x: n.x, y: n.y, shape: n.shape, color: n.color, size: n.size };
    if (n.title !== undefined) item.title = n.title;
    return item;
  }
  function edge(e) {
    var item = { id: e.id, from: e.from, to: e.to };
    EDGE_LOOK.forEach(function (k) { if (e[k] !== undefined) item[k] = e[k]; });
    return item;
  }

  // kgView.nodes / kgView.edges: what vis draws (the DataView's ids), as the
  // page's full items, which restyling and language changes keep up to date.
  function drawn(dataView, byId) {
    return {
      get: function (id) {
        if (id !== undefined) return dataView.get(id) ? byId[id] : null;
        return dataView.getIds().map(function (i) { return byId[i]; });
      },
      getIds: function () { return dataView.getIds(); },
      get length() { return dataView.length; },
    };
  }

  // In a large graph vis draws no edge label (each costs a canvas save/restore on
  // every redraw): the selection's labels are painted over the canvas instead, as text.
  // Text is slow to draw on a canvas: only labels large enough to read (vis's own stop
  // at 5 px too) and inside the view are painted, so a hub's 500 relations cost nothing
  // on the whole map and little once zoomed in on it.
  function labelPainter(network, edgeById, visibleEdge, lang) {
    var labelled = [];
    network.on("afterDrawing", function (ctx) {
      if (!labelled.length || network.getScale() * 11 < 5) return;
      var box = network.body.container;
      var lo = network.DOMtoCanvas({ x: 0, y: 0 }), hi = network.DOMtoCanvas({ x: box.clientWidth, y: box.clientHeight });
      ctx.font = "11px system-ui, sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      ctx.lineWidth = 3;
      ctx.strokeStyle = "#ffffff";
      labelled.forEach(function (id) {
        var shown = network.body.edges[id], e = edgeById[id];
        if (!shown || visibleEdge[id] === false) return;
        var p = shown.edgeType.getPoint(0.5);
        if (p.x < lo.x || p.x > hi.x || p.y < lo.y || p.y > hi.y) return;
        ctx.fillStyle = e.font.color;
        ctx.strokeText(e.labels[lang()], p.x, p.y);
        ctx.fillText(e.labels[lang()], p.x, p.y);
        if (!e.symmetric && !shown.options.arrows.to.enabled) arrowHead(ctx, shown);
      });
    });
    return function (ids) {
      labelled = ids.slice(0, 500);
      network.body.emitter.emit("_requestRedraw");     // on the next frame, with the selection
    };
  }

  // The direction of a selected relation when vis draws no arrow heads: a small
  // triangle on the line, three quarters of the way to its object.
  function arrowHead(ctx, shown) {
    var from = shown.from, to = shown.to, p = shown.edgeType.getPoint(0.75);
    var angle = Math.atan2(to.y - from.y, to.x - from.x), size = 7;
    ctx.beginPath();
    ctx.moveTo(p.x + size * Math.cos(angle), p.y + size * Math.sin(angle));
    ctx.lineTo(p.x + size * Math.cos(angle + 2.5), p.y + size * Math.sin(angle + 2.5));
    ctx.lineTo(p.x + size * Math.cos(angle - 2.5), p.y + size * Math.sin(angle - 2.5));
    ctx.closePath();
    ctx.fill();
  }

  // Thousands of arrow heads cost more than the lines (vis places each on its node's
  // border, on every frame, on screen or not: 12,000 of them add 0.5 s to a frame). They
  // are drawn once zoomed in, and only while at most ARROW_EDGES edges are drawn;
  // above that the selection's relations get their own (arrowHead).
  var ARROW_EDGES = 4000;
  function arrowsWhenZoomed(network, drawnEdges) {
    var arrows = false;
    function sync() {
      var want = network.getScale() >= 0.5 && drawnEdges() <= ARROW_EDGES;
      if (want !== arrows) { arrows = want; network.setOptions({ edges: { arrows: { to: { enabled: want } } } }); }
    }
    network.on("zoom", sync);
    network.on("animationFinished", sync);
    return sync;
  }

  // The order edges are given to vis in: those the opening state shows first, the
  // ones with most sentences first among them (the strongest ties are drawn first), then the rest.
  function loadOrder(edges, visible) {
    return edges.map(function (e, i) { return [visible[e.id] === false ? 1 : 0, -e.evidence.length, i, e]; })
      .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; })
      .map(function (x) { return x[3]; });
  }

  // Gives vis the edges the first picture left out, a batch at a time when the page is
  // idle, so it answers clicks and searches while they arrive (vis builds an edge in
  // about 50 µs). Edges the filters hide cost vis nothing (the DataView keeps them out):
  // they do not count.
  var BATCH = 2000;
  function loadLater(network, edgeView, edgeSet, rest, loaded, visible, hooks) {
    var next = 0;
    function step() {
      var batch = [], drawn = 0;
      while (next < rest.length && drawn < BATCH) {
        var e = rest[next++];
        loaded[e.id] = true;
        batch.push(edge(e));              // as the filters restyled it so far
        if (visible[e.id] !== false) drawn++;
      }
      addQuietly(network, edgeView, edgeSet, batch);
      hooks.batch();
      // Drawn once at the end: a redraw per batch would double the time they take.
      if (next < rest.length) return later(step);
      network.body.emitter.emit("_requestRedraw");
      hooks.done();
    }
    if (!rest.length) return hooks.done();
    // After the load event, which vis's batches would otherwise hold back.
    if (document.readyState === "complete") later(step);
    else window.addEventListener("load", function () { later(step); });
  }
  // After each change of its data vis walks every node and edge several times
  // (clusters, physics, value ranges: 60 to 90 ms for 16,000 items), which adding
  // edges does not need. So vis's own listener is held back while a batch goes into
  // the DataSet, and the new edges are built and indexed directly (vis-network 9.1's
  // EdgesHandler.add without its change event); the public path is the fallback.
  function addQuietly(network, edgeView, edgeSet, batch) {
    var handler = network.edgesHandler;
    var listener = handler && handler.edgesListeners && handler.edgesListeners.add;
    if (!listener || typeof network._updateVisibleIndices !== "function") { edgeSet.add(batch); return; }
    var added = [];
    function collect(event, props) { added = added.concat(props.items); }
    edgeView.off("add", listener);
    edgeView.on("add", collect);
    try {
      edgeSet.add(batch);
    } finally {
      edgeView.off("add", collect);
      edgeView.on("add", listener);
    }
    handler.add(added, true);
    network._updateVisibleIndices();
  }

  function later(step) {
    if (window.requestIdleCallback) window.requestIdleCallback(step, { timeout: 100 });
    else window.setTimeout(step, 0);
  }

  return { node: node, edge: edge, drawn: drawn, labelPainter: labelPainter, arrowsWhenZoomed: arrowsWhenZoomed,
           loadOrder: loadOrder, loadLater: loadLater, BATCH: BATCH };
})();
