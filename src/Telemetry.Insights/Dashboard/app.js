// The insights page: reads the insights service's JSON routes (/insights/v1/…, the contract's google.api.http
// routes) with the read token and draws the answers with uPlot. Every chart's data stays in window.insights so the
// headless browser test can check what is drawn.
import uPlot from "uplot";

const api = "/insights/v1/products";
const palette = ["#3366cc", "#dc3912", "#ff9900", "#109618", "#990099", "#0099c6", "#dd4477", "#66aa00", "#b82e2e", "#316395"];
const $ = (id) => document.getElementById(id);
const charts = {};
window.insights = { ready: false, series: {} };

function params(extra) {
  const p = new URLSearchParams({ start_date: $("from").value, end_date: $("to").value, bucket: $("bucket").value });
  // The version range, only when set: both bounds are inclusive semantic versions.
  if ($("min-version").value.trim()) p.set("min_version", $("min-version").value.trim());
  if ($("max-version").value.trim()) p.set("max_version", $("max-version").value.trim());
  for (const [k, v] of Object.entries(extra || {})) p.set(k, v);
  return p;
}

// GET <api>/<product>/<question> (JSON), or the same route with ".csv" (the download).
async function ask(question, extra, format) {
  const path = question === "products" ? api : `${api}/${encodeURIComponent($("product").value)}/${question}`;
  const url = path + (format === "csv" ? ".csv" : "") + "?" + params(extra);
  const response = await fetch(url, { headers: { Authorization: "Bearer " + $("token").value } });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new Error(`${question}: ${response.status} ${body.message || ""}`);
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
function drawShares(name, title, shares) {
  const buckets = [...new Set(shares.map((s) => s.bucket))].sort();
  const values = [...new Set(shares.map((s) => s.value))];
  const share = (b, v) => shares.find((s) => s.bucket === b && s.value === v)?.share ?? 0;
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
    const { points } = await ask("active");
    const xs = points.map((p) => day(p.bucket));
    const columns = { active: "active", new: "newInstallations", lost: "lostInstallations" };
    draw("active", "Installations", xs, Object.entries(columns).map(([label, key]) => ({ label, values: points.map((p) => Number(p[key] ?? 0)) })));
    drawShares("versions", "Share of installations per version", (await ask("versions")).shares);
    await drawField();
    await drawUnknownFields();
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
    drawShares("field", "Share of installations per value", (await ask("breakdown", { field })).shares);
    $("field-note").textContent = option.dataset.listed === "true" ? "" : "A keyed-hash field: only the number of distinct values is shown.";
    return;
  }
  const sizes = await ask("sizes", { field });
  const stats = [`installations ${sizes.installations}`,
    ...Object.entries(sizes.percentiles || {}).map(([name, value]) => `${name} ${value}`)].join(" · ");
  $("field-note").textContent = stats;
  draw("field", "Installations per size (latest value in the range)", sizes.bins.map((_, i) => i),
    [{ label: "installations", values: sizes.bins.map((b) => Number(b.installations)) }], { bars: true });
  window.insights.series.field.bins = sizes.bins.map((b) => `${b.lower}–${b.upper}`);
}

// Vendor fields the contract does not model, as this collector's intake counted them: what the contract should
// learn next.
async function drawUnknownFields() {
  const { fields } = await ask("unknown-fields");
  const rows = fields.map((f) => {
    const row = document.createElement("tr");
    for (const text of [f.path, String(f.reports)]) row.insertCell().textContent = text;
    return row;
  });
  $("unknown-fields").replaceChildren(...rows);
  $("unknown-note").textContent = fields.length ? "" : "None counted since this collector started.";
  window.insights.series.unknown = Object.fromEntries(fields.map((f) => [f.path, [Number(f.reports)]]));
}

async function loadProducts() {
  const { products } = await ask("products");
  $("product").replaceChildren(...products.map((p) => new Option(`${p.product} (${p.installations})`, p.product)));
  await loadFields();
}

async function loadFields() {
  const { fields } = await ask("fields");
  $("field").replaceChildren(...fields.map((f) => {
    const kind = f.kind === "INSIGHT_FIELD_KIND_NUMERIC" ? "numeric" : "categorical";
    const option = new Option(`${f.path} (${kind})`, f.path);
    option.dataset.kind = kind;
    option.dataset.listed = String(f.listed);
    return option;
  }));
}

async function download(event) {
  event.preventDefault();
  const chart = event.target.dataset.chart;
  const [question, extra] = chart === "active" ? ["active", {}]
    : chart === "versions" ? ["versions", {}]
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
for (const id of ["field", "from", "to", "bucket", "min-version", "max-version"]) $(id).addEventListener("change", () => refresh());
for (const link of document.querySelectorAll(".csv")) link.addEventListener("click", download);
if ($("token").value) refresh();
