import { describe, expect, it } from 'vitest';
import { href, parseRoute } from '../../admin-ui/src/app/router.ts';
import { en } from '../../admin-ui/src/i18n/en/index.ts';
import { zhCN } from '../../admin-ui/src/i18n/zh-CN/index.ts';

describe('the search page’s address', () => {
  it('carries the words and the kind, whatever characters they have', () => {
    expect(parseRoute(href.search('核酸 检测&x=1'))).toEqual({ page: 'search', query: '核酸 检测&x=1' });
    expect(parseRoute(href.search('kyjc', 'listings'))).toEqual({ page: 'search', query: 'kyjc', kind: 'listings' });
  });

  it('is no page without words, and ignores a kind that is not one', () => {
    expect(parseRoute('#/search?q=%20')).toEqual({ page: 'not-found' });
    expect(parseRoute('#/search?q=hsjc&kind=hospitals')).toEqual({ page: 'search', query: 'hsjc' });
  });
});

describe('the search texts', () => {
  it('exist in Chinese and English', () => {
    const keys = Object.keys(zhCN).filter((key) => key.startsWith('search.'));
    expect(keys.length).toBeGreaterThan(5);
    for (const key of keys) expect(en[key as keyof typeof en], key).toBeTruthy();
  });
});
