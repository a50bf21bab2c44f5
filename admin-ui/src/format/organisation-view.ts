import { html } from 'lit';
import { knownOrganisationName } from '../app/organisation-names.ts';
import { t } from '../i18n/i18n.ts';

/**
 * An organisation where people read it (issue 14 §7): its name with the code beside it in small
 * mono text, or the code alone when the registry does not know it.
 */
export function organisationLabel(orgId: string, name: string | undefined) {
  return name
    ? html`<span data-testid="org-name">${name}</span> <span class="org-code mono small" data-testid="org-code">${orgId}</span>`
    : html`<span class="mono" data-testid="org-code">${orgId}</span>`;
}

/** The same inside a sentence: 名称（code）, or the code alone when no name was read. */
export function organisationText(orgId: string): string {
  const name = knownOrganisationName(orgId);
  return name ? t('organisation.withCode', { name, code: orgId }) : orgId;
}
