// A member's devices: an enrollment code for a new phone, till or server (shown as a QR code of its link), the
// tokens it holds (never their secret) and its signing keys, each revocable.
import { h } from '/common/js/dom.js';
import { t, when } from '/common/js/i18n.js';
import { api, seg } from '/common/js/api.js';
import { session } from '../session.js';
import { qrSvg } from '../qr.js';
import { form, radios, text, amount, FieldError, problemMessage } from '/common/js/forms.js';
import { parse } from '/common/js/currencies.js';
import { table, back, failure, notice, flash, svgImage } from '/common/js/ui.js';
import { go, announce } from '../app.js';

const ID = /^[a-z0-9][a-z0-9:._-]{0,63}$/;

function enrollmentSection(memberId, currency) {
  const result = h('div', { id: 'enrollment', 'aria-live': 'polite' });
  const terminalOnly = [];
  const role = radios('role', t('enroll.role'), [['member', t('enroll.role_member'), t('enroll.role_member_hint')],
    ['terminal', t('enroll.role_terminal'), t('enroll.role_terminal_hint')]], {
    value: 'terminal',
    onchange: (e) => terminalOnly.forEach((el) => { el.hidden = e.target.value !== 'terminal'; }),
  });
  const terminal = text('terminal_id', t('enroll.terminal_id'), { hint: t('enroll.terminal_id_hint'), width: 'w20' });
  const refund = amount('refund_limit', t('enroll.refund_limit'), currency, { hint: t('enroll.refund_limit_hint') });
  const perDay = amount('refund_limit_per_day', t('enroll.refund_limit_per_day'), currency,
    { hint: t('enroll.refund_limit_per_day_hint') });
  terminalOnly.push(terminal, refund, perDay);
  const hours = text('expires_in_h', t('enroll.hours'), { value: '24', inputmode: 'numeric', width: 'w5',
    hint: t('enroll.hours_hint') });
  const f = form(t('enroll.button'), [role, terminal, refund, perDay, hours], async (v) => {
    const body = { role: v.role };
    if (v.role === 'terminal') {
      if (!ID.test(v.terminal_id)) throw new FieldError('terminal_id', 'invalid.terminal_id');
      body.terminal_id = v.terminal_id;
      for (const name of ['refund_limit', 'refund_limit_per_day']) {
        if (!v[name].trim()) continue;
        const units = parse(v[name], currency);
        if (units === null || units < 0) throw new FieldError(name, 'invalid.amount');
        body[name] = units;
      }
    }
    if (!/^\d{1,3}$/.test(v.expires_in_h) || Number(v.expires_in_h) < 1 || Number(v.expires_in_h) > 168) {
      throw new FieldError('expires_in_h', 'enroll.hours_range');
    }
    body.expires_in_s = Number(v.expires_in_h) * 3600;
    const answer = await api('POST', '/v1/members/' + seg(memberId) + '/enrollments', body);
    result.replaceChildren(h('div', { class: 'panel success' },
      h('h3', {}, t('enroll.done')),
      h('p', {}, t('enroll.scan')),
      svgImage(await qrSvg(answer.enroll_url), t('enroll.qr_label')),
      h('p', {}, t('enroll.or_code')), h('p', {}, h('code', { class: 'secret', id: 'enroll-code' }, answer.code)),
      h('p', { class: 'hint' }, t('enroll.expires', { at: when(answer.expires_at) }))));
    announce(t('enroll.done'));
    result.querySelector('h3').setAttribute('tabindex', '-1');
    result.querySelector('h3').focus();
  }, { codeFields: { exists: 'terminal_id' } });
  return h('section', { class: 'section' }, h('h2', {}, t('enroll.title')), h('p', { class: 'hint' },
    t('enroll.lead')), f, result);
}

