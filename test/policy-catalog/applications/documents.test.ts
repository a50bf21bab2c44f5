import { describe, expect, it } from 'vitest';
import type { Application, ApplicationState } from '#catalog/applications/application.ts';
import {
  type ApplicationDocument,
  checkUploadedFile,
  contentTypeOfFilename,
  type DocumentContentType,
  MAX_DOCUMENT_BYTES,
  RequestDocumentUpload,
  uploadRefusal,
} from '#catalog/applications/documents.ts';
import { firm, hospital, listingApplication, otherHospital, pricingStaff, reviewer, serviceApplication } from './fixtures.ts';

const now = '2022-05-10T10:00:00+08:00';
const PDF: DocumentContentType = 'application/pdf';

function stored(materialKey: string, index: number, state: ApplicationDocument['state'] = 'stored', requestedAt = now): ApplicationDocument {
  return {
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    applicationType: 'service',
    applicationId: 'app-1',
    orgId: hospital.orgId as string,
    materialKey,
    filename: `${materialKey}.pdf`,
    contentType: PDF,
    declaredSize: 100,
    state,
    uploadedBy: { sub: hospital.sub, name: hospital.name, role: 'hospital' },
    requestedAt,
  };
}

const deferredPriceReference = (state: ApplicationState): Application =>
  serviceApplication(state, {
    materials: serviceApplication().materials.map((material) =>
      material.key === 'regional-price-reference' ? { key: material.key, status: 'deferred', commitment: '承诺补交', dueDate: '2022-05-20' } : material,
    ),
  });

describe('who may add a file to a material, and when', () => {
  it.each([
    ['the applying hospital, to its draft', serviceApplication('draft'), hospital, 'cost-calculation', undefined],
    ['the applying hospital, answering a supplement request', serviceApplication('supplement-requested'), hospital, 'cost-calculation', undefined],
    [
      'the applying hospital, a deferred material under review (容缺后补)',
      deferredPriceReference('under-review'),
      hospital,
      'regional-price-reference',
      undefined,
    ],
    ['the applying hospital, a provided material under review', deferredPriceReference('under-review'), hospital, 'cost-calculation', 'documents-closed'],
    ['the applying hospital, once approved', serviceApplication('approved'), hospital, 'cost-calculation', 'documents-closed'],
    ['the applying hospital, a material off the checklist', serviceApplication('draft'), hospital, 'package-insert', 'unknown-material'],
    ['another hospital', serviceApplication('draft'), otherHospital, 'cost-calculation', 'not-visible'],
    ['a firm', serviceApplication('draft'), firm, 'cost-calculation', 'not-visible'],
    ['a reviewer', serviceApplication('supplement-requested'), reviewer, 'cost-calculation', 'forbidden'],
    ['pricing staff', serviceApplication('draft'), pricingStaff, 'cost-calculation', 'forbidden'],
    ['the applying firm, to its listing in public notice', listingApplication('public-notice'), firm, 'package-insert', 'documents-closed'],
  ] as const)('%s: %s', (_label, application, actor, material, refusal) => {
    expect(uploadRefusal(application, actor, material, [], now)?.code).toBe(refusal);
  });

  it('holds at most 10 stored files for one material, not counting refused ones', () => {
    const nine = Array.from({ length: 9 }, (_, index) => stored('cost-calculation', index));
    const refused = Array.from({ length: 5 }, (_, index) => stored('cost-calculation', 100 + index, 'refused'));
    expect(uploadRefusal(serviceApplication('draft'), hospital, 'cost-calculation', [...nine, ...refused], now)).toBeUndefined();
    const ten = [...nine, stored('cost-calculation', 9)];
    expect(uploadRefusal(serviceApplication('draft'), hospital, 'cost-calculation', ten, now)).toMatchObject({ code: 'document-limit', max: 10 });
    expect(uploadRefusal(serviceApplication('draft'), hospital, 'application-form', ten, now)).toBeUndefined();
  });

  it('holds at most 100 files and uploads in progress per application, forgetting uploads asked for more than a day ago', () => {
    const pending = (requestedAt: string) => Array.from({ length: 100 }, (_, index) => stored('application-form', index, 'awaiting-upload', requestedAt));
    expect(uploadRefusal(serviceApplication('draft'), hospital, 'cost-calculation', pending('2022-05-09T10:00:01+08:00'), now)).toMatchObject({
      code: 'document-limit',
      max: 100,
    });
    expect(uploadRefusal(serviceApplication('draft'), hospital, 'cost-calculation', pending('2022-05-09T10:00:00+08:00'), now)).toBeUndefined();
  });
});

