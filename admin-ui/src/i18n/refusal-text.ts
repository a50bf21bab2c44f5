import type { RefusalDetails } from '../api/api.ts';
import { formatChinaEnd, formatChinaTime } from '../format/format.ts';
import { organisationText } from '../format/organisation-view.ts';
import { isMessageKey, t } from './i18n.ts';

/**
 * A refused application step in the console's language, naming what refused it: the material
 * (by its name), the termination (who, by the organisation's name when the console has read it,
 * since when, why), the state, the notice window. Undefined
 * for refusals the problem already says well enough (bad fields, no access).
 */
export function refusalText(refusal: RefusalDetails): string | undefined {
  switch (refusal.code) {
    case 'invalid-state':
      return t('refusal.invalid-state', { state: t(`applicationState.${refusal.state}`), action: t(`applicationAction.${refusal.action}`) });
    case 'agreement-terminated':
      return t('refusal.agreement-terminated', {
        org: organisationText(refusal.termination.orgId),
        at: formatChinaTime(refusal.termination.terminatedAt),
        reason: refusal.termination.reason,
      });
    case 'deferred-material-outstanding':
      return t('refusal.deferred-material-outstanding', { name: nameOf(refusal.material, refusal.name), date: refusal.dueDate });
    case 'critical-material-deferred':
      return t('refusal.critical-material-deferred', { name: nameOf(refusal.material, refusal.name), declared: t(`materialStatus.${refusal.declared}`) });
    case 'missing-material':
      return t('refusal.missing-material', { name: nameOf(refusal.material, refusal.name) });
    case 'supplement-not-answered':
      return refusal.material === undefined
        ? t('refusal.supplement-not-answered.any')
        : t('refusal.supplement-not-answered', { name: nameOf(refusal.material, refusal.name) });
    case 'unknown-document':
      return t('refusal.unknown-document', { name: nameOf(refusal.material) });
    case 'material-not-deferred':
    case 'unknown-material':
    case 'duplicate-material':
      return t(`refusal.${refusal.code}`, { name: nameOf(refusal.material) });
    case 'deferral-due-in-past':
      return t('refusal.deferral-due-in-past', { name: nameOf(refusal.material), date: refusal.dueDate });
    case 'notice-window-open':
      return t('refusal.notice-window-open', { end: formatChinaEnd(refusal.noticeEndsAt) });
    case 'reconsideration-used':
      return t('refusal.reconsideration-used');
    case 'reconsideration-window-closed':
      return t('refusal.reconsideration-window-closed', { end: formatChinaEnd(refusal.reconsiderationDueAt) });
    default:
      return undefined;
  }
}

/** Material keys are unique across both checklists, so the key alone finds the name. */
function nameOf(key: string, fallback?: string): string {
  const messageKey = `material.${key}`;
  return isMessageKey(messageKey) ? t(messageKey) : (fallback ?? key);
}
