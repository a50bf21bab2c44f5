import type { Reason } from '../../../policy-catalog/rules/decision.ts';
import { formatChinaEnd, formatChinaTime } from '../format/format.ts';
import { isMessageKey, type MessageKey, t } from './i18n.ts';

/** Parameters that end something: shown the way the notices write ends ("2022-12-31 24:00"). */
const endParams = new Set(['endedAt', 'deadline', 'dueAt', 'extendedTo', 'makeUpBy', 'periodEnds']);
/** Parameters that are a moment: when a cost arose or a prepayment is made. */
const pointParams = new Set(['at']);
/** Parameters that are a day: the notice's date. */
const dayParams = new Set(['noticeDate']);

/**
 * A rule's reason in the console's language, said from its stable code and parameters:
 * instants in China time ("24:00" for ends), choices by their names, money already in yuan.
 * A code this console does not know yet (a newer server) falls back to the Chinese `text`.
 */
export function reasonText({ code, params = {}, text }: Reason): string {
  const key = `reason.${code}`;
  if (!isMessageKey(key)) return text;
  const filled: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) filled[name] = paramText(name, value);
  if (typeof params.months === 'string') filled.months = params.months.split(',').join(t('reason.list.separator'));
  if (code.startsWith('grace_')) {
    if (params.batch === undefined) filled.batch = t('reason.grace.provincialDrugs');
    filled.left = said('reason.grace.left', filled);
  }
  const ends = `${key}.ends`;
  if (isMessageKey(ends)) filled.period = params.periodEnds === undefined ? t(`${key}.open` as MessageKey) : t(ends, filled);
  if (code === 'deferral_allowed') {
    filled.makeUp = params.makeUpBy === undefined ? '' : said('reason.deferral_allowed.makeUp', filled);
    filled.alsoHalved = params.alsoHalved === 1 ? t('reason.deferral_allowed.alsoHalved') : '';
  }
  return t(key, filled);
}

function paramText(name: string, value: string | number): string | number {
  if (typeof value !== 'string') return value;
  if (endParams.has(name)) return formatChinaEnd(value);
  if (pointParams.has(name)) return formatChinaTime(value);
  if (dayParams.has(name)) return formatChinaTime(value).slice(0, 10);
  const choice = `reason.param.${name}.${value}`;
  return isMessageKey(choice) ? t(choice) : value;
}

/** A reason's text from all its parameters: the Chinese names things, the English gives their codes. */
function said(key: MessageKey, params: Record<string, string | number>): string {
  return t(key, params);
}
