import type { DemoIdentity } from './api.ts';

/**
 * One-click demo identities for the local sign-in. Names and organisations are data, shown as
 * they are in either language.
 */
export const demoIdentities: readonly (DemoIdentity & { id: string; orgName?: string })[] = [
  { id: 'pricing-a', role: 'pricing-staff', name: '王芳' },
  { id: 'pricing-b', role: 'pricing-staff', name: '李强' },
  { id: 'reviewer', role: 'reviewer', name: '赵敏' },
  { id: 'hospital', role: 'hospital', name: '刘医生', orgId: 'hosp-jdyy', orgName: '吉林大学第一医院' },
  { id: 'hospital-b', role: 'hospital', name: '孙医生', orgId: 'hosp-cczx', orgName: '长春市中心医院' },
  { id: 'firm', role: 'firm', name: '陈经理', orgId: 'firm-demo', orgName: '示例医药有限公司' },
  // The seed's terminated service agreement (2020 No.2 §3): its submissions are refused.
  { id: 'firm-terminated', role: 'firm', name: '周经理', orgId: 'firm-terminated-example', orgName: '示例医药企业（已解除协议）' },
  { id: 'downstream', role: 'downstream', name: '医院HIS同步' },
  { id: 'admin', role: 'admin', name: '系统管理员' },
];
