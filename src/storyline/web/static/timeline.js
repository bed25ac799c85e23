// Timeline overview: one dot per dated entry on a time axis, above the list.
// Reads the page's JSON twin; builds SVG with DOM calls only (no HTML strings).
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var box = document.getElementById("timeline-axis");
  if (!box) return;

  function el(name, attrs) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    return node;
  }

  function dayNumber(iso) {
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso || "");
    if (!m) return null;
    return Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1) / 86400000;
  }

  function focusEntry(i) {
    var target = document.getElementById("entry-" + i);
    if (!target) return;
    document.querySelectorAll("li.entry.target").forEach(function (n) { n.classList.remove("target"); });
    target.classList.add("target");
    target.scrollIntoView({ block: "center" });
  }

  function draw(entries) {
    var dated = [];
    entries.forEach(function (e, i) { var d = dayNumber(e.date); if (d !== null) dated.push({ d: d, i: i, e: e }); });
    if (!dated.length) return;
    var w = box.clientWidth || 800, h = 46, pad = 40;
    var lo = dated[0].d, hi = dated[dated.length - 1].d;
    dated.forEach(function (x) { lo = Math.min(lo, x.d); hi = Math.max(hi, x.d); });
    var span = Math.max(1, hi - lo);
    var svg = el("svg", { viewBox: "0 0 " + w + " " + h, height: h, role: "img" });
    var title = el("title"); title.textContent = "timeline overview"; svg.appendChild(title);
    svg.appendChild(el("line", { x1: pad, x2: w - pad, y1: 18, y2: 18 }));
    var x = function (d) { return pad + (w - 2 * pad) * (d - lo) / span; };
    [lo, hi].forEach(function (d, k) {
      var t = el("text", { x: x(d), y: 40, "text-anchor": k ? "end" : "start", "class": "tick" });
      t.textContent = new Date(d * 86400000).toISOString().slice(0, 10);
      svg.appendChild(t);
    });
    dated.forEach(function (p) {
      var c = el("circle", { cx: x(p.d), cy: 18, r: 6, "class": "dot", tabindex: 0 });
      var tip = el("title"); tip.textContent = (p.e.date || "") + " " + (p.e.text || "");
      c.appendChild(tip);
      c.addEventListener("click", function () { focusEntry(p.i); });
      c.addEventListener("keydown", function (ev) { if (ev.key === "Enter") focusEntry(p.i); });
      svg.appendChild(c);
    });
    box.appendChild(svg);
  }

  var src = box.getAttribute("data-source");
  if (!src || src.charAt(0) !== "/") return;
  fetch(src, { headers: { Accept: "application/json" }, credentials: "same-origin" })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (data) { if (data && data.entries) draw(data.entries); })
    .catch(function () { /* the list below works without the overview */ });
})();
