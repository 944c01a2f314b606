// An account's movements newest first with the balance after each, and its statement as CSV: what the back office
// and the wallet both show of an account (on the route /account/<id> of each).
import { h } from './dom.js';
import { t, when } from './i18n.js';
import { api, download, seg } from './api.js';
import { form, text, FieldError } from './forms.js';
import { money } from './currencies.js';
import { table, link, failure, notice, save } from './ui.js';

const PAGE = 20;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function signed(item, a) {
  const out = item.debit_account === a.id;
  const units = item.posted_amount ?? item.amount;
  return (out ? '−' : '+') + money(units, a.currency);
}

/**
 * The account's movements, {@code PAGE} a page, newest first; {@code linkOthers}: the other accounts link to their
 * own page (the back office reads them; a member reads only its own).
 */
export async function historySection(a, context, { linkOthers = false } = {}) {
  const after = context.params.get('after');
  const section = h('section', { class: 'section' }, h('h2', {}, t('history.title')));
  const query = new URLSearchParams({ limit: String(PAGE) });
  if (after) query.set('after', after);
  try {
    const page = await api('GET', '/v1/accounts/' + seg(a.id) + '/transfers?' + query);
    section.append(page.items.length === 0 ? notice(t('history.none')) : table(t('history.caption'),
      [t('history.at'), t('history.other'), t('history.memo'), t('history.amount'), t('history.status'),
        t('history.balance_after')],
      page.items.map((i) => {
        const other = i.debit_account === a.id ? i.credit_account : i.debit_account;
        return [when(i.timestamp), linkOthers ? link('/account/' + encodeURIComponent(other), other) : other,
          i.memo || '', signed(i, a), t('tstatus.' + i.status), money(i.balance_after, a.currency)];
      }), [3, 5]));
    if (page.next) {
      section.append(h('p', {}, link('/account/' + encodeURIComponent(a.id) + '?after=' + page.next,
        t('history.older'))));
    }
    if (after) section.append(h('p', {}, link('/account/' + encodeURIComponent(a.id), t('history.newest'))));
  } catch (e) {
    section.append(failure(e));
  }
  return section;
}

/** The account's statement over the dates chosen, downloaded as CSV. */
export function statementForm(a) {
  const today = new Date().toISOString().slice(0, 10);
  const first = today.slice(0, 8) + '01';
  return h('section', { class: 'section' }, h('h2', {}, t('statement.title')), h('p', { class: 'hint' },
    t('statement.lead')), form(t('statement.button'), [
    text('from', t('statement.from'), { type: 'date', value: first, width: 'w10' }),
    text('to', t('statement.to'), { type: 'date', value: today, width: 'w10' }),
  ], async (v) => {
    if (!DATE.test(v.from)) throw new FieldError('from', 'invalid.date');
    if (!DATE.test(v.to)) throw new FieldError('to', 'invalid.date');
    if (v.to < v.from) throw new FieldError('to', 'statement.order');
    const query = new URLSearchParams({ from: v.from + 'T00:00:00Z', to: v.to + 'T23:59:59.999Z', format: 'csv' });
    save(await download('/v1/accounts/' + seg(a.id) + '/statement?' + query),
      `${a.id.replace(/:/g, '-')}_${v.from}_${v.to}.csv`);
  }, { secondary: true }));
}
