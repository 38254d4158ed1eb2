// One operation's page (/dashboard/operation.html?id=…, a URL to share): what was asked and by whom, its approval,
// its timeline (every status, attempt and stage with when it began and how long it took) and its result or error,
// updated live from the operation's event stream while it runs.
(function () {
  'use strict';
  const L = window.LightDevOps;
  const $ = (id) => document.getElementById(id);
  const id = new URLSearchParams(location.search).get('id') || '';
  let current = null;
  let timeline = null;

  function time(value) { return value ? new Date(value).toLocaleString() : '—'; }

  function fact(label, value, className) {
    const item = L.el('div', 'fact');
    item.append(L.el('span', 'label', label), L.el('span', 'value' + (className ? ' ' + className : ''), value));
    return item;
  }

  function renderOperation(op) {
    document.title = 'Light DevOps MCP · ' + L.shown(L.describe(op));
    $('op-what').textContent = L.shown(L.describe(op));
    $('op-status').className = 'badge ' + op.status;
    $('op-status').textContent = L.shown(op.status);
    document.body.dataset.status = op.status;
    const took = op.finished_at ? Date.parse(op.finished_at) - Date.parse(op.created_at) : Date.now() - Date.parse(op.created_at);
    $('facts').replaceChildren(
      fact('id', op.id, 'mono'), fact('type', op.type), fact('target', op.target && op.target.service
        ? op.target.service + '@' + op.target.environment : '—'),
      fact('requested by', op.requested_by || '—'), fact('tenant', op.tenant || '—'),
      fact('attempt', String(op.attempt || 0)), fact('created', time(op.created_at)),
      fact('started', time(op.started_at)), fact('finished', time(op.finished_at)),
      fact(op.finished_at ? 'took' : 'for', L.seconds(took)), fact('deadline', time(op.deadline)),
      fact('trace', op.trace_id || '—', 'mono'));
    renderApproval(op.approval);
    $('request').textContent = L.shown(JSON.stringify(op.request || {}, null, 2));
    if (op.error) {
      $('outcome-title').textContent = 'Error';
      $('outcome').className = 'error';
      $('outcome').textContent = L.shown(JSON.stringify(op.error, null, 2));
    } else if (op.result) {
      $('outcome-title').textContent = 'Result';
      $('outcome').className = '';
      $('outcome').textContent = L.shown(JSON.stringify(op.result, null, 2));
    } else {
      $('outcome-title').textContent = 'Result';
      $('outcome').textContent = 'not yet: ' + L.shown(op.status);
    }
  }

  function renderApproval(approval) {
    $('approval-box').hidden = !approval;
    if (!approval) return;
    const rows = [fact('needs', (approval.required || 1) + ' approval(s) with ' + approval.permission),
      fact('decision', approval.decision || 'pending'), fact('expires', time(approval.expires_at))];
    for (const decision of approval.approvals || []) {
      rows.push(fact('approved by', (decision.name || decision.principal) + ' at ' + time(decision.at)
        + (decision.reason ? ': "' + decision.reason + '"' : '')));
    }
    if (approval.rejection) {
      rows.push(fact('rejected by', (approval.rejection.name || approval.rejection.principal) + ' at '
        + time(approval.rejection.at) + (approval.rejection.reason ? ': "' + approval.rejection.reason + '"' : ''), 'error'));
    }
    $('approval').replaceChildren(...rows);
  }

  function renderTimeline(answer) {
    const steps = answer.steps || [];
    const longest = Math.max(1, ...steps.map((step, index) => (index === steps.length - 1
      && !L.TERMINAL.has(step.status) ? Date.now() - Date.parse(step.at) : step.duration_ms || 0)));
    $('timeline-note').textContent = answer.complete ? '' : '(only what this server still knows)';
    document.querySelector('#timeline tbody').replaceChildren(...steps.map((step, index) => {
      const tr = document.createElement('tr');
      tr.dataset.status = step.status;
      tr.dataset.stage = step.stage || '';
      const name = L.el('td');
      name.appendChild(L.el('span', 'badge ' + step.status, step.status));
      if (step.stage) name.appendChild(L.el('span', 'stage', step.stage));
      const live = index === steps.length - 1 && !L.TERMINAL.has(step.status);
      const ms = live ? Math.max(0, Date.now() - Date.parse(step.at)) : step.duration_ms;
      const bar = L.el('span', 'bar ' + step.status);
      bar.style.width = Math.max(2, Math.round(100 * (ms || 0) / longest)) + '%';
      const barCell = L.el('td', 'bar-cell');
      barCell.appendChild(bar);
      tr.append(name, L.el('td', null, step.attempt ? String(step.attempt) : '—'),
        L.el('td', null, new Date(step.at).toLocaleTimeString()),
        L.el('td', 'duration', L.TERMINAL.has(step.status) ? '—' : L.seconds(ms) + (live ? ' so far' : '')),
        barCell, L.el('td', 'message', step.message || ''));
      return tr;
    }));
  }

  async function refreshTimeline() {
    try {
      timeline = await L.getJson('/api/v1/operations/' + encodeURIComponent(id) + '/timeline');
      renderTimeline(timeline);
    } catch (failure) {
      $('timeline-note').textContent = L.shown(failure.message);
    }
  }

  function apply(snapshot) {
    if (snapshot.id !== id || !L.supersedes(snapshot, current)) return;
    current = snapshot;
    renderOperation(snapshot);
    refreshTimeline();
  }

  function finished() {
    L.setFeedState(false, 'finished');
    document.getElementById('feed-state').className = 'dot done';
  }

  async function start() {
    if (!id) {
      $('op-problem').hidden = false;
      $('op-problem').textContent = 'No operation id in the address (…/operation.html?id=<operation id>).';
      return;
    }
    try {
      apply(await L.getJson('/api/v1/operations/' + encodeURIComponent(id)));
    } catch (failure) {
      $('op-problem').hidden = false;
      $('op-problem').textContent = L.shown(failure.message);
      return;
    }
    if (!L.TERMINAL.has(current.status)) {
      const stream = L.readEvents('/api/v1/operations/' + encodeURIComponent(id) + '/events', (event, data) => {
        if (event === 'operation') apply(data);
        if (L.TERMINAL.has(data.status)) stream.stop();
      }, (online, label) => (current && L.TERMINAL.has(current.status) ? finished() : L.setFeedState(online, label)));
    } else {
      finished();
    }
    setInterval(() => {
      if (current && !L.TERMINAL.has(current.status)) { renderOperation(current); if (timeline) renderTimeline(timeline); }
    }, 1000);
  }

  start();
}());
