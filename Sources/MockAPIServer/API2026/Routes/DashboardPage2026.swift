/// `/dashboard` (§4.7): one self-contained page, no CDN (the script and style are inline, the
/// plot is SVG). It asks for a key (kept in localStorage; `?key=` or `#key=` in the URL pre-fills
/// it), lists the key's experiments (id, shape, tokens, status, charged seconds), draws their
/// loss curves (running and completed `val_losses`, a timeout's `partial_val_losses`) and shows
/// the budget. A failed call shows the answer's `detail` (or `message`).
enum DashboardPage2026 {
    static let html = #"""
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Scaling Experiments Dashboard</title>
<style>
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;margin-top:1em}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:right}
th{background:#f3f3f3}td.s{text-align:left}#error{color:#b00}#budget{margin:.5em 0;font-weight:600}
svg{border:1px solid #ddd;margin-top:1em;background:#fff}
</style></head><body>
<h1>Scaling Experiments Dashboard</h1>
<form id="form"><label>API key <input id="key" size="12" autocomplete="off"></label>
<label>API URL <input id="base" size="32" placeholder="(this server)"></label>
<button type="submit">Load</button></form>
<div id="error"></div><div id="budget"></div>
<svg id="plot" width="760" height="320" role="img" aria-label="validation loss curves"></svg>
<table id="experiments"><thead><tr><th>id</th><th>shape</th><th>params (non-emb.)</th><th>tokens</th><th>status</th><th>charged s</th><th>last loss</th></tr></thead><tbody></tbody></table>
<script>
"use strict";
const $ = (id) => document.getElementById(id);
function fromURL() {
  const q = new URLSearchParams(location.search), h = new URLSearchParams(location.hash.slice(1));
  return h.get("key") || q.get("key");
}
const given = fromURL();
if (given) localStorage.setItem("a3_api_key", given);
$("key").value = localStorage.getItem("a3_api_key") || "";
$("base").value = localStorage.getItem("a3_api_url") || "";
async function call(path) {
  const base = ($("base").value || "").replace(/\/$/, "");
  const r = await fetch(base + path, {headers: {"X-API-Key": $("key").value}});
  const body = await r.json().catch(() => null);
  if (!r.ok) {
    const d = body && (body.detail !== undefined ? body.detail : body.message);
    throw new Error(r.status + ": " + (typeof d === "string" ? d : JSON.stringify(d)));
  }
  return body;
}
function curve(e) {
  const s = e.status;
  if (s.status_type === "running" || s.status_type === "completed") return s.val_losses || [];
  if (s.status_type === "failed" && s.reason && s.reason.reason === "timeout") return s.reason.partial_val_losses || [];
  return [];
}
function charged(e) {
  const s = e.status, max = e.training_config.max_runtime_seconds;
  if (s.status_type === "queued" || s.status_type === "running") return max;
  return Math.min(Math.max(1, s.used_runtime_seconds), max);
}
function nonEmbedding(a) {
  const d = a.hidden_size;
  return d + a.num_hidden_layers * (4 * d * d + 3 * d * a.intermediate_size + 2 * d + 2 * a.head_dim + (a.attention_bias ? 4 * d : 0));
}
function text(tag, value, cls) { const c = document.createElement(tag); c.textContent = value; if (cls) c.className = cls; return c; }
const colours = ["#1f77b4","#ff7f0e","#2ca02c","#d62728","#9467bd","#8c564b","#e377c2","#7f7f7f","#bcbd22","#17becf"];
function plot(list) {
  const svg = $("plot"), W = 760, H = 320, L = 50, R = 10, T = 10, B = 30, NS = "http://www.w3.org/2000/svg";
  while (svg.firstChild) svg.removeChild(svg.firstChild);
  const curves = list.map((e) => ({e, y: curve(e)})).filter((c) => c.y.length > 0);
  const all = curves.flatMap((c) => c.y.map((v, i) => ({x: (i + 1) / c.e.training_config.n_evals * c.e.training_config.total_train_tokens, v})));
  if (all.length === 0) { const t = document.createElementNS(NS, "text"); t.setAttribute("x", 20); t.setAttribute("y", 30); t.textContent = "no losses yet"; svg.appendChild(t); return; }
  const lx = all.map((p) => Math.log10(p.x)), vs = all.map((p) => p.v);
  let x0 = Math.min(...lx), x1 = Math.max(...lx), y0 = Math.min(...vs), y1 = Math.max(...vs);
  if (x1 === x0) { x0 -= 0.5; x1 += 0.5; } if (y1 === y0) { y0 -= 0.5; y1 += 0.5; }
  const sx = (x) => L + (Math.log10(x) - x0) / (x1 - x0) * (W - L - R), sy = (v) => T + (y1 - v) / (y1 - y0) * (H - T - B);
  const axis = document.createElementNS(NS, "path"); axis.setAttribute("d", `M${L},${T} V${H - B} H${W - R}`); axis.setAttribute("stroke", "#999"); axis.setAttribute("fill", "none"); svg.appendChild(axis);
  for (const [label, x, y] of [[y1.toFixed(2), 4, T + 10], [y0.toFixed(2), 4, H - B], ["tokens (log)", W / 2, H - 8]]) {
    const t = document.createElementNS(NS, "text"); t.setAttribute("x", x); t.setAttribute("y", y); t.setAttribute("font-size", "11"); t.textContent = label; svg.appendChild(t);
  }
  curves.forEach((c, k) => {
    const cfg = c.e.training_config;
    const pts = c.y.map((v, i) => `${sx((i + 1) / cfg.n_evals * cfg.total_train_tokens).toFixed(1)},${sy(v).toFixed(1)}`);
    const line = document.createElementNS(NS, "polyline");
    line.setAttribute("points", pts.join(" ")); line.setAttribute("fill", "none"); line.setAttribute("stroke", colours[k % colours.length]);
    line.setAttribute("stroke-width", "1.5"); line.setAttribute("data-experiment", c.e.experiment_id);
    const title = document.createElementNS(NS, "title"); title.textContent = "experiment " + c.e.experiment_id; line.appendChild(title);
    svg.appendChild(line);
  });
}
async function load() {
  $("error").textContent = "";
  localStorage.setItem("a3_api_key", $("key").value);
  localStorage.setItem("a3_api_url", $("base").value);
  try {
    const [list, budget] = await Promise.all([call("/experiments"), call("/budget")]);
    $("budget").textContent = `budget: ${budget.used_seconds.toFixed(1)} s used, ${budget.remaining_seconds.toFixed(1)} s remaining of ${budget.total_budget_seconds.toFixed(0)} s`;
    const body = $("experiments").tBodies[0];
    while (body.firstChild) body.removeChild(body.firstChild);
    for (const e of list) {
      const a = e.training_config.architecture_config, y = curve(e), row = document.createElement("tr");
      row.id = "experiment-" + e.experiment_id; row.className = "experiment";
      row.append(text("td", e.experiment_id), text("td", `d${a.hidden_size} L${a.num_hidden_layers} h${a.num_attention_heads}`, "s"),
                 text("td", nonEmbedding(a).toLocaleString("en-US")), text("td", e.training_config.total_train_tokens.toLocaleString("en-US")),
                 text("td", e.status.status_type + (e.status.reason ? "/" + e.status.reason.reason : ""), "s"),
                 text("td", charged(e).toFixed(2)), text("td", y.length ? y[y.length - 1].toFixed(4) : ""));
      body.appendChild(row);
    }
    plot(list);
    document.body.setAttribute("data-loaded", String(list.length));
  } catch (err) {
    $("error").textContent = err.message;
    document.body.setAttribute("data-loaded", "error");
  }
}
$("form").addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
if ($("key").value) load();
</script></body></html>
"""#
}
