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
