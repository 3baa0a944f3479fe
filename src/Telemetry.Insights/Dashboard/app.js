// The insights page: reads /insights/api with the read token and draws the answers with uPlot. Every chart's
// data stays in window.insights so the headless browser test can check what is drawn.
import uPlot from "uplot";

const api = "/insights/api/";
const palette = ["#3366cc", "#dc3912", "#ff9900", "#109618", "#990099", "#0099c6", "#dd4477", "#66aa00", "#b82e2e", "#316395"];
const $ = (id) => document.getElementById(id);
const charts = {};
window.insights = { ready: false, series: {} };

function params(extra) {
  const p = new URLSearchParams({ product: $("product").value, from: $("from").value, to: $("to").value, bucket: $("bucket").value });
  for (const [k, v] of Object.entries(extra || {})) p.set(k, v);
  return p;
}

async function ask(question, extra, format) {
  const p = params(extra);
  if (format) p.set("format", format);
  const response = await fetch(api + question + "?" + p, { headers: { Authorization: "Bearer " + $("token").value } });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new Error(`${question}: ${response.status} ${body.error || ""}`);
  }
  return format === "csv" ? response.blob() : response.json();
}

const day = (text) => Date.parse(text + "T00:00:00Z") / 1000;

function draw(name, title, xs, series, options) {
  const target = $("chart-" + name);
  target.replaceChildren();
  charts[name]?.destroy();
  const width = Math.max(480, target.clientWidth || 560);
  const opts = {
    title, width, height: 260,
    // Stacked shares always span 0–1, so bands compare across charts and ranges.
    scales: { x: { time: !options?.bars }, y: options?.stacked ? { range: [0, 1] } : {} },
    series: [{}, ...series.map((s, i) => ({
      label: s.label, stroke: palette[i % palette.length], width: 2,
      fill: options?.stacked || options?.bars ? palette[i % palette.length] + "99" : undefined,
      paths: options?.bars ? uPlot.paths.bars({ size: [0.8] }) : undefined,
    }))],
    axes: [{}, { label: options?.yLabel || "" }],
  };
  charts[name] = new uPlot(opts, [xs, ...series.map((s) => s.values)], target);
  window.insights.series[name] = Object.fromEntries(series.map((s) => [s.label, s.raw || s.values]));
}

// Shares per value over time, stacked (each band is the running total of the values above it).
function drawShares(name, title, table) {
  const buckets = [...new Set(table.rows.map((r) => r[0]))].sort();
  const values = [...new Set(table.rows.map((r) => r[1]))];
  const share = (b, v) => table.rows.find((r) => r[0] === b && r[1] === v)?.[3] ?? 0;
  const raw = values.map((v) => buckets.map((b) => share(b, v)));
  const stacked = raw.map((_, i) => buckets.map((__, j) => raw.slice(i).reduce((sum, s) => sum + s[j], 0)));
  draw(name, title, buckets.map(day), values.map((v, i) => ({ label: v, values: stacked[i], raw: raw[i] })), { stacked: true, yLabel: "share" });
}

async function refresh(event) {
  event?.preventDefault();
  $("status").textContent = "";
  window.insights.ready = false;
  try {
    sessionStorage.setItem("insights-token", $("token").value);
    if (!$("product").value) await loadProducts();
    const active = await ask("active");
    const xs = active.rows.map((r) => day(r[0]));
    draw("active", "Installations", xs, ["active", "new", "lost"].map((label, i) => ({ label, values: active.rows.map((r) => r[i + 1]) })));
    drawShares("versions", "Share of installations per version", await ask("breakdown", { field: "build.version" }));
    await drawField();
    window.insights.ready = true;
  } catch (error) {
    $("status").textContent = error.message;
  }
}

async function drawField() {
  const option = $("field").selectedOptions[0];
  if (!option) return;
  const field = option.value;
  $("field-title").firstChild.textContent = field + " ";
  if (option.dataset.kind === "categorical") {
    drawShares("field", "Share of installations per value", await ask("breakdown", { field }));
    $("field-note").textContent = option.dataset.values === "counted" ? "A keyed-hash field: only the number of distinct values is shown." : "";
    return;
  }
  const sizes = await ask("sizes", { field });
  const bins = sizes.rows.filter((r) => r[0] === "bin");
  const stats = sizes.rows.filter((r) => r[0] !== "bin").map((r) => `${r[0]} ${r[1]}`).join(" · ");
  $("field-note").textContent = stats;
  draw("field", "Installations per size (latest value in the range)", bins.map((_, i) => i),
    [{ label: "installations", values: bins.map((r) => r[3]) }], { bars: true });
  window.insights.series.field.bins = bins.map((r) => `${r[1]}–${r[2]}`);
}

async function loadProducts() {
  const products = await ask("products");
  $("product").replaceChildren(...products.rows.map((r) => new Option(`${r[0]} (${r[1]})`, r[0])));
  await loadFields();
}

async function loadFields() {
  const fields = await ask("fields");
  $("field").replaceChildren(...fields.rows.map((r) => {
    const option = new Option(`${r[0]} (${r[1]})`, r[0]);
    option.dataset.kind = r[1];
    option.dataset.values = r[2];
    return option;
  }));
}

async function download(event) {
  event.preventDefault();
  const chart = event.target.dataset.chart;
  const [question, extra] = chart === "active" ? ["active", {}]
    : chart === "versions" ? ["breakdown", { field: "build.version" }]
    : [$("field").selectedOptions[0]?.dataset.kind === "categorical" ? "breakdown" : "sizes", { field: $("field").value }];
  const blob = await ask(question, extra, "csv");
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = `${$("product").value}-${chart}.csv`;
  link.click();
}

const today = new Date().toISOString().slice(0, 10);
$("to").value = today;
$("from").value = new Date(Date.now() - 29 * 86400000).toISOString().slice(0, 10);
$("token").value = sessionStorage.getItem("insights-token") || "";
$("controls").addEventListener("submit", refresh);
$("product").addEventListener("change", async () => { await loadFields(); await refresh(); });
for (const id of ["field", "from", "to", "bucket"]) $(id).addEventListener("change", () => refresh());
for (const link of document.querySelectorAll(".csv")) link.addEventListener("click", download);
if ($("token").value) refresh();
