import type { Application, ApplicationState, DesignationApplication, ListingApplication, ServiceApplication } from '#catalog/applications/application.ts';
import type { MaterialDeclaration } from '#catalog/applications/materials.ts';
import { requiredMaterials } from '#catalog/applications/materials.ts';
import type { Identity } from '#catalog/identity.ts';

export const hospital: Identity = { sub: 'h-1', name: '张敏', role: 'hospital', orgId: 'hospital-jdyy' };
export const otherHospital: Identity = { sub: 'h-2', name: '刘洋', role: 'hospital', orgId: 'hospital-jlsrmyy' };
export const firm: Identity = { sub: 'f-1', name: '陈静', role: 'firm', orgId: 'firm-zzzy' };
export const otherFirm: Identity = { sub: 'f-2', name: '赵磊', role: 'firm', orgId: 'firm-other' };
export const reviewer: Identity = { sub: 'r-1', name: '王芳', role: 'reviewer' };
export const pricingStaff: Identity = { sub: 'p-1', name: '李强', role: 'pricing-staff' };
export const admin: Identity = { sub: 'a-1', name: '周涛', role: 'admin' };
export const downstream: Identity = { sub: 'd-1', name: '医院HIS', role: 'downstream' };

export const createdAt = '2022-04-20T09:00:00+08:00';

export const servicePayload: ServiceApplication['payload'] = {
  itemCode: '250403100020000',
  itemName: '新型冠状病毒抗原检测',
  unit: '人次',
  category: '抗原检测',
  priceFen: 600,
  grade: '3',
  reason: '应对新冠肺炎疫情，开展抗原检测',
  greenChannel: true,
  greenChannelReason: 'major-epidemic',
};

export const listingPayload: ListingApplication['payload'] = {
  product: '阿兹夫定片',
  productType: 'drug',
  specification: '1mg×35片/瓶',
  manufacturer: '河南真实生物科技有限公司',
  registrationNumber: '国药准字H20210021',
  listedPriceFen: 27000,
  firm: '某某医药有限公司',
  inNinthEditionPlan: true,
  greenChannel: true,
  offlinePurchaseAllowed: true,
};

export function allProvided(type: Application['type'], greenChannel: boolean): MaterialDeclaration[] {
  return requiredMaterials(type, greenChannel).map((material) => ({ key: material.key, status: 'provided' }));
}

/** 2020 No.2 §2(6)2: a hospital asks to be a designated COVID-19 treatment hospital in Changchun. */
export const designationPayload: DesignationApplication['payload'] = {
  poolingArea: '220100',
  grade: '3',
  covidBeds: 300,
  requests: ['agreement-management', 'designation', 'fund-advance', 'settlement'],
  greenChannel: true,
};

const base = (state: ApplicationState) => ({
  id: 'app-1',
  state,
  createdBy: { sub: 'x', name: 'x' },
  createdAt,
  updatedAt: createdAt,
  history: [],
  version: 1,
});

export function serviceApplication(state: ApplicationState = 'draft', overrides: Partial<ServiceApplication> = {}): ServiceApplication {
  const payload = overrides.payload ?? servicePayload;
  return { ...base(state), type: 'service', orgId: hospital.orgId!, payload, materials: allProvided('service', payload.greenChannel), ...overrides };
}

export function listingApplication(state: ApplicationState = 'draft', overrides: Partial<ListingApplication> = {}): ListingApplication {
  const payload = overrides.payload ?? listingPayload;
  return { ...base(state), type: 'listing', orgId: firm.orgId!, payload, materials: allProvided('listing', payload.greenChannel), ...overrides };
}

export function designationApplication(state: ApplicationState = 'draft', overrides: Partial<DesignationApplication> = {}): DesignationApplication {
  const payload = overrides.payload ?? designationPayload;
  return { ...base(state), type: 'designation', orgId: hospital.orgId!, payload, materials: allProvided('designation', true), ...overrides };
}
