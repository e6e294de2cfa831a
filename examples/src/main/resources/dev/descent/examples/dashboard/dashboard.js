// The Descent dashboard: plain canvas charts fed by Server-Sent Events; no library, nothing fetched from elsewhere.
'use strict';
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];
const runs = [];          // per run: {name, finished, it: [], loss: [], rows: {}, layers: [], stats: [], epochs}
let selected = 0;
let analysisFor = '';     // "run:epochs" of the analysis shown
let drawPending = false;

function niceStep(span, count) {
  const raw = span / count, mag = Math.pow(10, Math.floor(Math.log10(raw))), f = raw / mag;
  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
}
function fmt(v) {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(0).replace('e+', 'e');
  return String(Number(v.toPrecision(3)));
}
function logTicks(lo, hi) {   // 1, 2, 5 × 10^k inside [lo, hi]; only decades when they are many
  const ticks = [], decades = Math.log10(hi / lo);
  for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++)
    for (const m of decades > 4 ? [1] : decades > 1.5 ? [1, 3] : [1, 2, 5]) {
      const v = m * Math.pow(10, k);
      if (v >= lo && v <= hi) ticks.push(v);
    }
  return ticks;
}
// series: [{x: [], y: [], color, dash, label}]
function chart(id, series, opts = {}) {
  const c = document.getElementById(id), g = c.getContext('2d'), W = c.width, H = c.height;
  const L = 58, R = 10, T = 10, B = 34;
  g.clearRect(0, 0, W, H);
  g.font = '11px system-ui, sans-serif';
  const xs = [], ys = [];
  for (const s of series) s.x.forEach((x, i) => { const y = s.y[i];
    if (y !== null && isFinite(y) && (!opts.log || y > 0)) { xs.push(x); ys.push(y); } });
  if (!xs.length) { g.fillStyle = '#888'; g.fillText(opts.empty || 'no data yet', L, H / 2); return; }
  let x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  if (opts.yMin !== undefined) y0 = Math.min(y0, opts.yMin);
  if (opts.yMax !== undefined) y1 = Math.max(y1, opts.yMax);
  if (x1 === x0) { x0 -= 1; x1 += 1; }
  if (opts.log) { if (y1 / y0 < 10) { const m = Math.sqrt(10 * y0 / y1); y0 /= m; y1 *= m; } }
  else if (y1 === y0) { y0 -= 0.5; y1 += 0.5; }
  const f = opts.log ? Math.log10 : (v) => v;
  const px = (x) => L + (x - x0) / (x1 - x0) * (W - L - R);
  const py = (y) => H - B - (f(y) - f(y0)) / (f(y1) - f(y0)) * (H - T - B);
  g.strokeStyle = '#e4e4e4'; g.fillStyle = '#444'; g.lineWidth = 1;
  const yt = opts.log ? logTicks(y0, y1) : [];
  if (!opts.log) { const s = niceStep(y1 - y0, 5); for (let v = Math.ceil(y0 / s) * s; v <= y1 + s * 1e-9; v += s) yt.push(v); }
  g.textAlign = 'right';
  for (const v of yt) { const y = py(v); g.beginPath(); g.moveTo(L, y); g.lineTo(W - R, y); g.stroke(); g.fillText(fmt(v), L - 4, y + 4); }
  const xs_ = Math.max(1, niceStep(x1 - x0, 6));   // epochs and iterations are whole numbers
  g.textAlign = 'center';
  for (let v = Math.ceil(x0 / xs_) * xs_; v <= x1 + xs_ * 1e-9; v += xs_) {
    const x = px(v); g.beginPath(); g.moveTo(x, T); g.lineTo(x, H - B); g.stroke(); g.fillText(fmt(v), x, H - B + 14);
  }
  g.fillText(opts.xLabel || '', (L + W - R) / 2, H - 4);
  g.strokeStyle = '#999'; g.strokeRect(L, T, W - L - R, H - T - B);
  for (const s of series) {
    g.strokeStyle = s.color; g.setLineDash(s.dash || []); g.lineWidth = 1.5; g.beginPath();
    let on = false;
    s.x.forEach((x, i) => { const y = s.y[i];
      if (y === null || !isFinite(y) || (opts.log && y <= 0)) { on = false; return; }
      if (on) g.lineTo(px(x), py(y)); else g.moveTo(px(x), py(y)); on = true;
      if (s.x.length < 40) g.fillRect(px(x) - 1.5, py(y) - 1.5, 3, 3); });
    g.stroke(); g.setLineDash([]);
  }
  let ly = T + 12; g.textAlign = 'left';   // legend
  for (const s of series) if (s.label) {
    g.fillStyle = s.color; g.fillRect(W - R - 150, ly - 8, 10, 3); g.fillStyle = '#333';
    g.fillText(s.label.length > 26 ? '…' + s.label.slice(-25) : s.label, W - R - 136, ly - 3); ly += 14;
  }
}

