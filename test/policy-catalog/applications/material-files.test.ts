import { describe, expect, it } from 'vitest';
import type { Application, ApplicationAction } from '#catalog/applications/application.ts';
import { calendar2022 } from '#catalog/applications/calendar-2022.ts';
import type { DocumentFact } from '#catalog/applications/documents.ts';
import type { MaterialDeclaration } from '#catalog/applications/materials.ts';
import { transition, type TransitionRequest } from '#catalog/applications/workflow.ts';
import type { Identity } from '#catalog/identity.ts';
import { hospital, serviceApplication } from './fixtures.ts';

// Issue 14 §2: a supplement request is answered only by uploading or by a written 容缺 declaration,
// and a provided material names files of its own application and material.
const step = (application: Application, action: ApplicationAction, actor: Identity, now: string, extra: Partial<TransitionRequest> = {}) =>
  transition({ application, action, actor, now, calendar: calendar2022, ...extra });

const requestedAt = '2022-05-05T09:00:00+08:00';
const now = '2022-05-09T15:00:00+08:00';
const id = (n: number) => `3b7e2a10-0000-4000-8000-${String(n).padStart(12, '0')}`;
const file = (n: number, materialKey: string, storedAt: string): DocumentFact => ({ id: id(n), materialKey, storedAt });

/** A service application waiting for a supplement of `materials` (none named: a general request). */
function waitingFor(materials?: string[]): Application {
  return serviceApplication('supplement-requested', {
    supplementRequest: { reason: '成本测算表缺少设备折旧', requestedAt, requestedBy: { sub: 'r-1', name: '王芳' }, ...(materials ? { materials } : {}) },
  });
}

const provided = (key: string, ...documents: string[]): MaterialDeclaration => ({ key, status: 'provided', ...(documents.length ? { documents } : {}) });
const deferred = (key: string): MaterialDeclaration => ({ key, status: 'deferred', commitment: '我院承诺5月20日前补交', dueDate: '2022-05-20' });
const unavailable = (key: string): MaterialDeclaration => ({
  key,
  status: 'unavailable',
  explanation: '设备厂家停产，无法取得',
  consentToReviewOnMaterialsAtHand: true,
});

const outcome = (application: Application, materials: MaterialDeclaration[] | undefined, documents: DocumentFact[] = []) => {
  const result = step(application, 'supply-supplement', hospital, now, { input: materials ? { materials } : {}, documents });
  return result.ok ? result.application.state : result.refusal.code;
};

describe('answering a supplement request', () => {
  const newFile = file(1, 'cost-calculation', '2022-05-08T10:00:00+08:00');
  const oldFile = file(2, 'cost-calculation', '2022-04-28T10:00:00+08:00');

  it.each([
    ['a file of the material stored since the request', [provided('cost-calculation', newFile.id)], 'submitted'],
    ['a file stored before the request', [provided('cost-calculation', oldFile.id)], 'supplement-not-answered'],
    ['"provided" with no file at all', [provided('cost-calculation')], 'supplement-not-answered'],
    ['nothing', undefined, 'supplement-not-answered'],
    ['only another material', [unavailable('device-registration')], 'supplement-not-answered'],
    ['a written declaration that it cannot be provided (容缺受理、认同审核)', [unavailable('cost-calculation')], 'submitted'],
    // A critical material is never deferred on commitment (2020 No.2 §2(7)).
    ['a deferral of the critical material asked for', [deferred('cost-calculation')], 'critical-material-deferred'],
  ])('for the material asked for, takes %s: %s', (_label, materials, expected) => {
    expect(outcome(waitingFor(['cost-calculation']), materials, [newFile, oldFile])).toBe(expected);
  });

  it('wants every material asked for answered, and names the first one left unanswered', () => {
    const waiting = waitingFor(['cost-calculation', 'regional-price-reference']);
    const result = step(waiting, 'supply-supplement', hospital, now, {
      input: { materials: [provided('cost-calculation', newFile.id)] },
      documents: [newFile],
    });
    expect(result).toMatchObject({
      ok: false,
      refusal: { code: 'supplement-not-answered', material: 'regional-price-reference', name: '外省（区、市）同类项目价格参考' },
    });
    expect(outcome(waiting, [provided('cost-calculation', newFile.id), deferred('regional-price-reference')], [newFile])).toBe('submitted');
  });

  it('takes any one material answered when the request named none', () => {
    const general = waitingFor();
    expect(outcome(general, undefined)).toBe('supplement-not-answered');
    expect(outcome(general, [provided('application-form')])).toBe('supplement-not-answered');
    expect(outcome(general, [deferred('device-registration')])).toBe('submitted');
    const form = file(3, 'application-form', '2022-05-06T08:00:00+08:00');
    expect(outcome(general, [provided('application-form', form.id)], [form])).toBe('submitted');
  });

  it('keeps the files named in the declaration', () => {
    const result = step(waitingFor(['cost-calculation']), 'supply-supplement', hospital, now, {
      input: { materials: [provided('cost-calculation', newFile.id, oldFile.id)] },
      documents: [newFile, oldFile],
    });
    expect(result.ok && result.application.materials.find((material) => material.key === 'cost-calculation')).toEqual(
      provided('cost-calculation', newFile.id, oldFile.id),
    );
  });
});

describe('files named by a declaration', () => {
  const form = file(4, 'application-form', '2022-04-20T09:30:00+08:00');

  it.each([
    ['a stored file of the material', [provided('application-form', form.id)], 'draft'],
    ['a file of another material', [provided('cost-calculation', form.id)], 'unknown-document'],
    ['a file that is not stored in this application', [provided('application-form', id(99))], 'unknown-document'],
  ])('a draft may name %s: %s', (_label, materials, expected) => {
    const result = step(serviceApplication('draft'), 'edit', hospital, '2022-04-21T09:00:00+08:00', { input: { materials }, documents: [form] });
    expect(result.ok ? result.application.state : result.refusal.code).toBe(expected);
  });

  it('refuses a supplement naming a file that is not the application’s', () => {
    expect(outcome(waitingFor(['cost-calculation']), [provided('cost-calculation', id(98))], [])).toBe('unknown-document');
  });

  it('supplies a deferred material with the files stored for it (容缺后补)', () => {
    const underReview = serviceApplication('under-review', {
      materials: serviceApplication().materials.map((material) => (material.key === 'regional-price-reference' ? deferred(material.key) : material)),
    });
    const reference = file(5, 'regional-price-reference', '2022-05-09T14:00:00+08:00');
    const result = step(underReview, 'supply-material', hospital, now, { input: { materials: ['regional-price-reference'] }, documents: [form, reference] });
    expect(result.ok && result.application.materials.find((material) => material.key === 'regional-price-reference')).toEqual({
      key: 'regional-price-reference',
      status: 'provided',
      suppliedAt: now,
      documents: [reference.id],
    });
  });
});
