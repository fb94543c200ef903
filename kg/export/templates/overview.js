// The overview parts of the view: folding people into what they represent, edge
// restyling from the evidence the filters leave, the timeline strip, the
// opening summary, tooltips and legend. Functions of the page's data; graph.js wires them up.
// Every string reaches the DOM through textContent only.
var kgFold = (function () {
  "use strict";
  var order = [];          // kg.model.MODALITIES, from the page's data
  function counts(evidence) {
    // Modalities of the read evidence (of all of it if nothing was read), dominant first.
    var read = evidence.filter(function (ev) { return !ev.inferred; });
    var tally = {};
    (read.length ? read : evidence).forEach(function (ev) { tally[ev.modality] = (tally[ev.modality] || 0) + 1; });
    var rank = function (m) { var i = order.indexOf(m); return i < 0 ? 99 : i; };
    var out = {};
    Object.keys(tally).sort(function (a, b) {
      return tally[b] - tally[a] || rank(a) - rank(b) || (a < b ? -1 : 1);
    }).forEach(function (m) { out[m] = tally[m]; });
    return { modalities: out, read: read.length > 0, total: (read.length ? read : evidence).length };
  }
  function label(e, n, lang) { return e.labels[lang] + (n > 1 ? " \u00d7" + n : ""); }
  // The same rule as kg.export.html_model.edge_style, on the evidence shown.
  function restyle(e, shown, lang, styles) {
    var c = counts(shown), dominant = Object.keys(c.modalities)[0] || "asserted";
    var colour = dominant === "negated" ? styles.negated : c.read ? styles.edge : styles.inferred;
    var update = {
      id: e.id, dashes: styles.tentative.indexOf(dominant) >= 0,
      width: c.read ? 1.5 + Math.min(4, Math.log2(1 + c.total)) : 0.8,
      color: c.read ? { color: colour, highlight: colour, hover: colour }
                    : { color: colour, highlight: colour, hover: colour, opacity: 0.7 },
      font: { color: c.read ? colour : "#8a8a8a" },
    };
    if (e.label !== undefined) update.label = label(e, shown.length, lang);
    Object.keys(update).forEach(function (k) { e[k] = update[k]; });
    return update;
  }
  // One edge per (country or organisation, relation, direction) once people are
  // folded into what they represent; the edges it replaces are marked foldedAway.
  function edges(data, nodeById, lang) {
    order = data.styles.modalities;
    var into = function (id) { var n = nodeById[id]; return n && n.into && nodeById[n.into] ? n.into : id; };
    var groups = {}, keys = [];
    data.edges.forEach(function (e) {
      if (e.office) return;
      var from = into(e.from), to = into(e.to);
      if (e.symmetric && to < from) { var t = from; from = to; to = t; }
      var key = from + "\u0000" + e.predicate + "\u0000" + to;
      if (!groups[key]) { groups[key] = { from: from, to: to, parts: [] }; keys.push(key); }
      groups[key].parts.push(e);
    });
    var out = [];
    keys.forEach(function (key) {
      var g = groups[key], first = g.parts[0];
      if (g.parts.length === 1 && first.from === g.from && first.to === g.to) return;   // unchanged
      g.parts.forEach(function (e) { e.foldedAway = true; });
      if (g.from === g.to) return;      // a person and what they represent: no edge
      var evidence = [].concat.apply([], g.parts.map(function (e) { return e.evidence; }));
      var mods = {};
      g.parts.forEach(function (e) { e.modalities.forEach(function (m) { mods[m] = true; }); });
      var e = {
        id: "f" + out.length, from: g.from, to: g.to, predicate: first.predicate, symmetric: first.symmetric,
        labels: first.labels, arrows: first.arrows, folded: true, evidence: evidence,
        parts: g.parts.map(function (p) { return p.id; }), modalities: Object.keys(mods).sort(),
        modality_counts: counts(evidence).modalities, count: evidence.length,
        inferred: g.parts.every(function (p) { return p.inferred; }),
      };
      if (first.label !== undefined) e.label = "";
      restyle(e, evidence, lang, data.styles);
      out.push(e);
    });
    return out;
  }
  // Edges joining the same two entities bend apart (the first stays straight),
  // so a bundle of relations between two countries reads as separate lines.
  function curve(list, large) {
    if (large) return;
    var seen = {};
    list.forEach(function (e) {
      var a = e.from < e.to ? e.from : e.to, b = e.from < e.to ? e.to : e.from, pair = a + "\u0000" + b;
      var i = seen[pair] || 0;
      seen[pair] = i + 1;
      if (!i) return;
      // curvedCW turns the other way when the edge runs the other way.
      var clockwise = (i % 2 === 1) === (e.from === a);
      e.smooth = { enabled: true, type: clockwise ? "curvedCW" : "curvedCCW", roundness: 0.18 * Math.floor((i + 1) / 2) };
    });
  }
  return { edges: edges, curve: curve, restyle: restyle, label: label, counts: counts };
})();

