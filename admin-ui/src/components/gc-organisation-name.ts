import { Task } from '@lit/task';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { organisations } from '../api/organisations-api.ts';
import { knownOrganisationName, rememberOrganisationNames } from '../app/organisation-names.ts';
import { organisationLabel } from '../format/organisation-view.ts';
import { baseStyles } from '../styles/styles.ts';

/**
 * An organisation named where only its code is at hand (a measure's terminated institution):
 * the registry's name with the code beside it, read once a session per code; the code alone
 * while it is read, when the registry does not know it, or when the reader may not see it.
 *
 * @property orgId - the organisation's code
 */
export class GcOrganisationName extends LitElement {
  static override styles = [baseStyles];

  @property() orgId = '';
  private readonly name = new Task(this, {
    task: async ([orgId], { signal }) => {
      const known = knownOrganisationName(orgId);
      if (known !== undefined || orgId === '') return known;
      try {
        const { value } = await organisations.get(orgId, signal);
        rememberOrganisationNames([value]);
        return value.name;
      } catch {
        return undefined;
      }
    },
    args: () => [this.orgId] as const,
  });

  override render() {
    return organisationLabel(this.orgId, this.name.value ?? knownOrganisationName(this.orgId));
  }
}

customElements.define('gc-organisation-name', GcOrganisationName);

declare global {
  interface HTMLElementTagNameMap {
    'gc-organisation-name': GcOrganisationName;
  }
}