function redraw() {
  drawPending = false;
  const loss = [], acc = [], lr = [];
  runs.forEach((r, i) => {
    if (!r) return;
    const color = COLORS[i % COLORS.length], name = r.name + (r.finished ? '' : ' (live)');
    loss.push({x: r.it, y: r.loss, color, label: name});
    const e = r.rows.epoch || [];
    acc.push({x: e, y: r.rows.test_accuracy || [], color, label: name});
    acc.push({x: e, y: r.rows.train_accuracy || [], color, dash: [6, 4]});
    acc.push({x: e, y: r.rows.validation_accuracy || [], color, dash: [2, 3]});
    lr.push({x: e, y: r.rows.learning_rate || [], color, label: name});
  });
  chart('loss', loss, {log: true, xLabel: 'iteration'});
  chart('accuracy', acc, {xLabel: 'epoch', yMax: 1});
  chart('lr', lr, {log: true, xLabel: 'epoch'});
  const r = runs[selected], grad = [], ratio = [];
  if (r) r.layers.forEach((name, k) => {
    const color = COLORS[k % COLORS.length], n = r.layers.length, x = r.stats.map(s => s[0]);
    grad.push({x, y: r.stats.map(s => s[1 + k]), color, label: name});
    ratio.push({x, y: r.stats.map(s => s[1 + n + k]), color, label: name});
  });
  const none = r && r.finished && !r.layers.length ? 'recorded only while training with --dashboard' : 'no data yet';
  chart('grad', grad, {log: true, xLabel: 'iteration', empty: none});
  chart('ratio', ratio, {log: true, xLabel: 'iteration', empty: none});
  const key = selected + ':' + ((r && r.rows.epoch) || []).length;
  if (r && r.model && key !== analysisFor) { analysisFor = key; analysis(selected); }
}
function schedule() { if (!drawPending) { drawPending = true; requestAnimationFrame(redraw); } }

function gray(canvas, pixels) {   // 28×28 values 0-255, white ink on black, scaled by CSS
  const g = canvas.getContext('2d'), img = g.createImageData(28, 28);
  pixels.forEach((v, i) => { img.data.set([v, v, v, 255], 4 * i); });
  const tmp = document.createElement('canvas'); tmp.width = tmp.height = 28; tmp.getContext('2d').putImageData(img, 0, 0);
  g.imageSmoothingEnabled = false; g.clearRect(0, 0, canvas.width, canvas.height); g.drawImage(tmp, 0, 0, canvas.width, canvas.height);
}

