// 補助金ナビ web chat: talks to POST /api/v1/web/chat with an anonymous id kept in
// the browser. No framework; the preview switch shows the same reply as the LINE
// and Slack renderers produce it.
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const log = $('log');
  const choicesEl = $('choices');
  const statusEl = $('status');
  const form = $('form');
  const input = $('text');
  const view = $('view');
  const previewEl = $('preview');
  const api = (document.currentScript && document.currentScript.dataset.api) || '/api/v1/web/chat';
  let lastPreview = null;
  let pending = null;

  const clientId = (() => {
    try {
      let id = localStorage.getItem('hojo-navi-client');
      if (!id) {
        id = `web-${crypto.randomUUID()}`;
        localStorage.setItem('hojo-navi-client', id);
      }
      return id;
    } catch {
      return `web-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
    }
  })();

  const el = (tag, attrs = {}, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c) e.append(c);
    return e;
  };

  function say(text, who) {
    log.append(el('div', { class: `msg ${who}`, text }));
  }

  function choiceButton(choice) {
    const b = el('button', { type: 'button', class: 'choice', text: choice.label });
    b.addEventListener('click', () => send({ choice: choice.value }, choice.label));
    return b;
  }

  function card(c, i) {
    const dl = el('dl');
    for (const f of c.fields) dl.append(el('dt', { text: f.label }), el('dd', { text: f.value }));
    const details = c.working.length
      ? el('details', {}, el('summary', { text: '計算の内訳' }), el('pre', { text: c.working.join('\n') }))
      : null;
    const actions = el('div', { class: 'actions' }, ...c.actions.map(choiceButton));
    return el(
      'article',
      { class: 'card', 'aria-label': `${i + 1}件目 ${c.title}` },
      el('div', { class: 'badges' }, el('span', { class: `badge v-${c.verdict}`, text: c.verdictLabel }), el('span', { class: `badge s-${c.statusCode}`, text: c.statusLabel })),
      el('h2', { text: `${i + 1}. ${c.title}` }),
      el('p', { class: 'sub', text: `${c.subtitle}／${c.issuer}` }),
      el('p', { class: 'headline', text: c.headline }),
      el('p', { class: 'reason', text: c.reason || '' }),
      dl,
      c.otherTracks ? el('p', { class: 'others', text: c.otherTracks }) : null,
      details,
      el('p', { class: 'source', text: c.source }),
      actions,
    );
  }

  function showReply(reply) {
    for (const t of reply.texts) say(t, 'bot');
    if (reply.cards.length) log.append(el('div', { class: 'cards' }, ...reply.cards.map(card)));
    // A message relayed to the advisor shows nothing new: the buttons stay.
    if (reply.choices.length || reply.kind !== 'relayed') choicesEl.replaceChildren(...reply.choices.map(choiceButton));
    if (reply.kind === 'deleted') {
      try {
        localStorage.removeItem('hojo-navi-client');
      } catch {}
    }
    window.scrollTo({ top: document.body.scrollHeight, behavior: 'smooth' });
  }

  // ---- preview of the same reply on LINE and Slack (from the real renderers) ----
  function flexTexts(node, out = []) {
    if (!node || typeof node !== 'object') return out;
    if (node.type === 'text' && node.text) out.push(node.text);
    if (node.type === 'button' && node.action) out.push(`［${node.action.label}］`);
    for (const v of Object.values(node)) if (v && typeof v === 'object') flexTexts(v, out);
    return out;
  }

  function linePreview(messages) {
    const box = el('div', { class: 'pv-line' });
    for (const m of messages) {
      if (m.type === 'text') box.append(el('div', { class: 't', text: m.text }));
      if (m.type === 'flex') box.append(el('div', { class: 'pv-carousel' }, ...m.contents.contents.map((b) => el('div', { class: 'pv-bubble', text: flexTexts(b).join('\n') }))));
      if (m.quickReply) box.append(el('div', { class: 'pv-qr' }, ...m.quickReply.items.map((q) => el('span', { text: q.action.label }))));
    }
    return box;
  }

  function slackPreview(msg) {
    const box = el('div', { class: 'pv-slack' });
    for (const b of msg.blocks) {
      if (b.type === 'section') box.append(el('div', { class: 'blk', text: [b.text && b.text.text, ...(b.fields || []).map((f) => f.text)].filter(Boolean).join('\n') }));
      if (b.type === 'context') box.append(el('div', { class: 'blk source', text: b.elements.map((e) => e.text).join(' ') }));
      if (b.type === 'actions') box.append(el('div', {}, ...b.elements.map((e) => el('span', { class: 'btn', text: e.text.text }))));
      if (b.type === 'divider') box.append(el('hr'));
    }
    return box;
  }

  function renderPreview() {
    const mode = view.value;
    previewEl.hidden = mode === 'web' || !lastPreview;
    if (previewEl.hidden) return;
    const title = mode === 'line' ? 'LINEでの表示（直前の返信）' : 'Slackでの表示（直前の返信）';
    previewEl.replaceChildren(el('h2', { text: title }), mode === 'line' ? linePreview(lastPreview.line) : slackPreview(lastPreview.slack));
  }
  view.addEventListener('change', renderPreview);

  // ---- sending, with a clear message and a retry when offline or on errors ----
  async function send(body, echo) {
    if (pending) return;
    if (echo) say(echo, 'user');
    pending = body;
    statusEl.textContent = '';
    form.querySelector('button').disabled = true;
    try {
      const res = await fetch(api, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: clientId, ...body }) });
      if (res.status === 429) throw new Error('混み合っています。1分ほど待ってから再送してください。');
      if (!res.ok) throw new Error(`サーバーでエラーが発生しました（${res.status}）。`);
      const data = await res.json();
      pending = null;
      if (body.text !== undefined) input.value = '';
      if (data.reply) {
        lastPreview = data.preview;
        showReply(data.reply);
        renderPreview();
      }
      watchInbox(Boolean(data.caseOpen));
    } catch (err) {
      const failed = pending;
      pending = null;
      const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
      statusEl.replaceChildren(
        document.createTextNode(offline ? 'オフラインのため送信できませんでした。' : (err && err.message) || '送信できませんでした。'),
        el('button', { type: 'button', class: 'choice', id: 'retry', text: '再送する' }),
      );
      $('retry').addEventListener('click', () => send(failed));
    } finally {
      form.querySelector('button').disabled = false;
    }
  }

  // ---- while a case is open with an advisor: their messages arrive in the inbox ----
  const inboxApi = api.replace(/\/chat$/, '/inbox');
  let inboxTimer = null;
  function watchInbox(open) {
    if (open && !inboxTimer) inboxTimer = setInterval(checkInbox, 5000);
    if (!open && inboxTimer) {
      clearInterval(inboxTimer);
      inboxTimer = null;
      // News that came just before the case ended is fetched once more.
      checkInbox();
    }
  }
  async function checkInbox() {
    try {
      const res = await fetch(inboxApi, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: clientId }) });
      if (!res.ok) return;
      const data = await res.json();
      for (const r of data.replies) {
        lastPreview = r.preview;
        showReply(r.reply);
      }
      if (data.replies.length) renderPreview();
      watchInbox(Boolean(data.caseOpen));
    } catch {
      // offline for a moment: the next check fetches what is waiting
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    send({ text }, text);
  });
  $('restart').addEventListener('click', () => send({ event: 'restart' }, '最初から'));
  // A case open with an advisor survives a reload: its news is fetched, and no fresh start is sent
  // (a greeting's questions would invite typing, which goes to the advisor).
  (async () => {
    try {
      const res = await fetch(inboxApi, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: clientId }) });
      const data = res.ok ? await res.json() : null;
      // News that came while the page was closed is shown, whether or not the case is still open.
      if (data && data.caseOpen) say('商工会の担当者と相談中です。担当者からのメッセージはここに表示されます。', 'bot');
      if (data) for (const r of data.replies) showReply(r.reply);
      if (data && data.caseOpen) {
        watchInbox(true);
        return;
      }
    } catch {
      // offline: start as usual
    }
    send({ event: 'start' });
  })();
})();
