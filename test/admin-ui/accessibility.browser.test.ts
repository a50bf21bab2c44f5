import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { requiredMaterials } from '../../policy-catalog/applications/materials.ts';
import { servicePayload } from '../support/applications.ts';
import { deepActiveElement, focusRingFaults, pageFaults } from './accessibility.ts';
import type { ConsoleServer } from './console-server.ts';
import { byTestId, signInWithPreset, signOut, useConsoleSession } from './console-session.ts';

// Issue 14 §6: every page at phone width (390 × 844, an iPhone 12–14) and checked by axe-core.
const PHONE = { width: 390, height: 844 };
// GC_SCREENSHOTS=1 keeps a full-page picture of every page visited, to look at (test-results/phone/).
const screenshots = process.env.GC_SCREENSHOTS === '1' ? 'test-results/phone' : undefined;
const consoleSession = useConsoleSession();

/** What the visits need beyond the seed: a draft change set and one submitted application of each type. */
interface Fixtures {
  changeSet: string;
  service: string;
  /** A hospital's service application still in draft (its materials take files). */
  draft: string;
  listing: string;
  designation: string;
}

async function createFixtures(server: ConsoleServer): Promise<Fixtures> {
  const call = async (token: string, path: string, body: unknown = {}, etag?: string) => {
    const response = await fetch(`${server.baseUrl}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(etag ? { 'If-Match': etag } : {}) },
      body: JSON.stringify(body),
    });
    expect(response.status, `${path}: ${await response.clone().text()}`).toBeLessThan(300);
    return { etag: response.headers.get('ETag') ?? undefined, body: (await response.json()) as any };
  };
  // The demo users' own tokens, so that the console signed in as them sees their drafts as theirs.
  const officer = await server.providerTokenFor('pricing-a');
  const hospital = await server.providerTokenFor('hospital');
  const firm = await server.providerTokenFor('firm');
  const provided = (type: 'service' | 'listing' | 'designation') =>
    requiredMaterials(type, true).map((material) => ({ key: material.key, status: 'provided' }));
  const submitted = async (token: string, type: 'service' | 'listing' | 'designation', payload: unknown) => {
    const created = await call(token, `/v1/${type}-applications`, { payload, materials: provided(type) });
    const id = created.body.application.id as string;
    await call(token, `/v1/${type}-applications/${id}/submit`, {}, created.etag);
    return id;
  };
  // A downstream system's endpoint, so that the webhooks page lists one (nothing is delivered in these tests).
  await call(await server.tokenFor('downstream', 'gc-sys-a11y'), '/v1/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['release.published'] });
  const changeSet = await call(officer, '/v1/change-sets', {
    title: '核酸检测（单样）价格调整（无障碍测试）',
    changes: [
      {
        kind: 'price-items',
        code: '250403100010000',
        op: 'set',
        validFrom: '2030-01-01T00:00:00+08:00',
        attributes: { name: '新型冠状病毒核酸检测（单样）', unit: '人次', category: '核酸检测', priceFen: 1500 },
      },
    ],
  });
  return {
    changeSet: changeSet.body.id as string,
    draft: (
      await call(hospital, '/v1/service-applications', {
        payload: servicePayload({ greenChannel: true, itemCode: '250403100090078' }),
        materials: provided('service'),
      })
    ).body.application.id,
    service: await submitted(
      hospital,
      'service',
      servicePayload({ greenChannel: true, itemCode: '250403100090077', itemName: '新型冠状病毒中和抗体检测（长名称换行测试）' }),
    ),
    listing: await submitted(firm, 'listing', {
      product: '奈玛特韦片/利托那韦片组合包装',
      productType: 'drug',
      specification: '20片+10片/盒',
      manufacturer: '示例制药有限公司',
      registrationNumber: '示例-国药准字H0000001',
      listedPriceFen: 189000,
      firm: '示例医药有限公司',
      inNinthEditionPlan: true,
      greenChannel: true,
      offlinePurchaseAllowed: true,
    }),
    designation: await submitted(hospital, 'designation', { poolingArea: '220100', grade: '3', covidBeds: 300, requests: ['designation', 'settlement'] }),
  };
}

/**
 * Goes to `hash` the way a link does and waits until the page has its heading and nothing is
 * loading anywhere in it; whether the hash changed (a page shown again is no navigation).
 */
async function visit(page: Page, hash: string): Promise<boolean> {
  const navigated = await page.evaluate(async (to) => {
    const app = document.querySelector('gc-app') as (HTMLElement & { updateComplete: Promise<unknown> }) | null;
    const away = location.hash !== to;
    if (away) {
      const changed = new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
      location.hash = to;
      await changed;
    }
    await app?.updateComplete;
    return away;
  }, hash);
  await page.waitForFunction(() => {
    const all: Element[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        all.push(element);
        if (element.shadowRoot) walk(element.shadowRoot);
      }
    };
    walk(document);
    const main = document.querySelector('gc-app')?.shadowRoot?.querySelector('main');
    const content = main?.firstElementChild;
    return Boolean(content && (content.shadowRoot ?? content).querySelector('h1')) && !all.some((element) => element.getAttribute('data-testid') === 'loading');
  });
  // The shell moves focus a frame after the page is ready; wait for it (the check then says where it went).
  if (navigated) await page.waitForFunction(() => document.activeElement !== document.body, undefined, { timeout: 2000 }).catch(() => undefined);
  return navigated;
}

/**
 * Visits each page in turn at phone width; one line for each page that axe, the page width or
 * the focus finds fault with (the rules with their elements, the elements sticking out).
 * `locale` is the language shown, which names the screenshots' folder.
 */
async function check(page: Page, hashes: string[], locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<string[]> {
  const findings: string[] = [];
  for (const hash of hashes) {
    const navigated = await visit(page, hash);
    const faults = await pageFaults(page);
    const focus = await deepActiveElement(page);
    if (navigated && !focus.startsWith('h1')) faults.push(`focus on ${focus}`);
    if (screenshots) await screenshot(page, `${screenshots}/${locale}/${hash.replace(/[^a-z0-9-]+/gi, '_').replace(/^_+/, '')}`);
    if (faults.length > 0) findings.push(`${hash}: ${faults.join('; ')}`);
  }
  return findings;
}

/** The whole page in slices a screen high (`<name>-1.png`, `-2.png`…), each small enough to look at. */
async function screenshot(page: Page, name: string): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let top = 0, slice = 1; top < height; top += PHONE.height, slice += 1) {
    await page.screenshot({
      path: `${name}-${slice}.png`,
      fullPage: true,
      clip: { x: 0, y: top, width: PHONE.width, height: Math.min(PHONE.height, height - top) },
    });
  }
}

describe('the console at phone width, checked by axe-core (issue 14 §6)', () => {
  let fixtures: Fixtures;
  beforeAll(async () => {
    const session = consoleSession();
    fixtures = await createFixtures(session.server);
    await session.page.setViewportSize(PHONE);
    await session.page.goto(`${session.server.baseUrl}/`);
  });

  const rules = ['drug-coverage', 'service-coverage', 'contribution-relief', 'medical-assistance', 'out-of-area', 'prepayment', 'offline-purchase', 'deadline'];
  const visits: [string, string, string, (fixtures: Fixtures) => string[]][] = [
    [
      'pricing staff',
      'pricing-a',
      '王芳',
      (f) => [
        '#/price-items',
        '#/price-items/250403100010000',
        '#/drug-entries',
        '#/drug-entries/SZ3-0001',
        '#/listings',
        '#/listings/GW-2022-AZV-001',
        '#/measures',
        '#/measures/220100-contribution-halving-2022',
        '#/change-sets',
        `#/change-sets/${f.changeSet}`,
        '#/releases',
        '#/releases/3',
        '#/releases/compare?kind=price-items&from=2&to=3',
        '#/search?q=hsjc',
        '#/calendar',
        '#/calendar?month=2022-11',
        '#/notifications',
        '#/webhooks',
        ...rules.map((rule) => `#/rules/${rule}`),
      ],
    ],
    [
      'reviewer',
      'reviewer',
      '赵敏',
      (f) => [
        '#/applications/service',
        `#/applications/service/${f.service}`,
        '#/applications/listing',
        `#/applications/listing/${f.listing}`,
        '#/applications/designation',
        `#/applications/designation/${f.designation}`,
      ],
    ],
    [
      'hospital',
      'hospital',
      '刘医生',
      (f) => [
        '#/applications/service',
        `#/applications/service/${f.service}`,
        `#/applications/service/${f.draft}`,
        '#/apply/service',
        '#/apply/designation',
        '#/notifications',
      ],
    ],
    ['firm', 'firm', '陈经理', (f) => ['#/applications/listing', `#/applications/listing/${f.listing}`, '#/apply/listing']],
    ['admin', 'admin', '系统管理员', () => ['#/machine-clients', '#/users', '#/organisations', '#/webhooks', '#/price-items', '#/no-such-page']],
  ];

  it('shows the sign-in page without horizontal scrolling and with no serious axe violation', async () => {
    const { page } = consoleSession();
    await page.locator(byTestId('sign-in')).waitFor();
    expect(await pageFaults(page)).toEqual([]);
  });

  it.each(visits)(
    'shows every page of %s without horizontal scrolling, with focus on its heading and no serious axe violation',
    {
      timeout: 60_000,
    },
    async (_role, username, name, hashes) => {
      const session = consoleSession();
      const { page } = session;
      await signInWithPreset(page, username, name);
      expect(await page.locator(byTestId('sign-out')).isVisible()).toBe(true);
      const findings = await check(page, hashes(fixtures));
      await signOut(page);
      expect(findings).toEqual([]);
      expect(session.pageErrors).toEqual([]);
    },
  );

  it('shows the pages in English at phone width too, where words are longer', { timeout: 60_000 }, async () => {
    const { page } = consoleSession();
    const findings: string[] = [];
    for (const [, username, name, hashes] of [visits[0], visits[2]].filter((visit) => visit !== undefined)) {
      await signInWithPreset(page, username, name);
      await page.click(byTestId('locale-switch'));
      await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
      findings.push(...(await check(page, hashes(fixtures), 'en')));
      await page.click(byTestId('locale-switch'));
      await signOut(page);
    }
    expect(findings).toEqual([]);
  });

  it('takes the keyboard to the heading of what an action opens or replaces, and keeps forms and dialogs within a phone', {
    timeout: 60_000,
  }, async () => {
    const { page, pageErrors } = consoleSession();
    const findings: string[] = [];
    const focusedOn = async (what: string, heading: 'h1' | 'h2' | 'h3') => {
      await expect.poll(() => deepActiveElement(page), { message: what }).toMatch(new RegExp(`^${heading}`));
      findings.push(...(await pageFaults(page)).map((fault) => `${what}: ${fault}`));
      if (screenshots) await screenshot(page, `${screenshots}/action-${heading}-${findings.length}`);
    };

    await signInWithPreset(page, 'pricing-a', '王芳');
    await visit(page, '#/price-items/250403100010000');
    await page.click(byTestId('propose-change'));
    await focusedOn('the proposal form', 'h2');
    await page.click(`${byTestId('propose-change-panel')} ${byTestId('change-form-cancel')}`);
    await expect.poll(() => deepActiveElement(page)).toMatch(/^button/);
    await visit(page, `#/change-sets/${fixtures.changeSet}`);
    await page.click(byTestId('add-change'));
    await focusedOn('the change form of a change set', 'h3');
    await page.click(byTestId('change-form-cancel'));
    await page.click(byTestId('submit-change-set'));
    await page.locator('gc-state-badge[data-testid="change-set-state"][state="submitted"]').waitFor();
    await focusedOn('a change set just submitted', 'h1');
    // A new draft, then a file with a bad row: the change set opens with focus on its title, the error report fits the phone.
    await visit(page, '#/change-sets');
    await page.fill('#new-change-set-title', '导入药品目录（无障碍测试）');
    await page.click(byTestId('create-change-set'));
    await page.waitForURL(/#\/change-sets\/[^/]+$/);
    await focusedOn('a change set just created', 'h1');
    await page.selectOption('#import-kind', 'drug-entries');
    const badRow = 'A11Y-DRUG-001,2030-01-01,2030-07-01,示例注射液（无障碍测试）,注射剂,丙类,第四批省增药品';
    const file = ['编码,生效时间,失效时间,通用名,剂型,支付类别,批次', badRow, ''].join('\n');
    await page.setInputFiles('#import-file', { name: '药品目录.csv', mimeType: 'text/csv', buffer: Buffer.from(file, 'utf8') });
    await page.click(byTestId('import-submit'));
    await page.locator(byTestId('import-rejected')).waitFor();
    findings.push(...(await pageFaults(page)).map((fault) => `an import's error report: ${fault}`));
    for (const rule of rules) {
      await visit(page, `#/rules/${rule}`);
      await page.click(byTestId('rule-submit'));
      await page.locator(`${byTestId('rule-result')} gc-rule-answer`).waitFor();
      await focusedOn(`the answer of ${rule}`, 'h2');
    }
    await signOut(page);

    await signInWithPreset(page, 'pricing-b', '李强');
    await visit(page, `#/change-sets/${fixtures.changeSet}`);
    await page.click(byTestId('approve-change-set'));
    await page.locator(byTestId('ack-confirm')).waitFor();
    findings.push(...(await pageFaults(page)).map((fault) => `the approval dialog: ${fault}`));
    if (screenshots) await page.screenshot({ path: `${screenshots}/approval-dialog.png` });
    await page.click(byTestId('ack-cancel'));
    await signOut(page);

    await signInWithPreset(page, 'reviewer', '赵敏');
    await visit(page, `#/applications/service/${fixtures.service}`);
    await page.click(byTestId('step-accept'));
    await page.locator('gc-state-badge[data-testid="application-state"][state="accepted"]').waitFor();
    await focusedOn('an application just accepted', 'h1');
    await signOut(page);

    // The hospital is told its application was accepted; marking everything read disables the button that had focus.
    await signInWithPreset(page, 'hospital', '刘医生');
    await visit(page, '#/notifications');
    await page.click(byTestId('notifications-mark-all'));
    await focusedOn('the notifications all read', 'h1');
    await signOut(page);

    await signInWithPreset(page, 'admin', '系统管理员');
    await visit(page, '#/users');
    await page.locator(byTestId('change-org')).first().click();
    await focusedOn('the organisation form', 'h2');
    await visit(page, '#/machine-clients');
    await page.fill('#client-name', '无障碍测试 HIS');
    await page.fill('#client-contact', '信息科 张工');
    await page.click(byTestId('register-client'));
    await page.locator(byTestId('registered-client')).waitFor();
    findings.push(...(await pageFaults(page)).map((fault) => `a client just registered: ${fault}`));
    await page.locator(byTestId('revoke-client')).first().click();
    await page.click(byTestId('confirm-ok'));
    await page.locator(`${byTestId('client-row')}[data-revoked="true"]`).waitFor();
    await focusedOn('a client just revoked', 'h1');
    await visit(page, '#/webhooks');
    await page.locator(byTestId('show-attempts')).first().click();
    await focusedOn('a webhook’s attempts', 'h2');
    await signOut(page);
    expect(findings).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('rings every control the keyboard reaches with at least 2 px at 3:1 against its background', async () => {
    const { page } = consoleSession();
    await signInWithPreset(page, 'hospital', '刘医生');
    const faults: string[] = [];
    for (const hash of ['#/price-items/250403100010000', `#/applications/service/${fixtures.service}`, '#/apply/service']) {
      await visit(page, hash);
      faults.push(...(await focusRingFaults(page, 45)).map((fault) => `${hash}: ${fault}`));
    }
    await signOut(page);
    expect(faults).toEqual([]);
  });

  it('keeps tables as tables on a tablet, each box a table overflows scrollable by keyboard', async () => {
    const { page } = consoleSession();
    await page.setViewportSize({ width: 768, height: 1024 });
    await signInWithPreset(page, 'pricing-a', '王芳');
    const findings: string[] = [];
    for (const hash of ['#/price-items/250403100010000', '#/listings/GW-2022-AZV-001', '#/measures/220100-contribution-halving-2022', '#/releases/3']) {
      await visit(page, hash);
      findings.push(...(await pageFaults(page)).map((fault) => `${hash}: ${fault}`));
    }
    await signOut(page);
    await page.setViewportSize(PHONE);
    expect(findings).toEqual([]);
  });
});
