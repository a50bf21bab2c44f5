import { describe, expect, it } from 'vitest';
import { t } from '../../admin-ui/src/i18n/i18n.ts';
import { en } from '../../admin-ui/src/i18n/en/index.ts';
import { zhCN } from '../../admin-ui/src/i18n/zh-CN/index.ts';

// Issue 14 §8: the message catalogue's parameters are typed from the Chinese texts, and each
// English text asks for exactly the placeholders of its Chinese one.
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('the message catalogue', () => {
  it('has an English text with the same placeholders for every Chinese one, and none empty', () => {
    // Rule reasons are said from all their parameters (names in Chinese, codes in English): reason-text.test.ts checks them.
    const mismatched = Object.entries(zhCN)
      .filter(([key]) => !key.startsWith('reason.'))
      .filter(([key, text]) => placeholders(text).join() !== placeholders(en[key as keyof typeof en]).join())
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
    expect(
      Object.entries(en)
        .filter(([, text]) => text.trim() === '')
        .map(([key]) => key),
    ).toEqual([]);
  });

  it('types the parameters of a key written out: each placeholder required, no other', () => {
    expect(t('email.pending', { address: 'liu@jdyy.example.cn', since: '2026-11-30 09:00' })).toBe(
      '验证码已发送至 liu@jdyy.example.cn（2026-11-30 09:00）。请输入邮件中的验证码。',
    );
    // @ts-expect-error `since` is missing
    t('email.pending', { address: 'liu@jdyy.example.cn' });
    // @ts-expect-error `extra` is no placeholder of the text
    t('email.pending', { address: 'a', since: 'b', extra: 1 });
    // @ts-expect-error the title has no placeholders
    t('email.title', { count: 1 });
    expect(t('email.title')).toBe('邮件提醒');
  });
});
