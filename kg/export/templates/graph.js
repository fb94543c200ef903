(function () {
  "use strict";
  // All data arrives as JSON and every string goes into the DOM via textContent:
  // article text is untrusted and must never be parsed as HTML.
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var meta = data.meta;
  // The reader's language, unless the page was built for one (kg viz --lang).
  var browserLang = String(navigator.language || "").toLowerCase().slice(0, 2);
  var lang = meta.lang_fixed || (browserLang !== "vi" && browserLang !== "en") ? meta.lang : browserLang;
  var panel = document.getElementById("panel");
  var el = kgDom.el, clear = kgDom.clear, fold = kgDom.fold, safeUrl = kgDom.safeUrl, badge = kgDom.badge;
  var plural = kgDom.plural, sentenceNode = kgDom.sentenceNode;
  function find(query) { return kgDom.find(query, data.nodes, nodeById); }
  var nodeById = {}, edgeById = {}, edgesOf = {}, officesOf = {};
  data.nodes.forEach(function (n) { nodeById[n.id] = n; edgesOf[n.id] = []; officesOf[n.id] = []; });
  data.edges.forEach(function (e) {
    edgeById[e.id] = e;
    // An office is shown on its person, never drawn (a position is no node).
    if (e.office) { if (officesOf[e.from]) officesOf[e.from].push(e); return; }
    edgesOf[e.from].push(e);
    if (e.to !== e.from) edgesOf[e.to].push(e);
  });
  var folded = !!meta.fold;           // people folded into what they represent
  var foldedEdges = kgFold.edges(data, nodeById, lang);
  // What an entity's panel lists on the folded map: its folded edges and those folding left alone.
  var foldedOf = {};
  data.nodes.forEach(function (n) { foldedOf[n.id] = []; });
  foldedEdges.forEach(function (e) { edgeById[e.id] = e; });
  data.edges.concat(foldedEdges).forEach(function (e) {
    if (e.office || e.foldedAway) return;
    foldedOf[e.from].push(e);
    if (e.to !== e.from) foldedOf[e.to].push(e);
  });
  function factsOf(id) { return folded && !nodeById[id].into ? foldedOf[id] : edgesOf[id]; }
  kgFold.curve(data.edges.filter(function (e) { return !e.office; }), meta.large);
  kgFold.curve(foldedEdges, meta.large);

  // Updating edges in vis re-processes all of them, so these labels are painted
  // over the canvas after each redraw instead (as text: never markup).
  function labelEdges(ids) {
    if (!meta.large) return;
    labelled = ids.slice(0, 500);
    network.body.emitter.emit("_requestRedraw");     // on the next frame, with the selection
  }
  function paintLabels(ctx) {
    ctx.font = "11px system-ui, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.lineWidth = 3;
    ctx.strokeStyle = "#ffffff";
    labelled.forEach(function (id) {
      var edge = network.body.edges[id];
      if (!edge || visibleEdge[id] === false) return;
      var p = edge.edgeType.getPoint(0.5);
      ctx.fillStyle = edgeById[id].font.color;
      ctx.strokeText(edgeById[id].labels[lang], p.x, p.y);
      ctx.fillText(edgeById[id].labels[lang], p.x, p.y);
    });
  }
  function byId(id) { return document.getElementById(id); }
  var positionTitle = {};
  data.nodes.forEach(function (n) { (n.offices || []).forEach(function (o) { positionTitle[o.position] = o.title; }); });
  function label(id) {
    return nodeById[id] ? nodeById[id].labels[lang] : positionTitle[id] ? positionTitle[id][lang] : id;
  }

  // ---- graph: vis draws DataViews, so filters only hide, never rebuild
  var visibleNode = {}, visibleEdge = {};
  // In a large graph every edge label costs a canvas save/restore on each redraw,
  // even when too small to read: only the selected entity's relations carry one.
  if (meta.large) data.edges.concat(foldedEdges).forEach(function (e) { delete e.label; });
  var labelled = [];
  function tooltip(n) { return kgTips.node(n, lang); }
  function edgeTip(e, shown) { return kgTips.edge(e, shown, lang); }
  if (!meta.large) {
    data.nodes.forEach(function (n) { n.title = tooltip(n); });
    data.edges.concat(foldedEdges).forEach(function (e) { if (!e.office) e.title = edgeTip(e, e.evidence); });
  }
  // Labels in the reader's language before vis sees them: updating 5,000 nodes afterwards costs a second.
  if (lang !== meta.lang) {
    data.nodes.forEach(function (n) { n.label = n.labels[lang]; });
    data.edges.concat(foldedEdges).forEach(function (e) {
      if (e.label !== undefined) e.label = kgFold.label(e, e.evidence.length, lang);
    });
  }
  var nodeSet = new vis.DataSet(data.nodes);
  var edgeSet = new vis.DataSet(data.edges.filter(function (e) { return !e.office; }).concat(foldedEdges));
  var nodeView = new vis.DataView(nodeSet, { filter: function (n) { return visibleNode[n.id] !== false; } });
  var edgeView = new vis.DataView(edgeSet, { filter: function (e) { return visibleEdge[e.id] !== false; } });
  var network = new vis.Network(byId("graph"), { nodes: nodeView, edges: edgeView }, data.options);
  if (meta.large) network.on("afterDrawing", paintLabels);
  var view = window.kgView = { network: network, nodes: nodeView, edges: edgeView, ready: false };

  // ---- header, legend
  byId("stats").textContent = plural(meta.entities, "entity", "entities") + " · " +
    plural(meta.relations, "relation") + " · " + plural(meta.assertions, "assertion") + " · " +
    plural(meta.articles, "article");
  var legend = byId("legend-body");
  function drawLegend() { kgTips.legend(legend, data, lang); }

  // ---- filters
  var state = { relation: {}, type: {}, modality: {}, doc: {}, from: "", to: "" };
  var facetNames = {
    relation: function (f) { return f.labels[lang] + " (" + f.name + ")"; },
    type: function (f) { return f.labels[lang]; },
    modality: function (f) { return f.name; },
    doc: function (f) { var a = data.articles[f.doc]; return (a && a.title) || f.doc; },
  };
  var facetItems = { relation: data.facets.relations, type: data.facets.types,
                     modality: data.facets.modalities, doc: data.facets.docs };
  function keyOf(kind, f) { return kind === "doc" ? f.doc : f.name; }
  Object.keys(facetItems).forEach(function (kind) {
    facetItems[kind].forEach(function (f) { state[kind][keyOf(kind, f)] = true; });
  });

  function drawFacet(kind) {
    var box = byId("facet-" + kind);
    clear(box);
    var bulk = el("div", "bulk");
    [["all", true], ["none", false]].forEach(function (pair) {
      var b = el("button", null, pair[0]);
      b.type = "button";
      b.addEventListener("click", function () {
        facetItems[kind].forEach(function (f) { state[kind][keyOf(kind, f)] = pair[1]; });
        drawFacet(kind);
        applyFilters();
      });
      bulk.appendChild(b);
    });
    if (facetItems[kind].length > 1) box.appendChild(bulk);
    facetItems[kind].forEach(function (f) {
      var key = keyOf(kind, f);
      var row = el("label");
      var box2 = el("input");
      box2.type = "checkbox";
      box2.checked = state[kind][key];
      box2.dataset.facet = kind;
      box2.value = key;
      box2.addEventListener("change", function () { state[kind][key] = box2.checked; applyFilters(); });
      row.appendChild(box2);
      if (kind === "type") { var g = el("span", "glyph", f.glyph); g.style.color = f.color; row.appendChild(g); }
      row.appendChild(el("span", "name", facetNames[kind](f)));
      row.appendChild(el("span", "count", f.count));
      box.appendChild(row);
    });
  }

  function evidenceShown(ev) {
    if (!state.modality[ev.modality] || !state.doc[ev.doc]) return false;
    if (!state.from && !state.to) return true;
    // Undated evidence cannot be placed in a range: it is hidden while one is set.
    if (!ev.lo) return false;
    return (!state.from || ev.hi >= state.from) && (!state.to || ev.lo <= state.to);
  }

  var drawnEdges = data.edges.filter(function (e) { return !e.office; });
  var shownCount = {};                 // evidence each edge shows, as last drawn
  function edgeOk(e) {
    return !!state.relation[e.predicate] && !!state.type[e.fromType || nodeById[e.from].type] &&
      !!state.type[e.toType || nodeById[e.to].type];
  }
  function applyFilters() {
    var touched = {}, edgesShown = 0, nodesShown = 0, restyle = [];
    drawnEdges.concat(foldedEdges).forEach(function (e) {
      var inMode = folded ? (e.folded || !e.foldedAway) : !e.folded;
      var shown = inMode && edgeOk(e) ? e.evidence.filter(evidenceShown) : [];
      visibleEdge[e.id] = shown.length > 0;
      if (!shown.length) return;
      edgesShown++;
      touched[e.from] = touched[e.to] = true;
      // Filters split an edge: its label, width and line follow the evidence they leave.
      if (shownCount[e.id] !== shown.length) {
        shownCount[e.id] = shown.length;
        var update = kgFold.restyle(e, shown, lang, data.styles);
        if (!meta.large) update.title = e.title = edgeTip(e, shown);
        restyle.push(update);
      }
    });
    data.nodes.forEach(function (n) {
      // A node stays while one of its relations does (or it has none at all: a lone focus).
      var ok = !!state.type[n.type] && (!!touched[n.id] || (edgesOf[n.id].length === 0 && !(folded && n.into)));
      visibleNode[n.id] = ok;
      if (ok) nodesShown++;
    });
    // vis redraws at once after each data change: block that, then draw once.
    network.body.emitter.emit("_blockRedraw");
    try {
      if (restyle.length) edgeSet.update(restyle);
      nodeView.refresh();
      edgeView.refresh();
    } finally {
      network.body.emitter.emit("_allowRedraw");
      network.body.emitter.emit("_requestRedraw");
    }
    byId("filter-status").textContent = "Showing " + edgesShown + " of " +
      (folded ? foldedEdges.length + drawnEdges.filter(function (e) { return !e.foldedAway; }).length
              : drawnEdges.length) + " relations and " + nodesShown + " of " + data.nodes.length + " entities.";
    if (current === null) intro();
  }
  view.applyFilters = applyFilters;

  function setDates(from, to) {
    state.from = from;
    state.to = to;
    byId("date-from").value = from;
    byId("date-to").value = to;
    applyFilters();
  }
  view.setDates = setDates;
  function setupDates() {
    kgTimeline.draw(byId("timeline"), data.facets.timeline, setDates);
    var hint = byId("date-hint");
    hint.textContent = data.facets.dates ? "Facts dated " + data.facets.dates[0] + " to " +
      data.facets.dates[1] + ". Undated facts are hidden while a date is set." : "No fact has a date.";
    ["from", "to"].forEach(function (end) {
      var input = byId("date-" + end);
      input.addEventListener("change", function () { state[end] = input.value || ""; applyFilters(); });
    });
  }

  byId("filter-reset").addEventListener("click", function () {
    Object.keys(facetItems).forEach(function (kind) {
      facetItems[kind].forEach(function (f) { state[kind][keyOf(kind, f)] = true; });
      drawFacet(kind);
    });
    kgTimeline.reset(byId("timeline"));
    setDates("", "");
  });

  // ---- side panel
  var current = null;   // what the panel shows: ["node"|"edge"|"matches", id]
  function intro() {
    current = null;
    labelEdges([]);
    clear(panel);
    panel.appendChild(el("h2", null, "Overview"));
    panel.appendChild(el("p", "sub", "Click a relation to see the sentences it was read from, " +
      "or an entity to see its names, offices and facts. Highlighted: subject, object, trigger."));
    if (!data.edges.length) { panel.appendChild(el("p", null, "This graph has no assertions.")); return; }
    kgSummary.draw(panel, { data: data, lang: lang, el: el, plural: plural, label: label,
                            visible: function (id) { return visibleNode[id] !== false; },
                            select: function (id) { selectNode(id); } });
  }

  function evidenceCard(ev) {
    var card = el("div", "card");
    card.appendChild(sentenceNode(ev));
    var info = el("div", "meta");
    var article = data.articles[ev.doc] || {};
    var href = safeUrl(article.url);
    var source = el(href ? "a" : "span", "source", article.title || ev.doc);
    if (href) { source.href = href; source.target = "_blank"; source.rel = "noopener noreferrer"; }
    info.appendChild(source);
    if (article.published) info.appendChild(el("span", null, "published " + article.published));
    if (ev.date) info.appendChild(el("span", "when", "event " + ev.date));
    else if (ev.lo) info.appendChild(el("span", "when", "dated by its article"));
    info.appendChild(badge(ev.modality));
    info.appendChild(el("span", null, "confidence " + Number(ev.confidence).toFixed(2)));
    if (ev.inferred) info.appendChild(badge("inferred"));
    if (ev.quantities && ev.quantities.length) info.appendChild(el("span", null, ev.quantities.join("; ")));
    Object.keys(ev.attrs || {}).forEach(function (k) { info.appendChild(el("span", null, k + ": " + ev.attrs[k])); });
    if (ev.trigger) info.appendChild(el("span", null, "trigger “" + ev.trigger + "”"));
    if (!evidenceShown(ev)) info.appendChild(badge("hidden by filters", "inferred"));
    card.appendChild(info);
    return card;
  }

  function showEdge(id) {
    var e = edgeById[id];
    if (!e) return intro();
    current = ["edge", id];
    labelEdges([id]);
    clear(panel);
    panel.appendChild(el("h2", null, label(e.from) + (e.symmetric ? " ↔ " : " → ") + label(e.to)));
    var rel = el("p");
    rel.appendChild(el("strong", null, e.labels[lang]));
    rel.appendChild(el("span", "sub", "  " + e.labels[lang === "vi" ? "en" : "vi"] + " · " + e.predicate));
    panel.appendChild(rel);
    // The breakdown, dominant modality first: what the line style stands for.
    var mods = el("p", "modalities");
    Object.keys(e.modality_counts).forEach(function (m) {
      mods.appendChild(badge(m + " " + e.modality_counts[m], m));
      mods.appendChild(document.createTextNode(" "));
    });
    panel.appendChild(mods);
    if (e.folded) panel.appendChild(el("p", "sub", "People folded into the countries and organisations " +
      "they represent: " + plural(e.parts.length, "relation") + " together."));
    panel.appendChild(el("h3", null, "Evidence (" + e.evidence.length + ")"));
    e.evidence.forEach(function (ev) { panel.appendChild(evidenceCard(ev)); });
  }

  function selectEdge(id) {
    if (visibleEdge[id] !== false) network.selectEdges([id]);
    showEdge(id);
  }

  function showNode(id) {
    var n = nodeById[id];
    if (!n) return intro();
    current = ["node", id];
    labelEdges(factsOf(id).map(function (e) { return e.id; }));
    clear(panel);
    panel.appendChild(el("h2", null, n.labels[lang]));
    panel.appendChild(el("p", "sub", n.type + " · " + n.id + " · " + plural(n.assertions, "assertion")));
    if (officesOf[id].length) {
      panel.appendChild(el("h3", null, "Offices"));
      officesOf[id].forEach(function (e) {
        var post = (n.offices || []).filter(function (o) { return o.position === e.to; })[0];
        var button = el("button", "fact office", (post ? post.labels[lang] : label(e.to)) + "  (" +
          plural(e.evidence.length, "sentence") + ")");
        button.type = "button";
        button.addEventListener("click", function () { showEdge(e.id); });
        panel.appendChild(button);
      });
    }
    if (n.into && nodeById[n.into]) panel.appendChild(el("p", "sub", "Represents " + label(n.into) +
      (folded ? ": folded into it on the map." : ".")));
    if (n.wikidata && /^Q[1-9][0-9]*$/.test(n.wikidata)) {
      var wd = el("a", null, "Wikidata " + n.wikidata);
      wd.href = "https://www.wikidata.org/wiki/" + n.wikidata;
      wd.target = "_blank"; wd.rel = "noopener noreferrer";
      panel.appendChild(wd);
    }
    panel.appendChild(el("h3", null, "Names"));
    var list = el("ul", "aliases");
    n.names.forEach(function (name) { list.appendChild(el("li", null, name)); });
    panel.appendChild(list);
    var facts = factsOf(id);
    panel.appendChild(el("h3", null, "Facts (" + facts.length + ")"));
    facts.forEach(function (e) {
      var hidden = visibleEdge[e.id] === false;
      var button = el("button", "fact" + (hidden ? " hidden" : ""), label(e.from) + " — " + e.labels[lang] +
        (e.symmetric ? " — " : " → ") + label(e.to) + "  (" + e.modalities.join(", ") + "; " +
        plural(e.evidence.length, "sentence") + (hidden ? "; hidden by filters" : "") + ")");
      button.type = "button";
      button.addEventListener("click", function () { selectEdge(e.id); });
      panel.appendChild(button);
    });
  }

  function selectNode(id, status) {
    // A person folded into their country comes back out when asked for.
    if (folded && nodeById[id] && nodeById[id].into) setFolded(false);
    var shown = visibleNode[id] !== false;
    if (shown) {
      network.selectNodes([id]);
      network.focus(id, { scale: 1.3, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    }
    byId("search-status").textContent = shown ? (status || "") : "hidden by the filters";
    showNode(id);
  }

  function setFolded(on) {
    folded = on;
    byId("fold").checked = on;
    applyFilters();
    network.fit({ animation: false });
  }
  view.setFolded = setFolded;
  byId("fold").addEventListener("change", function () { setFolded(byId("fold").checked); });

  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
    else intro();
  });

  // ---- language of the labels
  function setLang(code) {
    lang = code;
    nodeSet.update(data.nodes.map(function (n) {
      return meta.large ? { id: n.id, label: n.labels[lang] } : { id: n.id, label: n.labels[lang], title: tooltip(n) };
    }));
    if (meta.large) network.body.emitter.emit("_requestRedraw");
    else edgeSet.update(drawnEdges.concat(foldedEdges).map(function (e) {
      e.label = kgFold.label(e, shownCount[e.id] === undefined ? e.evidence.length : shownCount[e.id], lang);
      e.title = edgeTip(e, e.evidence.filter(evidenceShown));
      return { id: e.id, label: e.label, title: e.title };
    }));
    drawLegend();
    drawFacet("relation");
    drawFacet("type");
    if (current && current[0] === "node") showNode(current[1]);
    else if (current && current[0] === "edge") showEdge(current[1]);
    else if (current === null) intro();
  }
  ["en", "vi"].forEach(function (code) {
    var radio = byId("lang-" + code);
    radio.checked = code === lang;
    radio.addEventListener("change", function () { if (radio.checked) setLang(code); });
  });

  // ---- search: any name, ignoring case and diacritics
  view.fold = fold;
  view.find = function (query) { return find(query).map(function (m) { return m.id; }); };

  function showMatches(query, matches) {
    current = ["matches", query];
    clear(panel);
    panel.appendChild(el("h2", null, plural(matches.length, "match", "matches") + " for “" + query + "”"));
    matches.slice(0, 50).forEach(function (m) {
      var n = nodeById[m.id];
      var button = el("button", "fact", n.labels[lang] + "  (" + n.type + "; " + plural(n.assertions, "assertion") + ")");
      button.type = "button";
      button.addEventListener("click", function () { selectNode(m.id); });
      panel.appendChild(button);
    });
  }

  var datalist = byId("names"), search = byId("search");
  search.addEventListener("input", function () {
    clear(datalist);
    find(search.value).slice(0, 12).forEach(function (m) {
      var option = document.createElement("option");
      option.value = nodeById[m.id].labels[lang];
      datalist.appendChild(option);
    });
  });
  byId("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var status = byId("search-status");
    var matches = find(search.value);
    var exact = matches.filter(function (m) { return m.rank === 0; });
    if (!matches.length) { status.textContent = "not found"; return; }
    if (exact.length === 1 || matches.length === 1) { selectNode((exact[0] || matches[0]).id); return; }
    status.textContent = plural(matches.length, "match", "matches");
    showMatches(search.value, exact.length ? exact : matches);
  });

  // ---- start: positions come from the build and physics is off, so the first
  // picture is the last; the page is ready once it is drawn.
  function ready() {
    if (view.ready) return;
    var loading = byId("loading");
    if (loading) loading.parentNode.removeChild(loading);
    view.ready = true;
    document.body.setAttribute("data-ready", "true");
    if (meta.focus && nodeById[meta.focus]) selectNode(meta.focus);
  }
  if (meta.large) {
    // Thousands of arrow heads cost more than the lines: drawn only once zoomed in.
    var arrows = false;
    var syncArrows = function () {
      var want = network.getScale() >= 0.5;
      if (want !== arrows) { arrows = want; network.setOptions({ edges: { arrows: { to: { enabled: want } } } }); }
    };
    network.on("zoom", syncArrows);
    network.on("animationFinished", syncArrows);
  }
  if (meta.focus && nodeById[meta.focus]) {
    byId("focus-note").textContent = "around " + nodeById[meta.focus].labels[lang] +
      (meta.depth !== null && meta.depth !== undefined ? " (depth " + meta.depth + ")" : "");
  }
  byId("fold").checked = folded;
  byId("fold-box").hidden = !data.nodes.some(function (n) { return n.into; });
  drawnEdges.forEach(function (e) { shownCount[e.id] = e.evidence.length; });
  foldedEdges.forEach(function (e) { shownCount[e.id] = e.evidence.length; });
  drawLegend();
  Object.keys(facetItems).forEach(drawFacet);
  setupDates();
  applyFilters();
  network.fit({ animation: false });
  intro();
  network.once("afterDrawing", ready);
  network.redraw();
  window.setTimeout(ready, 1500);     // a page with nothing to draw is ready too
})();
