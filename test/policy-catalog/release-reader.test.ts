import { describe, expect, it } from 'vitest';
import { type Release, releaseForReader } from '../../policy-catalog/release.ts';

const release: Release = {
  number: 7,
  title: '新增医疗服务价格项目',
  changeSetId: 'app-1',
  publishedAt: '2026-11-23T10:00:00+08:00',
  publishedBy: { sub: 'officer-b', name: '李强' },
  author: { sub: 'reviewer-1', name: '张审核' },
  approvedBy: { sub: 'officer-b', name: '李强' },
  changeCount: 1,
  madeByApplication: true,
  acknowledgements: [{ step: 'publish', by: { sub: 'officer-b', name: '李强' }, at: '2026-11-23T10:00:00+08:00', against: 6, codes: ['retroactive'] }],
};

describe('a release as each role reads it', () => {
  it.each(['pricing-staff', 'reviewer', 'admin'])('shows %s the names of the staff who took each step', (role) => {
    expect(releaseForReader(release, role)).toEqual(release);
  });

  it.each(['hospital', 'firm', 'downstream'])('shows %s only the offices: the reviewer who drafted it as 审核处, the rest as 价格处', (role) => {
    const read = releaseForReader(release, role);
    expect(read).toMatchObject({ author: { name: '审核处' }, approvedBy: { name: '价格处' }, publishedBy: { name: '价格处' } });
    expect(JSON.stringify(read)).not.toMatch(/李强|张审核|officer-b|reviewer-1/);
    expect(read.acknowledgements?.[0]?.codes).toEqual(['retroactive']);
  });
});
