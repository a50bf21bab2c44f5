import type { designationZhCN } from '../zh-CN/designation.ts';

/** The English of ../zh-CN/designation.ts: the same keys and placeholders. */
export const designationEn: Record<keyof typeof designationZhCN, string> = {
  'applicationType.designation': 'Treatment hospitals',
  'applicationKind.designation': 'Green-channel application of a designated COVID-19 treatment hospital',
  'applications.mineSubtitle.designation':
    "Your hospital's applications for agreement management, designation, fund advances and settlement as a COVID-19 treatment hospital, soonest due first (China time)",
  'application.newIntro.designation':
    'A hospital taking in COVID-19 patients may ask, through the green channel, to be brought under agreement management, designated, advanced funds and given settlement arrangements, handled first and fast (2020 No.2 §2(6)2). Enter the pooling area, your grade, the beds for COVID-19 patients and what you ask for, and declare your materials. Save a draft, then submit it from its page.',
  'application.designationHospital': 'Designation as a treatment hospital',
  'application.designationName': 'Designated COVID-19 treatment hospital ({area})',
  'application.covidBeds': 'Beds for COVID-19 patients',
  'application.designationRequests': 'Asks for',
  'application.designationRequestsHint': 'Any of: agreement management, designation, fund advance, settlement',
  'application.designationBasis': 'Treatment hospitals’ green channel: urgent matters handled first (2020 No.2 §2(6)2)',
  'application.designationApprovedNotice':
    'Approved; the bureau’s decision is recorded. A treatment hospital’s service agreement is signed outside the catalog, so this application makes no catalog change.',
  'confirm.approveDesignation.message': 'The bureau’s approval is recorded; this kind of application makes no change set.',
  'designationRequest.agreement-management': 'Agreement management',
  'designationRequest.designation': 'Designation',
  'designationRequest.fund-advance': 'Fund advance',
  'designationRequest.settlement': 'Settlement',
  'material.designation-form': 'Application form for agreement management as a designated COVID-19 treatment hospital',
  'material.practice-license': 'Medical institution practice licence',
  'material.health-authority-designation': 'The health authority’s document designating the hospital to take in (treat) COVID-19 patients',
  'material.treatment-capacity': 'Beds and treatment capacity',
  'material.settlement-readiness': 'Connection to the insurance information system and direct settlement',
  'material.fund-account': 'Account to receive fund payments',
};