describe('a request to upload', () => {
  const request = { materialKey: 'cost-calculation', filename: '项目成本测算表.pdf', contentType: PDF, size: 1024 };

  it('takes a PDF, a picture or an Office file of at most 20 MB whose name says its type', () => {
    expect(RequestDocumentUpload.safeParse(request).success).toBe(true);
    expect(RequestDocumentUpload.safeParse({ ...request, filename: '扫描件.JPG', contentType: 'image/jpeg' }).success).toBe(true);
    expect(RequestDocumentUpload.safeParse({ ...request, filename: '测算.xls', contentType: 'application/vnd.ms-excel' }).success).toBe(true);
    expect(RequestDocumentUpload.safeParse({ ...request, size: MAX_DOCUMENT_BYTES }).success).toBe(true);
  });

  it.each([
    ['a file over 20 MB', { size: MAX_DOCUMENT_BYTES + 1 }, 'size'],
    ['an empty file', { size: 0 }, 'size'],
    ['a program', { filename: 'setup.exe', contentType: 'application/x-msdownload' }, 'contentType'],
    ['a name that says another type', { filename: '测算表.docx' }, 'filename'],
    ['a name with a folder', { filename: '../测算表.pdf' }, 'filename'],
  ])('refuses %s', (_label, change, path) => {
    const result = RequestDocumentUpload.safeParse({ ...request, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });

  it('knows a file’s declared type by its ending, in any case', () => {
    expect(contentTypeOfFilename('A.PDF')).toBe('application/pdf');
    expect(contentTypeOfFilename('a.jpeg')).toBe('image/jpeg');
    expect(contentTypeOfFilename('a.pptx')).toBe('application/vnd.openxmlformats-officedocument.presentationml.presentation');
    expect(contentTypeOfFilename('a.exe')).toBeUndefined();
    expect(contentTypeOfFilename('pdf')).toBeUndefined();
  });
});

describe('an uploaded file, checked by its bytes', () => {
  it.each([
    ['a PDF declared as PDF', PDF, 2048, 'application/pdf', undefined, true],
    ['a Word 97–2003 file (MS-CFB bytes) declared as .doc', 'application/msword', 2048, 'application/x-cfb', undefined, true],
    ['an empty file', PDF, 0, undefined, undefined, 'document-empty'],
    ['a file over 20 MB', PDF, MAX_DOCUMENT_BYTES + 1, 'application/pdf', undefined, 'document-too-large'],
    ['exactly 20 MB', PDF, MAX_DOCUMENT_BYTES, 'application/pdf', undefined, true],
    ['a program renamed .pdf', PDF, 2048, 'application/x-msdownload', undefined, 'document-type-not-allowed'],
    ['plain text renamed .pdf (no known type)', PDF, 2048, undefined, undefined, 'document-type-not-allowed'],
    ['a PNG declared as PDF', PDF, 2048, 'image/png', undefined, 'document-type-mismatch'],
    [
      'a macro-enabled Word file declared as .docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      2048,
      'application/vnd.ms-word.document.macroenabled.12',
      undefined,
      'document-type-not-allowed',
    ],
    ['a PDF the scanner finds infected', PDF, 2048, 'application/pdf', { verdict: 'infected', threat: 'Eicar-Test-Signature' }, 'document-infected'],
    ['a PDF the scanner passes', PDF, 2048, 'application/pdf', { verdict: 'clean' }, true],
  ] as const)('%s: %s', (_label, declared, size, sniffedType, scan, expected) => {
    const result = checkUploadedFile(declared, { size, sniffedType }, scan);
    expect(result.ok ? true : result.refusal.code).toBe(expected);
  });
});
