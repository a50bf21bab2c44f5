// Issue 14 §4: what the catalog search costs with 20,000 entries, through the whole app
// in-process (app.request): the first search of a release (views, pinyin, index), the memory it
// holds, a search not seen before, the same search again and its next page, against a current-view
// page of 20; and the first search after a release that changed one entry.
// Run alone: `node --expose-gc --import tsx test/bench/search.ts` (starts its own DynamoDB Local).
import { createApp, systemClock } from '../../functions/app.ts';
import { oidcAuth } from '../../functions/http/oidc-auth.ts';
import { startDynamoDbLocal } from '../../functions/local/dynamodb-local.ts';
import { createStore, localDynamoClient } from '../../functions/store/store.ts';
import type { Change } from '../../policy-catalog/change.ts';
import { approvedChangeSet } from '../support/change-sets.ts';
import { TEST_AUDIENCE, TEST_CLAIM_NAMES, TEST_ISSUER, testSigner } from '../support/test-tokens.ts';

const ENTRIES = Number(process.env.SEARCH_BENCH_ENTRIES) || 20_000;
const WORDS = (
  '新型 冠状 病毒 核酸 检测 抗原 试剂 注射 口服 溶液 彩色 多普勒 超声 常规 检查 血常规 尿 肝功能 肾功能 电解质 心电图 动态 监测 磁共振 平扫 增强 ' +
  '计算机 断层 扫描 静脉 输液 肌肉 皮下 换药 手术 麻醉 全身 局部 住院 诊查 护理 床位 重症 监护 吸氧 雾化 吸入 康复 针灸 推拿 拔罐 中药 煎药 单样本 混检'
).split(' ');

/** Names like a provincial price list's: two to six medical words, some with a qualifier, drawn the same way every run. */
function priceItems(count: number): Change[] {
  let seed = 7;
  const next = (below: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * below);
  };
  return Array.from({ length: count }, (_, i) => {
    const words = Array.from({ length: 2 + next(5) }, () => WORDS[next(WORDS.length)]).join('');
    const name = next(3) === 0 ? `${words}（${['成人', '儿童', '急诊', '床旁'][next(4)]}）` : words;
    return {
      kind: 'price-items' as const,
      code: `S${String(i).padStart(9, '0')}`,
      op: 'set' as const,
      validFrom: '2022-05-01T00:00:00+08:00',
      attributes: { name, unit: '次', category: '检查', priceFen: 100 + i },
    };
  });
}

const percentile = (samples: number[], q: number) => [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor(q * samples.length))] as number;
const ms = (value: number) => `${value.toFixed(2)} ms`;
const heapMb = () => {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

async function main() {
  const dynamo = await startDynamoDbLocal();
  try {
    const store = createStore({ client: localDynamoClient(dynamo.endpoint), tableName: `bench-search-${Date.now()}` });
    await store.ensureTable();
    const { changeSet, published } = await approvedChangeSet(store, priceItems(ENTRIES));
    await store.releases.publish(published, changeSet.version, '2026-11-23T10:00:00+08:00', Date.now());
    // A publish of 20,000 may answer before its projection ends (202): finish it here.
    await store.releases.recover();
    const signer = await testSigner();
    const token = await signer.tokenFor('downstream', '基准');
    const app = createApp({
      store,
      clock: systemClock,
      auth: oidcAuth({ issuer: TEST_ISSUER, audience: TEST_AUDIENCE, keys: signer.keys, claimNames: TEST_CLAIM_NAMES }),
    });
    const get = async (path: string) => {
      const began = performance.now();
      const response = await app.request(path, { headers: { Authorization: `Bearer ${token}` } });
      const body = (await response.json()) as { total?: number; cursor?: string; release?: number };
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
      return { elapsed: performance.now() - began, body };
    };
    const search = (q: string, extra = '') => get(`/v1/catalog/search?q=${encodeURIComponent(q)}${extra}`);

    console.log(`Catalog search with ${ENTRIES.toLocaleString('en-US')} price items\n`);
    await store.catalog.view('price-items', await store.catalog.visibleRelease({ fresh: true }));
    const before = heapMb();
    const first = await search('hsjc');
    const after = heapMb();
    const index = await store.catalog.cachedDerived<{ bytes: number }>(`search-index@${first.body.release}`);
    console.log(`first search of the release (views held; pinyin, index): ${ms(first.elapsed)} (${first.body.total} hits)`);
    console.log(
      `index held: ${(after - before).toFixed(1)} MB on the heap, estimated ${((index?.bytes ?? 0) / 1024 / 1024).toFixed(1)} MB for the cache's bound`,
    );

    // Searches not seen before (their hits are made now), then the same ones again (held).
    const fresh: string[] = [];
    for (const word of WORDS) for (const other of ['jc', 'cg', '检']) fresh.push(`${word} ${other}`);
    const distinct: number[] = [];
    for (const q of fresh) distinct.push((await search(q)).elapsed);
    const repeated: number[] = [];
    for (let round = 0; round < 3; round++) for (const q of fresh) repeated.push((await search(q)).elapsed);
    const page: number[] = [];
    for (let i = 0; i < repeated.length; i++) page.push((await get('/v1/catalog/price-items?limit=20')).elapsed);
    const broad = await search('jc', '&limit=20');
    const nextPage: number[] = [];
    for (let i = 0; i < 200; i++) nextPage.push((await search('jc', `&limit=20&cursor=${broad.body.cursor}`)).elapsed);
    console.log(`a search not seen before: p50 ${ms(percentile(distinct, 0.5))}, p99 ${ms(percentile(distinct, 0.99))} (${distinct.length} searches)`);
    console.log(`the same search again:    p50 ${ms(percentile(repeated, 0.5))}, p99 ${ms(percentile(repeated, 0.99))}`);
    console.log(`its next page ("jc", ${broad.body.total} hits): p50 ${ms(percentile(nextPage, 0.5))}, p99 ${ms(percentile(nextPage, 0.99))}`);
    console.log(`reference, a page of 20:  p50 ${ms(percentile(page, 0.5))}, p99 ${ms(percentile(page, 0.99))}`);

    // A release that changes one entry: the new index takes the other entries' pinyin over.
    const change: Change[] = [
      {
        kind: 'price-items',
        code: 'S000000000',
        op: 'set',
        validFrom: '2022-05-01T00:00:00+08:00',
        attributes: { name: '核酸检测（单样本）', unit: '次', category: '检查', priceFen: 1200 },
      },
    ];
    const next = await approvedChangeSet(store, change);
    await store.releases.publish(next.published, next.changeSet.version, '2026-11-23T11:00:00+08:00', Date.now());
    await store.releases.recover();
    const afterRelease = await search('hsjc');
    console.log(`first search after a release of one change: ${ms(afterRelease.elapsed)} (view reloaded, one entry re-analysed, index rebuilt)`);
    console.log(`catalog cache holds ${(store.catalog.bytes / 1024 / 1024).toFixed(1)} MB (bound ${(128).toFixed(0)} MB)`);
  } finally {
    await dynamo.stop();
  }
}

await main();