var kgTimeline = (function () {
  "use strict";
  // A strip of bars, one per period, under two range sliders: the range picks
  // the dates whose facts stay on the graph.
  function draw(box, bins, setDates) {
    if (!bins || !bins.length) { box.hidden = true; return; }
    var bars = document.createElement("div");
    bars.className = "bars";
    var top = Math.max.apply(null, bins.map(function (b) { return b[1]; })) || 1;
    bins.forEach(function (b) {
      var bar = document.createElement("div");
      bar.className = "bar";
      bar.style.height = Math.max(b[1] ? 8 : 2, Math.round(100 * b[1] / top)) + "%";
      bar.title = b[0] + ": " + b[1];
      bars.appendChild(bar);
    });
    var from = slider("time-from", 0, bins.length), to = slider("time-to", bins.length - 1, bins.length);
    var text = document.createElement("span");
    text.className = "range";
    box.appendChild(bars);
    box.appendChild(from);
    box.appendChild(to);
    box.appendChild(text);
    function update() {
      var lo = Math.min(+from.value, +to.value), hi = Math.max(+from.value, +to.value);
      Array.prototype.forEach.call(bars.children, function (bar, i) { bar.classList.toggle("out", i < lo || i > hi); });
      var all = lo === 0 && hi === bins.length - 1;
      text.textContent = all ? bins[0][0] + " \u2013 " + bins[bins.length - 1][0] + " (all dates)"
                             : bins[lo][0] + " \u2013 " + bins[hi][0];
      return all ? ["", ""] : [bins[lo][2], bins[hi][3]];
    }
    [from, to].forEach(function (input) {
      input.addEventListener("input", function () { var r = update(); setDates(r[0], r[1]); });
    });
    update();
  }
  function slider(id, value, n) {
    var input = document.createElement("input");
    input.type = "range";
    input.id = id;
    input.min = 0;
    input.max = n - 1;
    input.step = 1;
    input.value = value;
    input.setAttribute("aria-label", id === "time-from" ? "first date" : "last date");
    return input;
  }
  function reset(box) {
    var from = box.querySelector("#time-from"), to = box.querySelector("#time-to");
    if (!from) return;
    from.value = from.min;
    to.value = to.max;
    Array.prototype.forEach.call(box.querySelectorAll(".bar"), function (bar) { bar.classList.remove("out"); });
  }
  return { draw: draw, reset: reset };
})();

var kgSummary = (function () {
  "use strict";
  // The opening panel: the most connected actors, the relations, the dates, the articles.
  function draw(panel, ctx) {
    var data = ctx.data, el = ctx.el, lang = ctx.lang;
    var box = el("div", "summary");
    box.appendChild(el("h3", null, "Most connected"));
    data.nodes.filter(function (n) { return ctx.visible(n.id); })
      .sort(function (a, b) { return b.assertions - a.assertions || (a.id < b.id ? -1 : 1); })
      .slice(0, 8).forEach(function (n) {
        var button = el("button", "fact actor", n.labels[lang] + "  (" + ctx.plural(n.assertions, "assertion") + ")");
        button.type = "button";
        button.dataset.id = n.id;
        button.addEventListener("click", function () { ctx.select(n.id); });
        box.appendChild(button);
      });
    box.appendChild(el("h3", null, "Relations"));
    var rels = el("ul", "relations");
    data.facets.relations.slice().sort(function (a, b) { return b.count - a.count || (a.name < b.name ? -1 : 1); })
      .forEach(function (r) { rels.appendChild(el("li", null, r.labels[lang] + ": " + r.count)); });
    box.appendChild(rels);
    box.appendChild(el("h3", null, "Dates"));
    box.appendChild(el("p", "dates", data.facets.dates ? data.facets.dates[0] + " \u2013 " + data.facets.dates[1]
                                                           : "No fact has a date."));
    var docs = Object.keys(data.articles).sort();
    box.appendChild(el("h3", null, "Articles (" + docs.length + ")"));
    var list = el("ul", "articles");
    docs.slice(0, 30).forEach(function (doc) {
      var a = data.articles[doc];
      list.appendChild(el("li", null, (a.title || doc) + (a.published ? " \u00b7 " + a.published : "")));
    });
    if (docs.length > 30) list.appendChild(el("li", "sub", "\u2026 and " + (docs.length - 30) + " more"));
    box.appendChild(list);
    panel.appendChild(box);
  }
  return { draw: draw };
})();

var kgTips = (function () {
  "use strict";
  var el = kgDom.el, plural = kgDom.plural;
  // A tooltip is a DOM element built with textContent (vis would parse a string as HTML).
  function node(n, lang) {
    var box = el("div", "tip");
    box.appendChild(el("strong", null, n.labels[lang]));
    (n.offices || []).forEach(function (o) { box.appendChild(el("div", null, o.labels[lang])); });
    box.appendChild(el("div", "sub", n.type + " · " + plural(n.assertions, "assertion")));
    return box;
  }
  // An edge's tooltip: its relation, then its sentences per modality, dominant first.
  function edge(e, shown, lang) {
    var box = el("div", "tip"), counts = kgFold.counts(shown).modalities;
    box.appendChild(el("strong", null, kgFold.label(e, shown.length, lang)));
    box.appendChild(el("div", null, Object.keys(counts).map(function (m) { return m + " " + counts[m]; }).join(" · ")));
    return box;
  }
  function legend(box, data, lang) {
    while (box.firstChild) box.removeChild(box.firstChild);
    data.facets.types.forEach(function (item) {
      var row = el("div");
      var glyph = el("span", "glyph", item.glyph);
      glyph.style.color = item.color;
      row.appendChild(glyph);
      row.appendChild(document.createTextNode(" " + item.labels[lang]));
      box.appendChild(row);
    });
    data.legend.edges.forEach(function (item) {
      var row = el("div");
      var line = el("span", "line");
      line.style.borderTop = item.width + "px " + (item.dashes ? "dashed " : "solid ") + item.color;
      row.appendChild(line);
      row.appendChild(document.createTextNode(item.text));
      box.appendChild(row);
    });
  }
  return { node: node, edge: edge, legend: legend };
})();
