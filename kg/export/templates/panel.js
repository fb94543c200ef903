// The side panel of the view: the opening summary, a relation's sentences, an
// entity's names, offices and facts, and search matches. graph.js gives it the
// page's state through ctx; every string reaches the DOM through textContent only.
var kgPanel = (function () {
  "use strict";
  var el = kgDom.el, clear = kgDom.clear, plural = kgDom.plural, badge = kgDom.badge, safeUrl = kgDom.safeUrl;

  function make(panel, ctx) {
    var data = ctx.data, current = null;   // what the panel shows: ["node"|"edge"|"matches", id]

    function intro() {
      current = null;
      ctx.labelEdges([]);
      clear(panel);
      panel.appendChild(el("h2", null, "Overview"));
      panel.appendChild(el("p", "sub", "Click a relation to see the sentences it was read from, " +
        "or an entity to see its names, offices and facts. Highlighted: subject, object, trigger."));
      if (!data.edges.length) { panel.appendChild(el("p", null, "This graph has no assertions.")); return; }
      kgSummary.draw(panel, { data: data, lang: ctx.lang(), el: el, plural: plural, label: ctx.label,
                              visible: function (id) { return ctx.visibleNode[id] !== false; },
                              select: function (id) { ctx.selectNode(id); } });
    }

    function evidenceCard(ev) {
      var card = el("div", "card");
      card.appendChild(kgDom.sentenceNode(ev));
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
      if (!ctx.evidenceShown(ev)) info.appendChild(badge("hidden by filters", "inferred"));
      card.appendChild(info);
      return card;
    }

    function showEdge(id) {
      var e = ctx.edgeById[id], lang = ctx.lang(), label = ctx.label;
      if (!e) return intro();
      current = ["edge", id];
      ctx.labelEdges([id]);
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

    function offices(n) {
      var lang = ctx.lang();
      panel.appendChild(el("h3", null, "Offices"));
      ctx.officesOf[n.id].forEach(function (e) {
        var post = (n.offices || []).filter(function (o) { return o.position === e.to; })[0];
        var button = el("button", "fact office", (post ? post.labels[lang] : ctx.label(e.to)) + "  (" +
          plural(e.evidence.length, "sentence") + ")");
        button.type = "button";
        button.addEventListener("click", function () { showEdge(e.id); });
        panel.appendChild(button);
      });
    }

    function showNode(id) {
      var n = ctx.nodeById[id], lang = ctx.lang(), label = ctx.label;
      if (!n) return intro();
      current = ["node", id];
      var facts = ctx.factsOf(id);
      ctx.labelEdges(facts.map(function (e) { return e.id; }));
      clear(panel);
      panel.appendChild(el("h2", null, n.labels[lang]));
      panel.appendChild(el("p", "sub", n.type + " · " + n.id + " · " + plural(n.assertions, "assertion")));
      if (ctx.officesOf[id].length) offices(n);
      if (n.into && ctx.nodeById[n.into]) panel.appendChild(el("p", "sub", "Represents " + label(n.into) +
        (ctx.folded() ? ": folded into it on the map." : ".")));
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
      panel.appendChild(el("h3", null, "Facts (" + facts.length + ")"));
      facts.forEach(function (e) {
        var hidden = ctx.visibleEdge[e.id] === false;
        var button = el("button", "fact" + (hidden ? " hidden" : ""), label(e.from) + " — " + e.labels[lang] +
          (e.symmetric ? " — " : " → ") + label(e.to) + "  (" + e.modalities.join(", ") + "; " +
          plural(e.evidence.length, "sentence") + (hidden ? "; hidden by filters" : "") + ")");
        button.type = "button";
        button.addEventListener("click", function () { ctx.selectEdge(e.id); });
        panel.appendChild(button);
      });
    }

    function showMatches(query, matches) {
      var lang = ctx.lang();
      current = ["matches", query];
      clear(panel);
      panel.appendChild(el("h2", null, plural(matches.length, "match", "matches") + " for “" + query + "”"));
      matches.slice(0, 50).forEach(function (m) {
        var n = ctx.nodeById[m.id];
        var button = el("button", "fact", n.labels[lang] + "  (" + n.type + "; " + plural(n.assertions, "assertion") + ")");
        button.type = "button";
        button.addEventListener("click", function () { ctx.selectNode(m.id); });
        panel.appendChild(button);
      });
    }

    // Draw again what the panel shows (after a change of language or filters).
    function refresh() {
      if (current === null) intro();
      else if (current[0] === "node") showNode(current[1]);
      else if (current[0] === "edge") showEdge(current[1]);
    }

    return { intro: intro, showEdge: showEdge, showNode: showNode, showMatches: showMatches, refresh: refresh,
             isIntro: function () { return current === null; } };
  }
  return { make: make };
})();
