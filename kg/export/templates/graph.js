(function () {
  "use strict";
  // Performance marks (kg:parsed, kg:prepared, kg:panels, kg:ready, kg:complete) let
  // benchmarks/html_view.py say where opening time goes.
  performance.mark("kg:start");
  // All data arrives as JSON and every string goes into the DOM via textContent:
  // article text is untrusted and must never be parsed as HTML.
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var meta = data.meta;
  performance.mark("kg:parsed");
  // The reader's language, unless the page was built for one (kg viz --lang).
  var browserLang = String(navigator.language || "").toLowerCase().slice(0, 2);
  var lang = meta.lang_fixed || (browserLang !== "vi" && browserLang !== "en") ? meta.lang : browserLang;
  var el = kgDom.el, clear = kgDom.clear, plural = kgDom.plural;
  function byId(id) { return document.getElementById(id); }
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
  var drawnEdges = data.edges.filter(function (e) { return !e.office; });
  var allEdges = drawnEdges.concat(foldedEdges);
  // What an entity's panel lists on the folded map: its folded edges and those folding left alone.
  var foldedOf = {};
  data.nodes.forEach(function (n) { foldedOf[n.id] = []; });
  foldedEdges.forEach(function (e) { edgeById[e.id] = e; });
  allEdges.forEach(function (e) {
    if (e.foldedAway) return;
    foldedOf[e.from].push(e);
    if (e.to !== e.from) foldedOf[e.to].push(e);
  });
  function factsOf(id) { return folded && !nodeById[id].into ? foldedOf[id] : edgesOf[id]; }
  kgFold.curve(drawnEdges, meta.large);
  kgFold.curve(foldedEdges, meta.large);

  var positionTitle = {};
  data.nodes.forEach(function (n) { (n.offices || []).forEach(function (o) { positionTitle[o.position] = o.title; }); });
  function label(id) {
    return nodeById[id] ? nodeById[id].labels[lang] : positionTitle[id] ? positionTitle[id][lang] : id;
  }

  // ---- what vis draws, set before vis sees it
  // In a large graph every edge label costs a canvas save/restore on each redraw,
  // even when too small to read: only the selected entity's relations carry one.
  if (meta.large) allEdges.forEach(function (e) { delete e.label; });
  function tooltip(n) { return kgTips.node(n, lang); }
  function edgeTip(e, shown) { return kgTips.edge(e, shown, lang); }
  if (!meta.large) {
    data.nodes.forEach(function (n) { n.title = tooltip(n); });
    allEdges.forEach(function (e) { e.title = edgeTip(e, e.evidence); });
  }
  // Labels in the reader's language before vis sees them: updating 5,000 nodes afterwards costs a second.
  if (lang !== meta.lang) {
    data.nodes.forEach(function (n) { n.label = n.labels[lang]; });
    allEdges.forEach(function (e) {
      if (e.label !== undefined) e.label = kgFold.label(e, e.evidence.length, lang);
    });
  }

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

  var visibleNode = {}, visibleEdge = {};
  var shownCount = {};                 // evidence each edge shows, as last drawn
  allEdges.forEach(function (e) { shownCount[e.id] = e.evidence.length; });
  function edgeOk(e) {
    return !!state.relation[e.predicate] && !!state.type[e.fromType || nodeById[e.from].type] &&
      !!state.type[e.toType || nodeById[e.to].type];
  }
  // Which nodes and edges the filters and the folding leave, and the edges whose look changes.
  function computeVisible() {
    var touched = {}, out = { edges: 0, nodes: 0, restyle: [] };
    var every = !state.from && !state.to && [state.modality, state.doc].every(function (on) {
      return Object.keys(on).every(function (k) { return on[k]; });
    });
    allEdges.forEach(function (e) {
      var inMode = folded ? (e.folded || !e.foldedAway) : !e.folded;
      var shown = !inMode || !edgeOk(e) ? [] : every ? e.evidence : e.evidence.filter(evidenceShown);
      visibleEdge[e.id] = shown.length > 0;
      if (!shown.length) return;
      out.edges++;
      touched[e.from] = touched[e.to] = true;
      // Filters split an edge: its label, width and line follow the evidence they leave.
      if (shownCount[e.id] !== shown.length) {
        shownCount[e.id] = shown.length;
        var update = kgFold.restyle(e, shown, lang, data.styles);
        if (!meta.large) update.title = e.title = edgeTip(e, shown);
        out.restyle.push(update);
      }
    });
    data.nodes.forEach(function (n) {
      // A node stays while one of its relations does (or it has none at all: a lone focus).
      var ok = !!state.type[n.type] && (!!touched[n.id] || (edgesOf[n.id].length === 0 && !(folded && n.into)));
      visibleNode[n.id] = ok;
      if (ok) out.nodes++;
    });
    return out;
  }
  function showStatus(shown) {
    byId("filter-status").textContent = "Showing " + shown.edges + " of " +
      (folded ? allEdges.filter(function (e) { return !e.foldedAway; }).length : drawnEdges.length) +
      " relations and " + shown.nodes + " of " + data.nodes.length + " entities.";
  }
  function applyFilters() {
    var shown = computeVisible();
    // vis redraws at once after each data change: block that, then draw once.
    network.body.emitter.emit("_blockRedraw");
    try {
      // An edge not yet given to vis gets its look when it is.
      var restyle = shown.restyle.filter(function (u) { return loaded[u.id]; });
      if (restyle.length) edgeSet.update(restyle);
      nodeView.refresh();
      edgeView.refresh();
    } finally {
      network.body.emitter.emit("_allowRedraw");
      network.body.emitter.emit("_requestRedraw");
    }
    showStatus(shown);
    syncArrows();
    if (panel.isIntro()) panel.intro();
  }
  var syncArrows = function () {};      // large graphs: arrow heads follow the zoom and the edges drawn

  // ---- graph: vis is given only what the opening state shows (the folded map of a
  // large graph leaves thousands of edges out); filters and unfolding add the rest.
  var opening = computeVisible();
  // A large graph's first picture has its strongest ties; the other edges follow when the page is idle.
  var loaded = {}, later = meta.large ? kgNet.loadOrder(allEdges, visibleEdge) : allEdges.slice();
  var first = later.splice(0, meta.large ? kgNet.BATCH : later.length);
  first.forEach(function (e) { loaded[e.id] = true; });
  performance.mark("kg:prepared");
  var nodeSet = new vis.DataSet(data.nodes.map(kgNet.node));
  var edgeSet = new vis.DataSet(first.map(kgNet.edge));
  var nodeView = new vis.DataView(nodeSet, { filter: function (n) { return visibleNode[n.id] !== false; } });
  var edgeView = new vis.DataView(edgeSet, { filter: function (e) { return visibleEdge[e.id] !== false; } });
  // Empty until the page around it is ready: setData then builds, fits and draws it once.
  var network = new vis.Network(byId("graph"), {}, data.options);
  var labelEdges = meta.large ? kgNet.labelPainter(network, edgeById, visibleEdge, function () { return lang; })
                              : function () {};
  var view = window.kgView = { network: network, nodes: kgNet.drawn(nodeView, nodeById),
                               edges: kgNet.drawn(edgeView, edgeById), ready: false, complete: false, applyFilters: applyFilters };

  // ---- side panel
  var panel = kgPanel.make(byId("panel"), {
    data: data, nodeById: nodeById, edgeById: edgeById, officesOf: officesOf, factsOf: factsOf,
    visibleNode: visibleNode, visibleEdge: visibleEdge, evidenceShown: evidenceShown, label: label,
    labelEdges: labelEdges, selectNode: selectNode, selectEdge: selectEdge,
    lang: function () { return lang; }, folded: function () { return folded; },
  });

  // ---- header, legend, dates
  byId("stats").textContent = plural(meta.entities, "entity", "entities") + " · " +
    plural(meta.relations, "relation") + " · " + plural(meta.assertions, "assertion") + " · " +
    plural(meta.articles, "article");
  function drawLegend() { kgTips.legend(byId("legend-body"), data, lang); }

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

  // ---- selection and folding
  function selectEdge(id) {
    if (visibleEdge[id] !== false && network.body.edges[id]) network.selectEdges([id]);
    panel.showEdge(id);
  }

  function selectNode(id, status) {
    // A person folded into their country comes back out when asked for.
    if (folded && nodeById[id] && nodeById[id].into) setFolded(false);
    var shown = visibleNode[id] !== false;
    if (shown) {
      network.selectNodes([id]);
      // A frame of a large graph zoomed in takes a tenth of a second or more: no animation there.
      network.focus(id, { scale: 1.3, animation: meta.large ? false : { duration: 400, easingFunction: "easeInOutQuad" } });
    }
    byId("search-status").textContent = shown ? (status || "") : "hidden by the filters";
    panel.showNode(id);
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
    if (params.nodes.length) panel.showNode(params.nodes[0]);
    else if (params.edges.length) panel.showEdge(params.edges[0]);
    else panel.intro();
  });

  // ---- language of the labels
  function setLang(code) {
    lang = code;
    data.nodes.forEach(function (n) { n.label = n.labels[lang]; if (!meta.large) n.title = tooltip(n); });
    nodeSet.update(data.nodes.map(function (n) {
      return meta.large ? { id: n.id, label: n.label } : { id: n.id, label: n.label, title: n.title };
    }));
    if (meta.large) network.body.emitter.emit("_requestRedraw");
    else edgeSet.update(allEdges.filter(function (e) { return loaded[e.id]; }).map(function (e) {
      e.label = kgFold.label(e, shownCount[e.id], lang);
      e.title = edgeTip(e, e.evidence.filter(evidenceShown));
      return { id: e.id, label: e.label, title: e.title };
    }));
    drawLegend();
    drawFacet("relation");
    drawFacet("type");
    panel.refresh();
  }
  ["en", "vi"].forEach(function (code) {
    var radio = byId("lang-" + code);
    radio.checked = code === lang;
    radio.addEventListener("change", function () { if (radio.checked) setLang(code); });
  });

  // ---- search: any name, ignoring case and diacritics
  view.fold = kgDom.fold;
  view.find = function (query) { return find(query).map(function (m) { return m.id; }); };

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
    panel.showMatches(search.value, exact.length ? exact : matches);
  });

  // ---- start: positions come from the build and physics is off, so nothing moves;
  // the page is ready once its first picture is drawn (a large graph's other relations join it later).
  function ready() {
    if (view.ready) return;
    var loading = byId("loading");
    if (loading) loading.parentNode.removeChild(loading);
    view.ready = true;
    document.body.setAttribute("data-ready", "true");
    performance.mark("kg:ready");
    if (meta.focus && nodeById[meta.focus]) selectNode(meta.focus);
    kgNet.loadLater(network, edgeView, edgeSet, later, loaded, visibleEdge, { batch: syncArrows, done: function () {
      view.complete = true;
      document.body.setAttribute("data-complete", "true");
      performance.mark("kg:complete");
    } });
  }
  if (meta.large) syncArrows = kgNet.arrowsWhenZoomed(network, function () { return edgeView.length; });
  if (meta.focus && nodeById[meta.focus]) {
    byId("focus-note").textContent = "around " + nodeById[meta.focus].labels[lang] +
      (meta.depth !== null && meta.depth !== undefined ? " (depth " + meta.depth + ")" : "");
  }
  byId("fold").checked = folded;
  byId("fold-box").hidden = !data.nodes.some(function (n) { return n.into; });
  drawLegend();
  Object.keys(facetItems).forEach(drawFacet);
  setupDates();
  showStatus(opening);
  panel.intro();
  performance.mark("kg:panels");
  network.once("afterDrawing", ready);
  network.setData({ nodes: nodeView, edges: edgeView });
  window.setTimeout(ready, 1500);     // a page with nothing to draw is ready too
})();
