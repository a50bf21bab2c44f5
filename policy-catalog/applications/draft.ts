import { type Identity, personOf } from '../identity.ts';
import { normalizeInstant } from '../time.ts';
import { applicantRole } from './access.ts';
import { Application } from './application.ts';
import type { ApplicationType } from './materials.ts';
import { invalidInput, type Refusal } from './refusal.ts';

export interface DraftRequest {
  /** Chosen by the store (e.g. a ULID); at most 37 characters. */
  id: string;
  type: ApplicationType;
  payload: unknown;
  materials?: unknown;
  actor: Identity;
  now: string;
}

export type DraftResult = { ok: true; application: Application } | { ok: false; refusal: Refusal };

/**
 * Start an application as a draft of the actor's own organisation: hospitals draft service
 * applications, firms listing applications. Materials are checked in full on submission.
 */
export function draftApplication({ id, type, payload, materials, actor, now }: DraftRequest): DraftResult {
  const role = applicantRole(type);
  if (actor.role !== role || actor.orgId === undefined) {
    return { ok: false, refusal: { code: 'forbidden', message: `only a ${role} with an organisation may apply for a ${type} application` } };
  }
  const at = normalizeInstant(now);
  const parsed = Application.safeParse({
    id,
    type,
    orgId: actor.orgId,
    state: 'draft',
    createdBy: personOf(actor),
    createdAt: at,
    updatedAt: at,
    payload,
    materials: materials ?? [],
    history: [],
    version: 1,
  });
  return parsed.success ? { ok: true, application: parsed.data } : { ok: false, refusal: invalidInput(parsed.error) };
}
