// Meridian's dashboard: reads /api/status (the document `meridian status` shows), /api/history
// (the server's own 1 s / 1 min history) and /api/clients, and plots with uPlot. No build step.
"use strict";

const PRICE_PER_GB = 0.12;               // as `meridian traffic` (its --price-per-gb default)
const SECONDS_PER_MONTH = 30 * 86400;    // as `meridian traffic`
const REFRESH_MS = 2000;
const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];

let range = "seconds";
let history = null;          // {sources, seconds:{time, …}, minutes:{…}}
const plots = {};

// ---- formatting, as `meridian status` writes it ----
// .NET formats a double with a custom format ("0.000") from its 15 significant digits, rounding
// half away from zero; toFixed rounds the binary value (1.0005 -> "1.000" where .NET writes "1.001").
function decimals(v, d) {
  const [mantissa, e] = Math.abs(v).toPrecision(15).split("e");
  const [ip, fp = ""] = mantissa.split(".");
  let digits = (ip + fp).split("").map(Number), point = ip.length + Number(e ?? 0);
  if (point <= 0) { digits = Array(1 - point).fill(0).concat(digits); point = 1; }
  while (digits.length < point + d + 1) digits.push(0);
  const keep = digits.slice(0, point + d);
  if (digits[point + d] >= 5) {
    let i = keep.length - 1;
    for (; i >= 0 && keep[i] === 9; i--) keep[i] = 0;
    if (i >= 0) keep[i]++; else { keep.unshift(1); point++; }
  }
  const whole = keep.slice(0, point).join("").replace(/^0+(?=\d)/, "");
  return { text: d > 0 ? `${whole}.${keep.slice(point).join("")}` : whole, zero: keep.every(x => x === 0) };
}
const fixed = (v, d) => (v < 0 ? "-" : "") + decimals(v, d).text;                  // "0.000"
const signed = (v, d) => { const r = decimals(v, d); return r.zero ? r.text : (v > 0 ? "+" : "-") + r.text; }; // "+0.000;-0.000;0.000"
const int = v => Math.round(v).toString().replace(/\B(?=(\d{3})+(?!\d))/g, " ");
function uptime(seconds) {
  const s = Math.max(0, Math.floor(seconds)), d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60), r = s % 60;
  const p = n => String(n).padStart(2, "0");
  return d > 0 ? `${d}d ${p(h)}h ${p(m)}m ${p(r)}s` : h > 0 ? `${h}h ${p(m)}m ${p(r)}s` : m > 0 ? `${m}m ${p(r)}s` : `${r}s`;
}
function clients(c) {
  return c.isEstimate ? `~${int(c.value)} distinct addresses (estimate, ±${fixed(c.relativeError * 100, 1)} %)` : `${int(c.value)} distinct addresses (exact)`;
}
function dropped(counters) {
  const total = Object.values(counters.drops).reduce((a, b) => a + b, 0);
  const reasons = Object.entries(counters.drops).filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([r, n]) => `${r} ${n}`);
  return reasons.length === 0 ? `${total}` : `${total}  (${reasons.join(", ")})`;
}
// Axis values in milliseconds: sub-millisecond ones read better in µs.
function ms(v) {
  if (v == null) return "";
  const a = Math.abs(v);
  return a === 0 ? "0" : a < 1 ? `${+(v * 1000).toPrecision(3)} µs` : `${+v.toPrecision(4)} ms`;
}
function rate(v) { return v == null ? "" : Math.abs(v) >= 1000 ? `${+(v / 1000).toPrecision(3)}k` : `${+v.toPrecision(3)}`; }
function bits(v) { if (v == null) return ""; const b = v * 8; return b >= 1e6 ? `${+(b / 1e6).toPrecision(3)} Mb/s` : b >= 1e3 ? `${+(b / 1e3).toPrecision(3)} kb/s` : `${+b.toPrecision(3)} b/s`; }

// The leap lines of `meridian status` (StatusText.LeapFileText and NextLeapText); NTP seconds to UTC (era 0).
function utc(ntpSeconds) { return new Date((ntpSeconds - 2208988800) * 1000).toISOString(); }
function leapFile(l) {
  if (l.filePath == null) return "none";
  const expiry = l.fileExpires ? utc(l.fileExpires.seconds).slice(0, 10) : "no expiry line";
  const state = l.fileHash == null ? "not readable"
    : l.fileHash !== "Verified" ? `hash ${l.fileHash.toLowerCase()}: not used`
    : !l.fileUsable ? "damaged: not used"
    : l.fileExpiry === "Expired" ? `hash verified, expired ${expiry}: not used`
    : l.fileExpiry === "ExpiresSoon" ? `hash verified, expires ${expiry}: update it soon`
    : `hash verified, expires ${expiry}`;
  return `${l.filePath} (${state})`;
}
function nextLeap(l) {
  const source = l.source.toLowerCase();
  if (l.next == null) return l.source === "None" ? "none known" : `none known (${source})`;
  const last = utc(l.next.at.seconds - 1);
  const when = l.next.seconds > 0 ? `${last.slice(0, 10)} 23:59:60 UTC` : `${last.slice(0, 10)} ${last.slice(11, 19)} UTC`;
  const state = l.smearing ? "smearing now" : l.announced ? "announced" : "not announced yet";
  return `${l.next.seconds > 0 ? "insertion" : "deletion"} ${when} (from the ${source}), ${state}`;
}
// kernel TX − T3 of the basic replies, as `meridian status` prints it
function transmitError(e) {
  return !e || e.count === 0 ? "-"
    : `mean ${e.meanMicroseconds.toFixed(1)} µs, p99 ≤ ${+e.p99Microseconds.toFixed(1)} µs, max ${e.maxMicroseconds.toFixed(1)} µs (${e.count} replies)`;
}