function confirmButton(label, question, action) {
  const yes = h('button', { type: 'button', class: 'button warning small' }, t('revoke.yes'));
  const no = h('button', { type: 'button', class: 'link' }, t('revoke.no'));
  const ask = h('span', { class: 'confirm', hidden: true }, question, ' ', yes, ' ', no);
  const start = h('button', { type: 'button', class: 'button secondary small' }, label);
  start.addEventListener('click', () => { start.hidden = true; ask.hidden = false; yes.focus(); });
  no.addEventListener('click', () => { start.hidden = false; ask.hidden = true; start.focus(); });
  yes.addEventListener('click', async () => {
    yes.disabled = true;
    try {
      await action();
    } catch (e) {
      yes.disabled = false;
      ask.append(h('span', { class: 'error-message', role: 'alert' }, ' ', problemMessage(e)));
    }
  });
  return h('span', {}, start, ask);
}

/** A section listing what {@code path} answers, one row an item; the last column revokes, for an admin. */
async function listSection(title, path, none, headings, cells, revoke) {
  const section = h('section', { class: 'section' }, h('h2', {}, title));
  try {
    const { items } = await api('GET', path);
    const admin = session.isAdmin();
    section.append(items.length === 0 ? notice(none) : table(title, admin ? headings.concat(['']) : headings,
      items.map((item) => (admin ? cells(item).concat([item.status === 'active' ? revoke(item) : '']) : cells(item)))));
  } catch (e) {
    section.append(failure(e));
  }
  return section;
}

function tokensSection(memberId, reload) {
  return listSection(t('tokens.title'), '/v1/members/' + seg(memberId) + '/tokens', t('tokens.none'),
    [t('tokens.id'), t('tokens.role'), t('tokens.terminal'), t('tokens.device'), t('tokens.created'),
      t('tokens.last_used'), t('tokens.expires'), t('tokens.status')],
    (k) => [h('code', {}, k.id), t('role.' + k.role), k.terminal_id || '—', k.device_name || '—',
      when(k.created_at), k.last_used_at ? when(k.last_used_at) : t('tokens.never'),
      k.expires_at ? when(k.expires_at) : t('tokens.no_expiry'), t('cstatus.' + k.status)],
    (k) => confirmButton(t('tokens.revoke'), t('tokens.revoke_question', { what: k.terminal_id
      || k.device_name || t('role.' + k.role) }), async () => {
      await api('DELETE', '/v1/tokens/' + seg(k.id));
      flash(t('tokens.revoked', { id: k.id }));
      reload();
    }));
}

function keysSection(memberId, reload) {
  return listSection(t('keys.title'), '/v1/members/' + seg(memberId) + '/signing-keys', t('keys.none'),
    [t('keys.id'), t('tokens.terminal'), t('keys.registered'), t('tokens.status')],
    (k) => [h('code', {}, k.key_id), k.terminal_id || '—', when(k.registered_at), t('cstatus.' + k.status)],
    (k) => confirmButton(t('keys.revoke'), t('keys.revoke_question', { what: k.key_id }), async () => {
      await api('DELETE', '/v1/members/' + seg(memberId) + '/signing-keys/' + seg(k.key_id));
      flash(t('keys.revoked', { id: k.key_id }));
      reload();
    }));
}

export default async function devicesScreen(view, context, memberId) {
  view.append(back('/member/' + encodeURIComponent(memberId), t('devices.back')),
    h('h1', {}, t('devices.title', { member: memberId })));
  let member;
  try {
    member = await api('GET', '/v1/members/' + seg(memberId));
  } catch (e) {
    view.append(failure(e));
    return;
  }
  const reload = () => go('/member/' + encodeURIComponent(memberId) + '/devices');
  const currency = member.accounts.find((a) => a.currency === 'MLC')?.currency || member.accounts[0]?.currency
    || 'MLC';
  if (session.isAdmin()) view.append(enrollmentSection(memberId, currency));
  view.append(await tokensSection(memberId, reload), await keysSection(memberId, reload));
}
