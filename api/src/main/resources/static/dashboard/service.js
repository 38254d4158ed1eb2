// A service's telemetry as pictures (/dashboard/service.html?service=…): what is live where, line charts of its
// golden signals (latency, error rate, throughput) from get_metrics and its latest error logs from get_logs, marked
// "simulated" when they come from the built-in simulated source. Charts are uPlot, served by the api (no CDN).
(function () {
  'use strict';
  const L = window.LightDevOps;
  const $ = (id) => document.getElementById(id);
  const service = new URLSearchParams(location.search).get('service') || '';
  const LATENCY = 'trace.http.request.duration';
  const ERRORS = 'trace.http.request.errors';
  const HITS = 'trace.http.request.hits';
  const charts = {};

  function points(result, metric) {
    const series = (result.series || []).find((one) => one.metric === metric);
    return series ? series.points || [] : [];
  }

  // Error rate per point: errors / requests, in percent (a gap where either is missing).
  function errorRate(result) {
    const hits = new Map(points(result, HITS).map(([t, v]) => [t, v]));
    return points(result, ERRORS).map(([t, v]) => [t, v == null || !hits.get(t) ? null : 100 * v / hits.get(t)]);
  }

  function draw(id, label, color, data) {
    const box = $(id);
    const xs = data.map(([t]) => t / 1000);
    const ys = data.map(([, v]) => (v == null ? null : Math.round(v * 100) / 100));
    box.dataset.points = String(ys.filter((v) => v != null).length);
    if (charts[id]) {
      charts[id].setData([xs, ys]);
      return;
    }
    charts[id] = new uPlot({ width: Math.max(300, box.clientWidth || 420), height: 180, legend: { live: true },
      axes: [{ stroke: '#8a99a8', grid: { stroke: '#26313d' } }, { stroke: '#8a99a8', grid: { stroke: '#26313d' }, size: 55 }],
      series: [{}, { label, stroke: color, width: 2, fill: color + '22' }] }, [xs, ys], box);
  }

  function markSource(result) {
    const simulated = result.simulated === true || result.source === 'simulated';
    $('simulated').hidden = !simulated;
    $('simulated').title = L.shown(result.notice || '');
    document.body.dataset.simulated = String(simulated);
    $('notice').textContent = simulated ? L.shown(result.notice || 'Simulated data, not from a real system.')
      : 'From ' + L.shown(result.source || 'the configured source') + '.';
  }

  async function loadMetrics() {
    const result = await L.callTool('get_metrics', { service, since: '1h', step_seconds: 60 });
    markSource(result);
    draw('chart-latency', 'latency (ms)', '#3d9df3', points(result, LATENCY));
    draw('chart-errors', 'error rate (%)', '#f85149', errorRate(result));
    draw('chart-throughput', 'requests/s', '#3fb950', points(result, HITS));
  }

  async function loadLogs() {
    const result = await L.callTool('get_logs', { service, level: 'error', since: '1h', limit: 20 });
    const logs = result.logs || [];
    $('no-logs').hidden = logs.length > 0;
    document.querySelector('#logs tbody').replaceChildren(...logs.map((entry) => {
      const tr = document.createElement('tr');
      tr.append(L.el('td', null, new Date(entry.timestamp).toLocaleTimeString()),
        L.el('td', null, entry.level), L.el('td', null, entry.host || ''), L.el('td', null, entry.source || ''),
        L.el('td', 'message', entry.message));
      return tr;
    }));
  }

  async function loadLive() {
    try {
      const answer = await L.getJson('/api/v1/deployments?service=' + encodeURIComponent(service));
      $('live').replaceChildren(...(answer.deployments || []).map((deployment) => {
        const card = L.el('div', 'target');
        const title = L.el('div', 'key', deployment.environment);
        const activity = L.el('div', 'activity', deployment.previous_version ? 'before: ' + deployment.previous_version : '');
        card.append(title, L.el('div', 'version', deployment.live_version || '—'), activity);
        return card;
      }));
    } catch (ignored) { /* what is live is a bonus here */ }
  }

  async function refresh() {
    try {
      await Promise.all([loadMetrics(), loadLogs(), loadLive()]);
      L.setFeedState(true, 'updated ' + new Date().toLocaleTimeString());
      $('service-problem').hidden = true;
    } catch (failure) {
      L.setFeedState(false, 'could not load');
      $('service-problem').hidden = false;
      $('service-problem').textContent = L.shown(failure.message);
    }
  }

  if (!service) {
    $('service-problem').hidden = false;
    $('service-problem').textContent = 'No service in the address (…/service.html?service=<name>).';
    return;
  }
  $('service-name').textContent = L.shown(service);
  document.title = 'Light DevOps MCP · ' + L.shown(service);
  refresh();
  setInterval(refresh, 60000);
}());