// ---- the figures: one card per `meridian status` line, the same label and text ----
function figures(r) {
  const s = r.sync, c = r.counters;
  const rows = [
    ["state", s.state], ["system peer", s.systemPeer ?? "-"], ["stratum", `${s.stratum}`],
    ["offset", `${signed(s.offsetMs, 3)} ms`], ["reference time", r.referenceTimeUtc ?? "-"],
    ["rms offset", `${fixed(s.rmsOffsetMs, 3)} ms`], ["frequency", `${signed(s.frequencyPpm, 3)} ppm`],
    ["skew", s.skewPpm == null ? "-" : `${fixed(s.skewPpm, 3)} ppm`],
    ["update interval", s.updateIntervalSeconds == null ? "-" : `${fixed(s.updateIntervalSeconds, 1)} s`],
    ["root delay", `${fixed(s.rootDelayMs, 3)} ms`], ["root dispersion", `${fixed(s.rootDispersionMs, 3)} ms`],
    ["leap", s.leap], ["leap file", leapFile(s.leapSecond)], ["next leap", nextLeap(s.leapSecond)],
    ["discipline", s.discipline], ["uptime", uptime(r.uptimeSeconds)],
    ["received", `${c.received}`], ["served", `${c.served}`], ["dropped", dropped(c)],
    ...(r.kernelDrops == null ? [] : [["kernel dropped", `${r.kernelDrops}  (receive buffer full: never read, not in received)`]]),
    ["kods sent", `${c.kodsSent}`],
    ["nts", `${c.ntsAuthenticated} authenticated, ${c.ntsNaks} naks, ${c.drops.NtsBadAuthenticator ?? 0} bad authenticator, ${c.drops.NtsMalformed ?? 0} malformed`],
    ["interleaved", `${c.interleaved}`], ["transmit error", transmitError(c.transmitErrors)],
    ["traffic", `${c.bytesReceived} bytes in, ${c.bytesSent} bytes out (IP + UDP + NTP), ${clients(c.clients)}`],
  ];
  if (r.clients) rows.push(["client table", `${r.clients.tracked} of ${r.clients.capacity} slots, ${r.clients.evictions} evictions`]);
  if (r.runtime) rows.push(["gc", `${r.runtime.gen0Collections}/${r.runtime.gen1Collections}/${r.runtime.gen2Collections} collections (gen 0/1/2), ${fixed(r.runtime.allocatedBytes / 1048576, 1)} MiB allocated`]);
  const box = document.getElementById("figures");
  box.replaceChildren(...rows.map(([label, value]) => {
    const div = document.createElement("div");
    div.className = "figure"; div.dataset.label = label;
    div.innerHTML = `<div class="label"></div><div class="value"></div>`;
    div.firstChild.textContent = label; div.lastChild.textContent = value;
    return div;
  }));
  document.getElementById("listening").textContent = r.listening.join(", ");
  const monthly = r.uptimeSeconds > 0 ? c.bytesSent / r.uptimeSeconds * SECONDS_PER_MONTH / 1e9 : 0;
  document.getElementById("egress-cost").textContent =
    `— since start: ${monthly.toFixed(2)} GB per month × $${PRICE_PER_GB.toFixed(2)} = $${(monthly * PRICE_PER_GB).toFixed(2)} per month (outbound only)`;
}

function table(id, head, rows) {
  const t = document.getElementById(id);
  const tr = (cells, tag) => "<tr>" + cells.map(x => `<${tag}>${String(x).replace(/[&<>]/g, ch => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" }[ch]))}</${tag}>`).join("") + "</tr>";
  t.innerHTML = tr(head, "th") + rows.map(r => tr(r, "td")).join("");
}

function peers(sources) {
  const tally = { SystemPeer: "*", Candidate: "+", Outlier: "-", Falseticker: "x" };
  table("peers", ["remote", "refid", "st", "when", "poll", "reach", "delay ms", "offset ms", "jitter ms"],
    sources.map(s => [(tally[s.tally] ?? " ") + s.remote, s.referenceId, s.stratum, s.whenSeconds == null ? "-" : Math.floor(s.whenSeconds),
      s.pollSeconds, s.reach.toString(8), s.delayMs.toFixed(3), s.offsetMs.toFixed(3), s.jitterMs.toFixed(3)]));
}

