/**
 * The texts of the designated treatment hospitals' green channel (2020 No.2 §2(6)2), in zh-CN and
 * English; `messages.ts` spreads them into its tables. `{name}` placeholders are filled by `t()`.
 */
export const designationZhCN = {
  'applicationType.designation': '定点救治医院',
  'applicationKind.designation': '新冠肺炎定点救治医院绿色通道申请',
  'applications.mineSubtitle.designation': '本院的新冠肺炎定点救治医院协议管理、定点确立、资金拨付和结算申请，按办理时限排列（北京时间）',
  'application.newIntro.designation':
    '集中收治新冠肺炎患者的医疗机构，可通过绿色通道申请纳入协议管理、确立定点、拨付资金和安排结算，特事特办、急事急办、优先处理（2020 No.2 §2(6)2）。填写统筹区、医院等级、收治床位和申请事项，说明申报材料；保存为草稿后，在申报页面确认提交。',
  'application.designationHospital': '定点救治申请',
  'application.designationName': '新冠肺炎定点救治医院（{area}）',
  'application.covidBeds': '新冠肺炎患者收治床位',
  'application.designationRequests': '申请事项',
  'application.designationRequestsHint': '可多选：协议管理、定点确立、资金拨付、结算',
  'application.designationBasis': '定点救治医院绿色通道：特事特办、急事急办、优先处理（2020 No.2 §2(6)2）',
  'application.designationApprovedNotice': '审核通过，医保局的决定已记录。定点救治医院的医保服务协议在目录之外签订，本申报不生成目录变更。',
  'confirm.approveDesignation.message': '将记录医保局同意的决定；本类申报不生成目录变更集。',
  'designationRequest.agreement-management': '协议管理',
  'designationRequest.designation': '定点确立',
  'designationRequest.fund-advance': '资金拨付',
  'designationRequest.settlement': '结算',
  'material.designation-form': '新冠肺炎定点救治医院医保协议管理申请表',
  'material.practice-license': '医疗机构执业许可证',
  'material.health-authority-designation': '卫生健康部门确定为新冠肺炎集中收治（定点救治）医院的文件',
  'material.treatment-capacity': '收治床位及救治能力说明',
  'material.settlement-readiness': '医保信息系统接入及直接结算条件说明',
  'material.fund-account': '医保基金拨付收款账户信息',
} as const;

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
