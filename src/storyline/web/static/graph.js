// Entity graph: a small force layout drawn as SVG. Data from the page's JSON
// twin; labels are set with textContent; links go only to this app's pages.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var box = document.getElementById("graph");
  if (!box) return;

  function el(name, attrs) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    return node;
  }

  function layout(nodes, edges, w, h) {
    var n = nodes.length, byId = {};
    nodes.forEach(function (d, i) {
      var a = 2 * Math.PI * i / Math.max(1, n);
      d.x = w / 2 + Math.cos(a) * w * 0.35; d.y = h / 2 + Math.sin(a) * h * 0.35;
      d.vx = 0; d.vy = 0; byId[d.id] = d;
    });
    var links = edges.filter(function (e) { return byId[e.source] && byId[e.target]; })
      .map(function (e) { return { s: byId[e.source], t: byId[e.target], w: e.weight }; });
    var k = Math.sqrt((w * h) / Math.max(1, n)) * 0.6;
    for (var step = 0; step < 300; step++) {
      var cool = 1 - step / 300;
      for (var i = 0; i < n; i++) {
        for (var j = i + 1; j < n; j++) {
          var a = nodes[i], b = nodes[j], dx = a.x - b.x, dy = a.y - b.y;
          var d2 = dx * dx + dy * dy + 0.01, f = (k * k) / d2;
          a.vx += dx * f * 0.02; a.vy += dy * f * 0.02; b.vx -= dx * f * 0.02; b.vy -= dy * f * 0.02;
        }
      }
      links.forEach(function (l) {
        var dx = l.t.x - l.s.x, dy = l.t.y - l.s.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01;
        var f = (d - k) / d * 0.05 * Math.min(3, 1 + Math.log(1 + l.w));
        l.s.vx += dx * f; l.s.vy += dy * f; l.t.vx -= dx * f; l.t.vy -= dy * f;
      });
      nodes.forEach(function (d) {
        d.vx += (w / 2 - d.x) * 0.02; d.vy += (h / 2 - d.y) * 0.03;
        var sp = Math.sqrt(d.vx * d.vx + d.vy * d.vy), lim = 12 * cool + 0.5;
        if (sp > lim) { d.vx *= lim / sp; d.vy *= lim / sp; }
        d.x = Math.min(w - 40, Math.max(40, d.x + d.vx)); d.y = Math.min(h - 24, Math.max(24, d.y + d.vy));
        d.vx *= 0.6; d.vy *= 0.6;
      });
    }
    return links;
  }

  function typeClass(t) {
    t = String(t || "").toLowerCase();
    return ["person", "org", "gpe", "loc"].indexOf(t) >= 0 ? "t-" + t : "other";
  }

  function draw(data) {
    var w = box.clientWidth || 900, h = 520;
    var nodes = data.nodes || [], links = layout(nodes, data.edges || [], w, h);
    var maxM = 1; nodes.forEach(function (d) { maxM = Math.max(maxM, d.mentions || 1); });
    var svg = el("svg", { viewBox: "0 0 " + w + " " + h, height: h });
    links.forEach(function (l) {
      svg.appendChild(el("line", { x1: l.s.x, y1: l.s.y, x2: l.t.x, y2: l.t.y, "class": "edge",
        "stroke-width": Math.min(6, 0.8 + Math.log(1 + l.w)) }));
    });
    nodes.forEach(function (d) {
      var g = el("g", { "class": "node " + typeClass(d.type), "data-id": d.id });
      var c = el("circle", { cx: d.x, cy: d.y, r: 5 + 12 * Math.sqrt((d.mentions || 1) / maxM), tabindex: 0 });
      var tip = el("title"); tip.textContent = d.label + " (" + d.type + ", " + d.mentions + " mentions)";
      c.appendChild(tip);
      var right = d.x > w * 0.6;
      var label = el("text", { x: right ? d.x - 9 : d.x + 9, y: d.y + 4, "text-anchor": right ? "end" : "start" });
      label.textContent = d.label;
      var go = function () { window.location.assign("/entities/" + encodeURIComponent(d.id)); };
      c.addEventListener("click", go);
      c.addEventListener("keydown", function (ev) { if (ev.key === "Enter") go(); });
      g.appendChild(c); g.appendChild(label); svg.appendChild(g);
    });
    box.appendChild(svg);
  }

  var src = box.getAttribute("data-source");
  if (!src || src.charAt(0) !== "/") return;
  fetch(src, { headers: { Accept: "application/json" }, credentials: "same-origin" })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (data) { if (data) draw(data); })
    .catch(function () { box.textContent = "The graph could not be drawn; the table below lists the links."; });
})();