function talkers(doc) {
  table("talkers", ["client", "packets", "packets/s", "drops", "KoD", "interval s"],
    doc.report.byRate.slice(0, 10).map(c => [c.address, c.packets, (c.packets / Math.max(1, c.firstSeenAgo - c.lastSeenAgo)).toFixed(2),
      c.drops, c.kods, c.intervalSeconds == null ? "-" : c.intervalSeconds.toFixed(1)]));
}

// ---- plots ----
function series(label, i, extra) { return Object.assign({ label, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: false, points: { show: false } }, extra); }

function plot(id, seriesList, data, axes) {
  const el = document.getElementById(id);
  const opts = {
    width: Math.max(300, el.clientWidth), height: 200, series: [{}, ...seriesList],
    axes: [{}, ...axes], scales: { x: { time: true } }, legend: { live: true },
  };
  plots[id]?.destroy();
  plots[id] = new uPlot(opts, data, el);
}

function draw() {
  const h = history[range];
  const t = h.time;
  const srcs = history.sources.map((name, i) => ({ name, i })).filter(s => s.name != null);
  plot("plot-clock", [series("offset", 0, { value: (u, v) => ms(v), scale: "ms" }), series("frequency ppm", 1, { scale: "ppm" })],
    [t, h.offsetMs, h.frequencyPpm],
    [{ scale: "ms", values: (u, vs) => vs.map(ms), size: 70 }, { scale: "ppm", side: 1, grid: { show: false }, values: (u, vs) => vs.map(v => `${v} ppm`), size: 70 }]);
  for (const [kind, key] of [["offset", "OffsetMs"], ["delay", "DelayMs"], ["jitter", "JitterMs"]]) {
    plot(`plot-source-${kind}`, srcs.map(s => series(s.name, s.i, { value: (u, v) => ms(v) })),
      [t, ...srcs.map(s => h[`source${s.i}${key}`])], [{ values: (u, vs) => vs.map(ms), size: 70 }]);
  }
  plot("plot-packets", [series("received/s", 0), series("served/s", 2), series("dropped/s", 1), series("KoD/s", 3)],
    [t, h.receivedPerSecond, h.servedPerSecond, h.droppedPerSecond, h.kodsPerSecond], [{ values: (u, vs) => vs.map(rate), size: 60 }]);
  const reasons = Object.keys(h).filter(k => k.startsWith("drop") && k !== "droppedPerSecond" && k.endsWith("PerSecond") && h[k].some(v => v > 0));
  plot("plot-drops", reasons.map((k, i) => series(k.slice(4, -9), i)), [t, ...reasons.map(k => h[k])], [{ values: (u, vs) => vs.map(rate), size: 60 }]);
  plot("plot-clients", [series("distinct clients", 4)], [t, h.clients], [{ values: (u, vs) => vs.map(rate), size: 60 }]);
  plot("plot-egress", [series("out", 0, { value: (u, v) => bits(v) }), series("in", 2, { value: (u, v) => bits(v) })],
    [t, h.bytesOutPerSecond, h.bytesInPerSecond], [{ values: (u, vs) => vs.map(bits), size: 80 }]);
}

// Appends the rows newer than the ones held; the server keeps the ring, the page only a copy.
function merge(update) {
  if (history === null) { history = update; return; }
  history.sources = update.sources;
  for (const res of ["seconds", "minutes"]) {
    const keep = res === "seconds" ? 3600 : 10080;
    for (const [k, v] of Object.entries(update[res])) {
      const all = (history[res][k] ?? new Array(history[res].time.length).fill(null)).concat(v);
      history[res][k] = all.slice(Math.max(0, all.length - keep));
    }
  }
}

async function json(url) {
  const r = await fetch(url, { cache: "no-store" });
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.json();
}

// One refresh: the status, the new history rows, the top talkers; returns when all are drawn.
async function refresh() {
  const last = history?.seconds.time.at(-1);
  const [status, update, top] = await Promise.all([
    json("api/status"), json(last == null ? "api/history" : `api/history?after=${last}`), json("api/clients?top=10")]);
  figures(status);
  peers(status.sync.sources);
  talkers(top);
  merge(update);
  draw();
  document.getElementById("updated").textContent = `updated ${new Date().toLocaleTimeString()}`;
  document.body.dataset.refreshes = String(Number(document.body.dataset.refreshes ?? 0) + 1);
}
window.refresh = refresh;

for (const input of document.querySelectorAll("input[name=range]")) {
  input.addEventListener("change", () => { range = input.value; if (history) draw(); });
}
window.addEventListener("resize", () => { if (history) draw(); });

(async function loop() {
  try { await refresh(); } catch (e) { document.getElementById("updated").textContent = `not updated: ${e.message}`; }
  setTimeout(loop, REFRESH_MS);
})();
