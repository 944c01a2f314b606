// Opens a member and its accounts in one step: POST /v1/members, then POST /v1/accounts for each currency
// ticked, with the ids the association uses (mlc:<member>, mie:<member>).
import { h } from '/common/js/dom.js';
import { t } from '/common/js/i18n.js';
import { api } from '/common/js/api.js';
import { session } from '../session.js';
import { form, text, radios, checkbox, FieldError, problemMessage } from '/common/js/forms.js';
import { currencies } from '/common/js/currencies.js';
import { back, notice, flash } from '/common/js/ui.js';
import { go } from '../app.js';

const ID = /^[a-z0-9][a-z0-9:._-]{0,59}$/;
const KINDS = ['business', 'citizen', 'association', 'public_body'];

/** "Boulangerie Dupont" → "boulangerie-dupont". */
function slug(name) {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '').slice(0, 60);
}

export default function newMember(view) {
  view.append(back('/members', t('members.back')), h('h1', {}, t('new.title')));
  if (!session.isAdmin()) {
    view.append(notice(t('readonly')));
    return;
  }
  const held = Object.entries(currencies()).filter(([, c]) => c.kind !== 'reference').map(([code]) => code);
  // Ticked for a business, the kind first chosen: both currencies; choosing another kind unticks MIE.
  const boxes = held.map((code) => checkbox('account_' + code, t('new.account', { currency: code,
    name: t('currency.' + code) }), true, t('new.account_hint', { id: code.toLowerCase() + ':…' })));
  const showAccountIds = () => boxes.forEach((box, i) => {
    box.querySelector('.hint').textContent = t('new.account_hint', { id: held[i].toLowerCase() + ':'
      + (idInput.value || '…') });
  });
  const kind = radios('kind', t('new.kind'), KINDS.map((k) => [k, t('kind.' + k), t('kind_hint.' + k)]), {
    value: 'business',
    onchange: (e) => {
      const mie = f.querySelector('[name="account_MIE"]');
      if (mie) mie.checked = e.target.value === 'business';
    },
  });
  const name = text('name', t('new.name'), { hint: t('new.name_hint'), width: 'w30', autocomplete: 'organization' });
  const id = text('id', t('new.id'), { hint: t('new.id_hint'), width: 'w20' });
  const nameInput = name.querySelector('input');
  const idInput = id.querySelector('input');
  let idTouched = false;
  idInput.addEventListener('input', () => {
    idTouched = true;
    showAccountIds();
  });
  nameInput.addEventListener('input', () => {
    if (!idTouched) idInput.value = slug(nameInput.value);
    showAccountIds();
  });
  const f = form(t('new.button'), [kind, name, id,
    h('fieldset', { class: 'field' }, h('legend', {}, t('new.accounts')), h('div', { class: 'choices' }, boxes))],
  async (v) => {
    if (!v.kind) throw new FieldError('kind', 'new.kind_missing');
    if (!v.name.trim()) throw new FieldError('name', 'new.name_missing');
    if (!ID.test(v.id)) throw new FieldError('id', 'invalid.id');
    await api('POST', '/v1/members', { id: v.id, name: v.name.trim(), kind: v.kind });
    const opened = [];
    for (const code of held.filter((c) => v['account_' + c])) {
      const accountId = code.toLowerCase() + ':' + v.id;
      try {
        await api('POST', '/v1/accounts', { id: accountId, member_id: v.id, currency: code });
      } catch (e) {
        flash(t('new.partly', { id: v.id, opened: opened.join(', ') || '—', account: accountId,
          reason: problemMessage(e) }));
        go('/member/' + encodeURIComponent(v.id));
        return;
      }
      opened.push(accountId);
    }
    flash(t('new.done', { name: v.name.trim(), accounts: opened.join(', ') || '—' }));
    go('/member/' + encodeURIComponent(v.id));
  }, { codeFields: { exists: 'id', exists_with_different_fields: 'id', invalid_id: 'id' } });
  view.append(f);
}
