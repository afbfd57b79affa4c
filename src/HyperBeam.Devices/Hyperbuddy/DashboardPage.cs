namespace HyperBeam.Devices.Hyperbuddy;

/// <summary>
/// The dashboard served at <c>/~hyperbuddy@1.0/index</c>: one self-contained page (no external scripts or styles, so
/// it works on an offline node) that reads the node's own endpoints as JSON and refreshes every two seconds.
/// </summary>
internal static class DashboardPage
{
    public const string Html = """
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>HyperBeam node</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 0; background: #0f1115; color: #e6e6e6; }
  header { padding: 12px 20px; background: #1a1d24; border-bottom: 1px solid #2a2f3a; }
  h1 { font-size: 18px; margin: 0; } h2 { font-size: 15px; margin: 0 0 8px; color: #9ecbff; }
  main { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: 16px; padding: 16px 20px; }
  section { background: #1a1d24; border: 1px solid #2a2f3a; border-radius: 6px; padding: 12px; overflow: auto; }
  table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: 2px 6px; border-bottom: 1px solid #2a2f3a; }
  pre { white-space: pre-wrap; word-break: break-all; margin: 0; font-size: 12px; }
  input { width: 70%; padding: 4px; background: #0f1115; color: #e6e6e6; border: 1px solid #2a2f3a; }
  button { padding: 4px 10px; } .muted { color: #8b93a1; }
</style>
</head>
<body>
<header><h1>HyperBeam node <span id="node-address" class="muted">…</span></h1></header>
<main>
  <section id="node">
    <h2>Node</h2>
    <table>
      <tr><th>Address</th><td id="info-address">…</td></tr>
      <tr><th>Port</th><td id="info-port">…</td></tr>
      <tr><th>Operator</th><td id="info-operator">…</td></tr>
      <tr><th>Features</th><td id="info-features">…</td></tr>
    </table>
  </section>
  <section id="cluster">
    <h2>Cluster members</h2>
    <table><thead><tr><th>Address</th><th>Status</th><th>Roles</th></tr></thead><tbody id="members"></tbody></table>
  </section>
  <section id="processes-section">
    <h2>Processes</h2>
    <table><thead><tr><th>Process</th><th>Node</th><th>Slot</th><th>State bytes</th></tr></thead><tbody id="processes"></tbody></table>
    <p id="processes-empty" class="muted">No processes.</p>
  </section>
  <section id="metrics-section">
    <h2>Metrics</h2>
    <p>Requests served: <strong id="requests-total">0</strong></p>
    <pre id="metrics"></pre>
  </section>
  <section id="resolve">
    <h2>Resolve a path</h2>
    <form id="resolve-form">
      <input id="resolve-path" name="path" value="/~meta@1.0/build" aria-label="path">
      <button id="resolve-submit" type="submit">Resolve</button>
    </form>
    <p>Status: <span id="resolve-status" class="muted">–</span></p>
    <pre id="resolve-result"></pre>
  </section>
</main>
<script>
"use strict";
const json = { headers: { accept: "application/json" } };
const text = (id, value) => { document.getElementById(id).textContent = value; };
function row(cells) {
  const tr = document.createElement("tr");
  for (const c of cells) { const td = document.createElement("td"); td.textContent = c; tr.appendChild(td); }
  return tr;
}
// The node's JSON is HyperBEAM's: a list is an object keyed "1", "2", …; integers may be strings.
function items(value) {
  if (Array.isArray(value)) return value;
  if (!value || typeof value !== "object") return [];
  return Object.keys(value).filter(k => /^\d+$/.test(k)).sort((a, b) => a - b).map(k => value[k]);
}
async function getJson(path) {
  const r = await fetch(path, json);
  return r.ok ? r.json() : null;
}
async function refreshInfo() {
  const info = await getJson("/~meta@1.0/info");
  if (!info) return;
  text("node-address", info.address || "");
  text("info-address", info.address || "(no wallet)");
  text("info-port", String(info.port ?? ""));
  text("info-operator", info.operator || "unclaimed");
  const features = info.features || {};
  // Atoms arrive as true, "true" or the structured-field form "\"true\"".
  const on = v => v === true || String(v).replace(/"/g, "") === "true";
  text("info-features", Object.keys(features).filter(k => k !== "ao-types" && on(features[k])).join(", ") || "none");
}
async function refreshCluster() {
  const cluster = await getJson("/~meta@1.0/cluster");
  const body = document.getElementById("members");
  body.replaceChildren();
  for (const m of items(cluster && cluster.members)) body.appendChild(row([m.address, m.status, items(m.roles).join(", ")]));
}
async function refreshProcesses() {
  const list = await getJson("/~meta@1.0/processes");
  const processes = items(list && list.processes);
  const body = document.getElementById("processes");
  body.replaceChildren();
  for (const p of processes) body.appendChild(row([p.id, p.node, String(p.slot), String(p["state-bytes"])]));
  document.getElementById("processes-empty").hidden = processes.length > 0;
}
async function refreshMetrics() {
  const r = await fetch("/metrics");
  if (!r.ok) { text("metrics", "metrics are off"); return; }
  const lines = (await r.text()).split("\n").filter(l => l.startsWith("hyperbeam_"));
  let total = 0;
  for (const l of lines) if (/^hyperbeam_http_requests(_total)?[{ ]/.test(l)) total += Number(l.slice(l.lastIndexOf(" ") + 1)) || 0;
  text("requests-total", String(total));
  text("metrics", lines.join("\n"));
}
async function refresh() {
  await Promise.allSettled([refreshInfo(), refreshCluster(), refreshProcesses(), refreshMetrics()]);
}
document.getElementById("resolve-form").addEventListener("submit", async e => {
  e.preventDefault();
  let path = document.getElementById("resolve-path").value.trim();
  if (!path.startsWith("/")) path = "/" + path;
  text("resolve-status", "…");
  try {
    const r = await fetch(path, json);
    text("resolve-status", String(r.status));
    const body = await r.text();
    try { text("resolve-result", JSON.stringify(JSON.parse(body), null, 2)); } catch { text("resolve-result", body); }
  } catch (err) {
    text("resolve-status", "failed");
    text("resolve-result", String(err));
  }
});
refresh();
setInterval(refresh, 2000);
</script>
</body>
</html>
""";
}
