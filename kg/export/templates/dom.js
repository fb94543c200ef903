// Small helpers of the view, shared by graph.js: DOM building (text only, never
// markup), the search key, and the search ranking.
var kgDom = (function () {
  "use strict";
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  // The same key as kg.text.fold in Python: NFC, lower case, punctuation to
  // spaces, no diacritics (đ → d), so "Bui Thanh Son" finds "Bùi Thanh Sơn".
  function fold(text) {
    var t = String(text).normalize("NFC").toLowerCase().replace(/[\u2010-\u2015\u2212]/g, "-")
      .replace(/[^\p{L}\p{N}\p{M}_\s-]/gu, " ").replace(/[-_\/]/g, " ").replace(/\s+/g, " ").trim();
    return t.replace(/đ/g, "d").normalize("NFD").replace(/\p{Mn}/gu, "").normalize("NFC");
  }
  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\/[^\s<>"]+$/i.test(url) ? url : null;
  }
  function badge(text, cls) { return el("span", "badge " + (cls || text), text); }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many || one + "s"); }
  function sentenceNode(ev) {
    var quote = el("blockquote");
    var text = ev.sentence || "";
    if (!text) {
      quote.appendChild(el("em", "sub", ev.inferred ? "inferred: no sentence of its own" : "no sentence recorded"));
      return quote;
    }
    var pos = 0;
    (ev.marks || []).forEach(function (m) {
      if (m[0] < pos || m[1] > text.length) return;
      if (m[0] > pos) quote.appendChild(document.createTextNode(text.slice(pos, m[0])));
      quote.appendChild(el("mark", m[2], text.slice(m[0], m[1])));
      pos = m[1];
    });
    if (pos < text.length) quote.appendChild(document.createTextNode(text.slice(pos)));
    return quote;
  }

  // Entities matching a query, best first: exact name, then prefix, word, substring.
  function find(query, nodes, nodeById) {
    var q = fold(query);
    if (!q) return [];
    var best = {};
    nodes.forEach(function (n) {
      n.keys.forEach(function (k) {
        var rank = k === q ? 0 : k.indexOf(q) === 0 ? 1 : k.indexOf(" " + q) >= 0 ? 2 : k.indexOf(q) >= 0 ? 3 : 9;
        if (rank < 9 && (best[n.id] === undefined || rank < best[n.id])) best[n.id] = rank;
      });
    });
    return Object.keys(best).sort(function (a, b) {
      return best[a] - best[b] || nodeById[b].assertions - nodeById[a].assertions || (a < b ? -1 : 1);
    }).map(function (id) { return { id: id, rank: best[id] }; });
  }
  return { el: el, clear: clear, fold: fold, safeUrl: safeUrl, badge: badge, plural: plural,
           sentenceNode: sentenceNode, find: find };
})();
