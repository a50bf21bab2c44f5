import { toEpochMs } from '../time.ts';
import type { Application } from './application.ts';
import type { DocumentFact } from './documents.ts';
import { applicationLimits } from './limits.ts';
import { type MaterialDeclaration, type MaterialRefusal, materialSpec } from './materials.ts';

/**
 * How declarations and stored files meet in the workflow: a provided material names files of its
 * own application and material; a supplement request is answered with files uploaded since it
 * was made, or in writing (容缺, 2020 No.2 §2(7)); a deferred material supplied later takes the
 * files uploaded for it.
 */

/** The first provided declaration naming a file that is not a stored file of this material of this application. */
export function unknownDocument(declarations: readonly MaterialDeclaration[], documents: readonly DocumentFact[]): MaterialRefusal | undefined {
  for (const declaration of declarations) {
    if (declaration.status !== 'provided') continue;
    for (const id of declaration.documents ?? []) {
      if (!documents.some((document) => document.id === id && document.materialKey === declaration.key)) {
        return {
          code: 'unknown-document',
          material: declaration.key,
          document: id,
          message: `${id} is not a stored file of material ${declaration.key} of this application`,
        };
      }
    }
  }
  return undefined;
}

/**
 * A supplement request is answered only by something new on record (issue 14 §2): for each
 * material asked for (or, when the request named none, for at least one material), either a
 * provided declaration naming a file stored since the request, or a written 容缺 declaration —
 * deferred on a commitment (容缺后补; never for a critical material, which checkMaterials refuses)
 * or unavailable with an explanation and consent to a review on the materials at hand (容缺受理、
 * 认同审核). Saying "supplied" without a file answers nothing.
 */
export function unansweredSupplement(
  application: Application,
  updates: readonly MaterialDeclaration[],
  documents: readonly DocumentFact[],
): MaterialRefusal | undefined {
  const request = application.supplementRequest;
  const since = request === undefined ? Number.NEGATIVE_INFINITY : toEpochMs(request.requestedAt);
  const answered = (update: MaterialDeclaration | undefined) =>
    update !== undefined &&
    (update.status !== 'provided' ||
      (update.documents ?? []).some((id) => documents.some((document) => document.id === id && toEpochMs(document.storedAt) >= since)));
  const asked = request?.materials ?? [];
  if (asked.length === 0) {
    if (updates.some(answered)) return undefined;
    return {
      code: 'supplement-not-answered',
      message: 'answer the supplement request with a file uploaded since it was made, or with a written 容缺 declaration for a material',
    };
  }
  for (const key of asked) {
    if (answered(updates.find((update) => update.key === key))) continue;
    const name = materialSpec(application.type, key)?.name ?? key;
    return {
      code: 'supplement-not-answered',
      material: key,
      name,
      message: `${name} (${key}) was asked for: upload a file for it, or declare it deferred or unavailable in writing`,
    };
  }
  return undefined;
}

/** A deferred or unavailable material supplied later is provided by the files stored for it. */
export function suppliedWithFiles(key: string, now: string, documents: readonly DocumentFact[]): MaterialDeclaration {
  const files = documents
    .filter((document) => document.materialKey === key)
    .map((document) => document.id)
    .slice(-applicationLimits.documentsPerMaterial);
  return { key, status: 'provided', suppliedAt: now, ...(files.length > 0 ? { documents: files } : {}) };
}
