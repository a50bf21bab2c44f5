/**
 * The notice clauses the rules and bounds cite. Notices: 吉医保发〔2020〕2号 (2020-02-04) and
 * 吉医保发〔2022〕13号 (2022-04-28), verbatim in ../shared/seeds/.
 */
export const clauses = {
  provincialDrugPhaseOut: '2022 No.13 §1',
  contributionRelief: '2022 No.13 §2',
  newServiceGreenChannel: '2022 No.13 §3',
  prepayment: '2022 No.13 §5',
  treatmentPrepayment: '2022 No.13 §7',
  procurementGreenChannel: '2022 No.13 §6',
  testPrices: '2022 No.13 §9',
  medicalAssistance: '2022 No.13 §10',
  outOfAreaLockdown: '2022 No.13 §11',
  baseDeclarationExtension: '2022 No.13 §12',
  prepaymentFund: '2020 No.2 §2(1)1',
  deadlineExtension: '2020 No.2 §2(3)',
  reimbursementWindow: '2020 No.2 §2(3)1',
  latePayment: '2020 No.2 §2(3)2',
  settlementStatement: '2020 No.2 §2(3)3',
  outOfAreaCovid: '2020 No.2 §2(4)1',
  crossProvinceAdvance: '2020 No.2 §2(4)2',
  temporaryClassA: '2020 No.2 §2(4)3',
  designatedTreatmentHospitals: '2020 No.2 §2(6)2',
  acceptWithMissingMaterials: '2020 No.2 §2(7)',
  agreementTermination: '2020 No.2 §3',
  drugList: 'drug list',
  priceList: 'price list',
} as const;

export type Clause = (typeof clauses)[keyof typeof clauses];
