// Pending approvals on the dashboard: every operation of the tenant awaiting approval, with who asked for what,
// why and until when, and Approve / Reject buttons that call POST /api/v1/operations/{id}:approve|:reject (the same
// rules and audit as the approve_operation and reject_operation tools; the server decides, the page only asks).
// Cards are updated in place, so a reason being typed survives the live feed's updates. No build step.
(function () {
  'use strict';
  const cards = new Map();
  let helpers = null;
  let identity = null;

  function init(shared) {
    helpers = shared;
    loadIdentity();
  }

  async function loadIdentity() {
    try {
      const response = await fetch('/api/v1/whoami', { headers: helpers.headers('application/json') });
      if (response.ok) identity = await response.json();
    } catch (ignored) { /* the buttons still work; the server says who may approve */ }
  }

  function mayApprove(op) {
    if (!identity || !op.approval) return { allowed: true };
    if (identity.principal === op.requested_by) {
      return { allowed: false, why: 'you asked for it: another person must approve it' };
    }
    if (!(identity.permissions || []).includes(op.approval.permission)) {
      return { allowed: false, why: 'approving needs ' + op.approval.permission + ', which you do not hold' };
    }
    return { allowed: true };
  }

  function describe(op) {
    const request = op.request || {};
    const target = op.target || {};
    const version = op.type === 'rollback' ? (request.target_version ? ' to ' + request.target_version : ' to the previous version')
      : ' ' + (request.version || '');
    return op.type + ' ' + (target.service || '') + version + ' → ' + (target.environment || '');
  }

  function details(op) {
    const approval = op.approval || {};
    const expires = approval.expires_at ? new Date(approval.expires_at) : null;
    const minutes = expires ? Math.max(0, Math.round((expires - Date.now()) / 60000)) : null;
    return 'requested by ' + (op.requested_by || '?')
      + ((op.request || {}).reason ? ' · "' + op.request.reason + '"' : '')
      + ' · ' + (approval.approvals || []).length + ' of ' + (approval.required || 1) + ' approval(s)'
      + (approval.permission ? ' by holders of ' + approval.permission : '')
      + (expires ? ' · expires in ' + minutes + ' min (' + expires.toLocaleTimeString() + ')' : '');
  }

  async function decide(op, verb, card) {
    const reason = card.querySelector('input.reason').value.trim();
    const message = card.querySelector('.outcome');
    if (verb === 'reject' && !reason) {
      message.textContent = 'a rejection needs a reason';
      return;
    }
    card.querySelectorAll('button').forEach((button) => { button.disabled = true; });
    message.textContent = verb === 'approve' ? 'approving…' : 'rejecting…';
    try {
      const response = await fetch('/api/v1/operations/' + encodeURIComponent(op.id) + ':' + verb, {
        method: 'POST',
        headers: Object.assign(helpers.headers('application/json'), { 'Content-Type': 'application/json' }),
        body: JSON.stringify(reason ? { reason } : {}),
      });
      const body = await response.json().catch(() => ({}));
      message.textContent = helpers.shown(response.ok
        ? (verb === 'approve' ? 'approved: ' : 'rejected: ') + ((body.operation || {}).status || '')
        : (body.detail || response.status + ' ' + response.statusText));
    } catch (failure) {
      message.textContent = 'could not reach the server: ' + helpers.shown(failure.message);
    }
    card.querySelectorAll('button').forEach((button) => { button.disabled = false; });
  }

  function card(op) {
    const box = document.createElement('div');
    box.className = 'approval';
    box.dataset.operationId = op.id;
    const what = document.createElement('div');
    what.className = 'what';
    const who = document.createElement('div');
    who.className = 'who';
    const actions = document.createElement('div');
    actions.className = 'actions';
    const reason = document.createElement('input');
    reason.className = 'reason';
    reason.placeholder = 'reason (needed to reject)';
    reason.setAttribute('aria-label', 'reason');
    reason.maxLength = 500;
    const approve = document.createElement('button');
    approve.className = 'approve';
    approve.dataset.action = 'approve';
    approve.textContent = 'Approve';
    approve.addEventListener('click', () => decide(op, 'approve', box));
    const reject = document.createElement('button');
    reject.className = 'reject';
    reject.dataset.action = 'reject';
    reject.textContent = 'Reject';
    reject.addEventListener('click', () => decide(op, 'reject', box));
    const note = document.createElement('span');
    note.className = 'note';
    const outcome = document.createElement('span');
    outcome.className = 'outcome';
    actions.append(reason, approve, reject, note, outcome);
    box.append(what, who, actions);
    return box;
  }

  function update(box, op) {
    box.querySelector('.what').textContent = helpers.shown(describe(op));
    box.querySelector('.who').textContent = helpers.shown(details(op));
    const permitted = mayApprove(op);
    box.querySelectorAll('input.reason, button').forEach((element) => { element.hidden = !permitted.allowed; });
    box.querySelector('.note').textContent = permitted.allowed ? '' : helpers.shown(permitted.why);
  }

  function render(all) {
    const section = document.getElementById('approvals');
    const list = document.getElementById('approval-list');
    if (!section || !list || !helpers) return;
    const awaiting = all.filter((op) => op.status === 'awaiting_approval')
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    const wanted = new Set(awaiting.map((op) => op.id));
    for (const [id, box] of cards) {
      if (!wanted.has(id)) { box.remove(); cards.delete(id); }
    }
    for (const op of awaiting) {
      let box = cards.get(op.id);
      if (!box) {
        box = card(op);
        cards.set(op.id, box);
        list.appendChild(box);
      }
      update(box, op);
    }
    section.hidden = awaiting.length === 0;
    document.getElementById('count-awaiting').textContent = awaiting.length;
  }

  window.LightDevopsApprovals = { init, render };
}());
