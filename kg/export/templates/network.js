// What vis-network is given, and what the page reads back from it.
// vis deep-copies every field of an item it does not know into each node and edge
// it builds: the evidence of 20,000 edges copied once more costs a second on
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
  function labelPainter(network, edgeById, visibleEdge, lang) {
    var labelled = [];
    network.on("afterDrawing", function (ctx) {
      ctx.font = "11px system-ui, sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      ctx.lineWidth = 3;
      ctx.strokeStyle = "#ffffff";
      labelled.forEach(function (id) {
        var shown = network.body.edges[id], e = edgeById[id];
        if (!shown || visibleEdge[id] === false) return;
        var p = shown.edgeType.getPoint(0.5);
        ctx.fillStyle = e.font.color;
        ctx.strokeText(e.labels[lang()], p.x, p.y);
        ctx.fillText(e.labels[lang()], p.x, p.y);
      });
    });
    return function (ids) {
      labelled = ids.slice(0, 500);
      network.body.emitter.emit("_requestRedraw");     // on the next frame, with the selection
    };
  }

  // Thousands of arrow heads cost more than the lines: drawn only once zoomed in.
  function arrowsWhenZoomed(network) {
    var arrows = false;
    function sync() {
      var want = network.getScale() >= 0.5;
      if (want !== arrows) { arrows = want; network.setOptions({ edges: { arrows: { to: { enabled: want } } } }); }
    }
    network.on("zoom", sync);
    network.on("animationFinished", sync);
  }

  return { node: node, edge: edge, drawn: drawn, labelPainter: labelPainter, arrowsWhenZoomed: arrowsWhenZoomed };
})();
