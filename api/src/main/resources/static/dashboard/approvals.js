// Pending approvals at the top of the main page: every operation of the tenant awaiting approval, with what it is
// (a link to its page), who asked and why, approvals so far and needed, by whom and until when, and Approve / Reject
// buttons that call POST /api/v1/operations/{id}:approve|:reject (the same rules and audit as the approve_operation
// and reject_operation tools: the server decides, the page only asks). The buttons are shown only to a caller who
// holds the operation's approve permission and did not ask for it (/api/v1/whoami). Cards are updated in place, so a
// reason being typed survives the live feed's updates. Server text goes through LightDevOps.shown only.
window.LightDevOpsApprovals = (function () {
  'use strict';
  const L = window.LightDevOps;
  const cards = new Map();
  let identity = null;

  async function loadIdentity() {
    try {
      identity = await L.getJson('/api/v1/whoami');
    } catch (ignored) { /* the buttons still show; the server says who may approve */ }
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

  function details(op) {
    const approval = op.approval || {};
    const expires = approval.expires_at ? new Date(approval.expires_at) : null;
    const minutes = expires ? Math.max(0, Math.round((expires - Date.now()) / 60000)) : null;
    return 'asked by ' + (op.requested_by || '?')
      + ((op.request || {}).reason ? ' · "' + op.request.reason + '"' : '')
      + ' · ' + (approval.approvals || []).length + ' of ' + (approval.required || 1) + ' approval(s)'
      + (approval.permission ? ' by holders of ' + approval.permission : '')
      + (expires ? ' · expires in ' + minutes + ' min (' + expires.toLocaleTimeString() + ')' : '');
  }

  async function decide(op, verb, card) {
    const reason = card.querySelector('input.reason').value.trim();
    const outcome = card.querySelector('.outcome');
    if (verb === 'reject' && !reason) {
      outcome.textContent = 'a rejection needs a reason';
      return;
    }
    card.querySelectorAll('button').forEach((button) => { button.disabled = true; });
    outcome.textContent = verb === 'approve' ? 'approving…' : 'rejecting…';
    try {
      const body = await L.postJson('/api/v1/operations/' + encodeURIComponent(op.id) + ':' + verb,
        reason ? { reason } : {});
      outcome.textContent = L.shown((verb === 'approve' ? 'approved: ' : 'rejected: ')
        + ((body.operation || {}).status || ''));
    } catch (refused) {
      outcome.textContent = L.shown(refused.message);
    }
    card.querySelectorAll('button').forEach((button) => { button.disabled = false; });
  }

  function button(className, label, onClick) {
    const node = L.el('button', className, label);
    node.dataset.action = className;
    node.addEventListener('click', onClick);
    return node;
  }

  function card(op) {
    const box = L.el('div', 'approval');
    box.dataset.operationId = op.id;
    const what = L.el('a', 'what');
    what.href = L.operationLink(op.id);
    const reason = L.el('input', 'reason');
    reason.placeholder = 'reason (needed to reject)';
    reason.setAttribute('aria-label', 'reason');
    reason.maxLength = 500;
    const actions = L.el('div', 'actions');
    actions.append(reason, button('approve', 'Approve', () => decide(op, 'approve', box)),
      button('reject', 'Reject', () => decide(op, 'reject', box)), L.el('span', 'note'), L.el('span', 'outcome'));
    box.append(what, L.el('div', 'who muted'), actions);
    return box;
  }

  function update(box, op) {
    box.querySelector('.what').textContent = L.shown(L.describe(op));
    box.querySelector('.who').textContent = L.shown(details(op));
    const permitted = mayApprove(op);
    box.querySelectorAll('input.reason, button').forEach((element) => { element.hidden = !permitted.allowed; });
    box.querySelector('.note').textContent = permitted.allowed ? '' : L.shown(permitted.why);
  }

  function render(all) {
    const pending = all.filter((op) => op.status === 'awaiting_approval').sort((a, b) => (a.id < b.id ? -1 : 1));
    const wanted = new Set(pending.map((op) => op.id));
    for (const [id, box] of cards) {
      if (!wanted.has(id)) { box.remove(); cards.delete(id); }
    }
    const list = document.getElementById('approval-list');
    for (const op of pending) {
      let box = cards.get(op.id);
      if (!box) {
        box = card(op);
        cards.set(op.id, box);
        list.appendChild(box);
      }
      update(box, op);
    }
    document.getElementById('approvals').hidden = pending.length === 0;
    document.getElementById('count-awaiting').textContent = pending.length;
  }

  loadIdentity();
  return { render };
}());
