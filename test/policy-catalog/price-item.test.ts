import { describe, expect, it } from 'vitest';
import { Change } from '../../policy-catalog/change.ts';
import { fenToYuan, yuanToFen } from '../../policy-catalog/money.ts';
import { PriceItemAttributes } from '../../policy-catalog/price-item.ts';

const antigen = {
  name: '新型冠状病毒抗原检测',
  unit: '人份',
  category: '抗原检测',
  priceFen: 600,
  components: [
    { name: '检测服务', capFen: 100 },
    { name: '检测试剂', capFen: 500 },
  ],
};

function pathsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  return (result.error?.issues ?? []).map((issue) => issue.path.join('.'));
}

describe('price item attributes', () => {
  it('accepts an antigen test priced as a capped service and a capped reagent under a capped total', () => {
    expect(PriceItemAttributes.safeParse(antigen).success).toBe(true);
  });

  it.each([
    ['a negative price', { priceFen: -1 }, 'priceFen'],
    ['a fractional fen price', { priceFen: 16.5 }, 'priceFen'],
    ['a price given as a string', { priceFen: '16' }, 'priceFen'],
    ['an unknown field', { colour: 'red' }, ''],
    ['an empty name', { name: '  ' }, 'name'],
  ])('rejects %s', (_label, patch, path) => {
    const result = PriceItemAttributes.safeParse({ ...antigen, ...patch });
    expect(result.success).toBe(false);
    expect(pathsOf(result)).toContain(path);
  });

  it('rejects a component cap above the total cap', () => {
    const result = PriceItemAttributes.safeParse({ ...antigen, components: [{ name: '检测试剂', capFen: 700 }] });
    expect(pathsOf(result)).toEqual(['components.0.capFen']);
  });

  it('rejects a grade ceiling above the item ceiling', () => {
    const result = PriceItemAttributes.safeParse({ ...antigen, gradePriceFen: { '3': 600, '1': 601 } });
    expect(pathsOf(result)).toEqual(['gradePriceFen.1']);
  });

  it('rejects a change whose period is inverted, naming validTo', () => {
    const result = Change.safeParse({
      kind: 'price-items',
      code: '250403100010000',
      op: 'set',
      validFrom: '2022-05-01T00:00:00+08:00',
      validTo: '2022-04-01T00:00:00+08:00',
      attributes: antigen,
    });
    expect(pathsOf(result)).toEqual(['validTo']);
  });

  it('requires an offset on every instant', () => {
    const result = Change.safeParse({ kind: 'price-items', code: '250403100010000', op: 'end', at: '2022-05-01T00:00:00' });
    expect(pathsOf(result)).toEqual(['at']);
  });
});

describe('money', () => {
  it.each([
    [1600, '16.00'],
    [5, '0.05'],
    [0, '0.00'],
    [123456, '1234.56'],
  ])('shows %i fen as %s yuan', (fen, yuan) => {
    expect(fenToYuan(fen)).toBe(yuan);
  });

  it.each([
    ['16', 1600],
    ['16.5', 1650],
    ['0.05', 5],
    ['16.505', undefined],
    ['-1', undefined],
    ['abc', undefined],
  ])('reads %s yuan as %s fen', (yuan, fen) => {
    expect(yuanToFen(yuan)).toBe(fen);
  });
});