async function analysis(run) {
  const a = await (await fetch('analysis?run=' + run)).json();
  if (!a.ready || run !== selected) return;
  const max = Math.max(...a.confusion.flat());
  let html = '<table class="confusion"><tr><th></th>' + a.classNames.map((_, j) => '<th>' + j + '</th>').join('') + '</tr>';
  a.confusion.forEach((row, i) => {
    html += '<tr><th title="' + a.classNames[i] + '">' + (a.classNames[i] === String(i) ? i : i + ' ' + a.classNames[i].slice(0, 8)) + '</th>';
    row.forEach((v, j) => { const t = v / max, bg = i === j ? `rgba(44,160,44,${0.15 + 0.6 * t})` : v ? `rgba(214,39,40,${0.1 + 0.9 * Math.sqrt(t)})` : '#fff';
      html += `<td style="background:${bg}">${v}</td>`; });
    html += '</tr>';
  });
  document.getElementById('confusion').innerHTML = html + '</table>';
  const m = document.getElementById('mistakes'); m.innerHTML = '';
  for (const w of a.mistakes) {
    const f = document.createElement('figure'), c = document.createElement('canvas');
    c.width = c.height = 84; gray(c, w.pixels); f.appendChild(c);
    const cap = document.createElement('figcaption');
    cap.textContent = `#${w.index}: ${a.classNames[w.label]} → ${a.classNames[w.predicted]} (${(100 * w.confidence).toFixed(1)}%)`;
    f.appendChild(cap); m.appendChild(f);
  }
}

function connect() {
  const es = new EventSource('events');
  const status = document.getElementById('status');
  es.onopen = () => { status.textContent = 'live'; };
  es.onerror = () => { status.textContent = 'disconnected (training over or server stopped); reconnecting…'; };
  es.addEventListener('update', (e) => {
    const {run, state} = JSON.parse(e.data);
    let r = runs[run];
    if (!r || state.lossFrom === 0) {
      r = runs[run] = {name: state.name, it: [], loss: [], stats: [], layers: []};
      const o = document.createElement('option'); o.value = run; o.textContent = state.name;
      const sel = document.getElementById('run');
      if (![...sel.options].some(x => x.value === String(run))) sel.appendChild(o);
    }
    r.finished = state.finished; r.model = state.model; r.rows = state.rows; r.layers = state.layers;
    r.it.push(...state.lossIterations); r.loss.push(...state.losses);
    if (state.statFrom === 0) r.stats = [];
    r.stats.push(...state.stats);
    status.textContent = runs.every(x => !x || x.finished) ? 'finished runs' : 'live';
    schedule();
  });
}

function pad() {
  const c = document.getElementById('pad'), g = c.getContext('2d');
  const clear = () => { g.fillStyle = '#fff'; g.fillRect(0, 0, c.width, c.height); document.getElementById('probabilities').innerHTML = ''; };
  clear();
  g.lineWidth = 18; g.lineCap = g.lineJoin = 'round'; g.strokeStyle = '#000';
  let down = false;
  const at = (e) => { const b = c.getBoundingClientRect(); return [(e.clientX - b.left) * c.width / b.width, (e.clientY - b.top) * c.height / b.height]; };
  c.addEventListener('pointerdown', (e) => { down = true; c.setPointerCapture(e.pointerId); g.beginPath(); g.moveTo(...at(e)); g.lineTo(...at(e)); g.stroke(); });
  c.addEventListener('pointermove', (e) => { if (down) { g.lineTo(...at(e)); g.stroke(); } });
  const up = () => { if (down) { down = false; predict(c); } };
  c.addEventListener('pointerup', up); c.addEventListener('pointerleave', up);
  document.getElementById('clear').onclick = clear;
}
function predict(c) {
  c.toBlob(async (blob) => {
    const p = await (await fetch('predict?run=' + selected, {method: 'POST', body: blob, headers: {'Content-Type': 'image/png'}})).json();
    const out = document.getElementById('probabilities');
    if (!p.ready) { out.textContent = 'no model yet: the first epoch has not ended'; return; }
    if (p.error) { out.textContent = p.error; return; }
    gray(document.getElementById('seen'), p.input);
    const order = p.probabilities.map((v, i) => [v, i]).sort((a, b) => b[0] - a[0]);
    out.innerHTML = order.map(([v, i]) => `<div class="bar"><span>${p.classNames[i]}</span><div style="width:${Math.round(200 * v)}px"></div>`
      + `<span class="p">${(100 * v).toFixed(1)}%</span></div>`).join('');
  }, 'image/png');
}

document.getElementById('run').onchange = (e) => { selected = Number(e.target.value); analysisFor = ''; schedule(); };
pad();
connect();
