import { requiredMaterials } from '../../policy-catalog/applications/materials.ts';

/** A hospital's new-service-item application payload, green channel or not. */
export function servicePayload({ greenChannel = false, itemCode = '250403100090001', itemName = '新型冠状病毒抗体检测' } = {}) {
  return {
    itemCode,
    itemName,
    unit: '人次',
    category: '检验',
    priceFen: 2500,
    grade: '3',
    reason: '应对新冠肺炎疫情',
    greenChannel,
    ...(greenChannel ? { greenChannelReason: 'major-epidemic' } : {}),
  };
}

/** Every required material of the checklist, declared provided. */
export function providedMaterials(type: 'service' | 'listing', greenChannel: boolean) {
  return requiredMaterials(type, greenChannel).map((material) => ({ key: material.key, status: 'provided' }));
}
