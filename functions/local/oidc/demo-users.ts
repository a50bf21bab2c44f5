import type { Role } from '#catalog/identity.ts';
import type { ClaimNames } from '../../http/claims.ts';

/** Someone (or something) the local provider signs in without a password: data, shown in either language as is. */
export interface DemoUser {
  /** The sign-in name and the token's `sub`. */
  username: string;
  role: Role;
  name: string;
  /** Hospitals and firms act for one organisation. */
  orgId?: string;
  orgName?: string;
}

/** The client id (and username) of the demo downstream system; its secret is generated into the data directory. */
export const demoSystemClientId = 'gc-demo-his';

/**
 * The demo identities of the console's sign-in page (listed at `GET <issuer>/demo-users`, read by admin-ui/src/app/auth.ts), with the
 * same names and organisations, so data made under either sign-in reads the same. The usernames
 * are the console's identity ids; the downstream system is the client-credentials client.
 */
export const demoUsers: readonly DemoUser[] = [
  { username: 'pricing-a', role: 'pricing-staff', name: '王芳' },
  { username: 'pricing-b', role: 'pricing-staff', name: '李强' },
  { username: 'reviewer', role: 'reviewer', name: '赵敏' },
  { username: 'hospital', role: 'hospital', name: '刘医生', orgId: 'hosp-jdyy', orgName: '吉林大学第一医院' },
  { username: 'hospital-b', role: 'hospital', name: '孙医生', orgId: 'hosp-cczx', orgName: '长春市中心医院' },
  { username: 'firm', role: 'firm', name: '陈经理', orgId: 'firm-demo', orgName: '示例医药有限公司' },
  { username: 'firm-b', role: 'firm', name: '周经理', orgId: 'firm-b-demo', orgName: '示例生物科技有限公司' },
  // The seed's terminated service agreement (2020 No.2 §3): its green-channel service applications are refused.
  { username: 'hospital-terminated', role: 'hospital', name: '吴医生', orgId: 'hosp-terminated-example', orgName: '示例医院（已解除医保服务协议）' },
  { username: demoSystemClientId, role: 'downstream', name: '医院HIS同步' },
  { username: 'admin', role: 'admin', name: '系统管理员' },
];

/** What a token says about a demo user, under the claim names the API is configured to read. */
export function claimsOf(user: DemoUser, names: ClaimNames): Record<string, unknown> {
  return { name: user.name, [names.roles]: [user.role], ...(user.orgId ? { [names.org]: user.orgId } : {}) };
}
