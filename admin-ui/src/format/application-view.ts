import { html } from 'lit';
import { materialSpec } from '../../../policy-catalog/applications/materials.ts';
import type { ApplicationState, ApplicationStatus, ApplicationType, MaterialDeclaration } from '../api/api.ts';
import { formatChinaEnd } from './format.ts';
import { isMessageKey, t } from '../i18n/i18n.ts';

/**
 * Small pieces shown wherever an application is (the inbox, the applicant's list, the page):
 * its badges, its due date the notices' way, and its materials by name.
 */

/** A material's name in the console's language; the checklist's own name for a key the console does not know. */
export function materialName(type: ApplicationType, key: string): string {
  const messageKey = `material.${key}`;
  return isMessageKey(messageKey) ? t(messageKey) : (materialSpec(type, key)?.name ?? key);
}

/** 绿色通道, green; nothing for a normal application. */
export function greenChannelTag(status: ApplicationStatus) {
  return status.application.payload.greenChannel ? html`<span class="tag ok" data-testid="green-channel-badge">${t('application.greenChannel')}</span>` : null;
}

/** 逾期, red, when the bureau is late. */
export function overdueTag(status: ApplicationStatus) {
  return status.overdue ? html`<span class="tag danger" data-testid="overdue-badge">${t('application.overdue')}</span>` : null;
}

/** The bureau's deadline, an exclusive end written as "2022-02-09 24:00"; a dash before submission; muted once decided. */
export function dueText(status: ApplicationStatus) {
  const { dueAt, state } = status.application;
  if (!dueAt) return '—';
  if (decided.has(state)) return html`<span class="muted">${formatChinaEnd(dueAt)}</span>`;
  const left = status.workingDaysLeft;
  return html`${formatChinaEnd(dueAt)}${
    left === undefined || status.overdue
      ? null
      : html` <span class=${left <= 2 ? 'tag warn' : 'muted small'} data-testid="working-days-left">${t('application.workingDaysLeft', { days: left })}</span>`
  }`;
}

const decided: ReadonlySet<ApplicationState> = new Set(['approved', 'rejected', 'withdrawn']);

/** A deferred material's promised day: supplied by the end of that China date. */
export function deferredDueText(material: Extract<MaterialDeclaration, { status: 'deferred' }>): string {
  return t('material.dueBy', { date: material.dueDate });
}

/** The materials not (yet) provided, each with its promised day; red where it has passed. */
export function outstandingMaterials(status: ApplicationStatus) {
  const { application, materialsPastDue } = status;
  const outstanding = application.materials.filter((material) => material.status !== 'provided');
  if (outstanding.length === 0) return html`<span class="muted">—</span>`;
  return html`<ul class="plain">
    ${outstanding.map((material) => {
      const pastDue = materialsPastDue.includes(material.key);
      return html`<li data-testid="outstanding-material" data-key=${material.key} data-status=${material.status} class=${pastDue ? 'past-due' : ''}>
        ${materialName(application.type, material.key)}${t('common.colon')}
        ${
          material.status === 'deferred'
            ? html`<span class="nowrap">${deferredDueText(material)}</span>${pastDue ? html` <span class="tag danger">${t('material.pastDue')}</span>` : null}`
            : html`<span class="nowrap">${t('materialStatus.unavailable')}</span>`
        }
      </li>`;
    })}
  </ul>`;
}
