import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rememberOrganisationNames } from '../../admin-ui/src/app/organisation-names.ts';
import { refusalText } from '../../admin-ui/src/i18n/refusal-text.ts';

// Issue 14 §7: a refused step names the terminated organisation by its name once the console has
// read it (the header's own organisation, an application's answer), else by its code.
beforeAll(() => {
  vi.stubGlobal('window', new EventTarget());
  vi.stubGlobal('document', { documentElement: { lang: 'zh-CN' }, title: '' });
});
afterAll(() => vi.unstubAllGlobals());

const terminated = (orgId: string) =>
  ({
    code: 'agreement-terminated',
    termination: { orgId, reason: '疫情期间哄抬口罩价格', terminatedAt: '2022-03-01T00:00:00+08:00' },
  }) as const;

describe('a termination refusal in words', () => {
  it('names the organisation by its name with the code beside it, in either language', async () => {
    rememberOrganisationNames([{ orgId: 'hosp-terminated-example', name: '示例医院（已解除医保服务协议）' }]);
    expect(refusalText(terminated('hosp-terminated-example'))).toContain('示例医院（已解除医保服务协议）（hosp-terminated-example） 的医保服务协议');
    const { setLocale } = await import('../../admin-ui/src/i18n/i18n.ts');
    await setLocale('en');
    expect(refusalText(terminated('hosp-terminated-example'))).toContain('The service agreement of 示例医院（已解除医保服务协议） (hosp-terminated-example)');
    await setLocale('zh-CN');
  });

  it('says the code alone for an organisation whose name the console has not read', () => {
    expect(refusalText(terminated('hosp-unnamed'))).toMatch(/^hosp-unnamed 的医保服务协议/);
  });
});
