import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { byTestId, signInWithPreset, useConsoleSession } from './console-session.ts';

const consoleSession = useConsoleSession();

// SZ3-0002: a provincially-added drug of the seed's third batch, out of the payment scope at 2022-12-31 24:00.
const DRUG = 'SZ3-0002';

async function setDateTime(page: Page, field: string, date: string, time: string): Promise<void> {
  await page.fill(`#rule-${field}-date`, date);
  await page.fill(`#rule-${field}-time`, time);
}

/** Decide, and read the answer as shown: the decision, its words, the reasons and the JSON sent and received. */
async function decide(page: Page) {
  const [response] = await Promise.all([page.waitForResponse((candidate) => candidate.url().includes('/v1/rules/')), page.click(byTestId('rule-submit'))]);
  // The decision on the page is the one this request got, not the one before.
  const decision = page.locator(`${byTestId('decision')}[data-decision="${((await response.json()) as { decision: string }).decision}"]`);
  await decision.waitFor();
  const reasons = await page.locator(byTestId('reason')).all();
  return {
    decision: await decision.getAttribute('data-decision'),
    words: (await decision.textContent()) ?? '',
    // Only the coverage rules show a payment class.
    paymentClass: (await page.locator(byTestId('payment-class')).count()) ? ((await page.locator(byTestId('payment-class')).textContent()) ?? '') : '',
    clauses: await Promise.all(reasons.map((reason) => reason.getAttribute('data-clause'))),
    reasons: (await Promise.all(reasons.map((reason) => reason.textContent()))).join('\n'),
    json: (await page.locator(`${byTestId('rule-result')} details`).textContent()) ?? '',
  };
}

describe('the console: trying a rule', () => {
  it('shows drug coverage for an inpatient admitted before the cutoff, and none for an outpatient chronic disease (2022 No.13 §1)', {
    timeout: 45_000,
  }, async () => {
    const session = consoleSession();
    const { page } = session;
    await page.goto(`${session.server.baseUrl}/`);
    await signInWithPreset(page, 'reviewer', '赵敏');
    await page.click(byTestId('nav-rules'));
    await page.locator(`${byTestId('rule-form')}[data-rule="drug-coverage"]`).waitFor();

    await page.fill('#rule-drugCode', DRUG);
    await page.selectOption('#rule-setting', 'inpatient');
    await page.selectOption('#rule-covidStatus', 'none');
    // Admitted and first using it an hour before 2022-12-31 24:00 China time, used again after it.
    await setDateTime(page, 'admittedAt', '2022-12-31', '22:00');
    await setDateTime(page, 'firstUsedAt', '2022-12-31', '23:00');
    await setDateTime(page, 'usedAt', '2023-01-03', '09:00');
    const covered = await decide(page);
    expect(covered.decision).toBe('covered');
    expect(covered.words).toContain('报销');
    expect(covered.clauses).toContain('2022 No.13 §1');
    expect(covered.paymentClass).toContain('省增');
    // The times went out as China time, whatever the browser's zone.
    expect(covered.json).toContain('"admittedAt": "2022-12-31T22:00:00+08:00"');
    const basis = page.locator(`${byTestId('basis-row')}[data-kind="drug-entries"][data-code="${DRUG}"]`);
    await basis.waitFor();

    // The same drug for an outpatient chronic disease: the grace does not apply.
    await page.selectOption('#rule-setting', 'outpatient-chronic');
    expect(await page.locator('#rule-admittedAt-date').count()).toBe(0);
    const notCovered = await decide(page);
    expect(notCovered.decision).toBe('not-covered');
    expect(notCovered.words).toContain('不予报销');
    expect(notCovered.clauses).toContain('2022 No.13 §1');
    expect(notCovered.reasons).toContain('门诊慢病');
    expect(notCovered.json).toContain('"setting": "outpatient-chronic"');

    // In English the reasons are said from their codes: no Chinese left in them (issue 14 §1).
    await page.click(byTestId('locale-switch'));
    // English is fetched the first time it is chosen.
    await page.locator(`${byTestId('reason')}[data-code="grace_not_for_chronic_or_special"]`, { hasText: 'outpatient chronic or special diseases' }).waitFor();
    const inEnglish = (await page.locator(byTestId('reason')).allTextContents()).join('\n');
    expect(inEnglish).toContain('outpatient chronic or special diseases');
    expect(inEnglish).toContain('2022-12-31 24:00');
    expect(inEnglish).not.toMatch(/[\u4e00-\u9fff\uff08\uff09\uff1b]/);
    await page.click(byTestId('locale-switch'));
    await page.locator(byTestId('reason'), { hasText: '门诊慢病' }).first().waitFor();

    // The basis links to the drug entry as published in the release the decision used.
    const release = await page.locator(byTestId('basis-row')).first().getAttribute('data-release');
    await page.click(`${byTestId('basis-row')} ${byTestId('basis-entry')}`);
    await page.locator(byTestId('as-of-notice')).waitFor();
    expect(page.url()).toContain(`#/drug-entries/${DRUG}?release=${release}`);
    expect(await page.locator(`${byTestId('period-end')}`).getAttribute('data-valid-to')).toBe('2023-01-01T00:00:00+08:00');
    expect(await page.locator(byTestId('period-end')).textContent()).toContain('2022-12-31 24:00');

    expect(session.pageErrors).toEqual([]);
  });

  it('offers the rules of issue 13: service items in temporary Class A (2020 No.2 §2(4)3), prepayment (2022 No.13 §5), relief by scheme and payer (2022 No.13 §2), the insured area’s own ratio out of area (2020 No.2 §2(4)1), offline purchase (2022 No.13 §6), extended deadlines (2020 No.2 §2(3))', {
    timeout: 45_000,
  }, async () => {
    // The same tab as the test before, still signed in as the reviewer.
    const session = consoleSession();
    const { page } = session;
    await page.click(byTestId('nav-rules'));

    await page.click(byTestId('rule-tab-service-coverage'));
    await page.locator(`${byTestId('rule-form')}[data-rule="service-coverage"]`).waitFor();
    // The example: the plan's PCR test for a confirmed patient in June 2022.
    const classA = await decide(page);
    expect(classA.decision).toBe('class-a');
    expect(classA.words).toContain('甲类');
    expect(classA.clauses).toContain('2020 No.2 §2(4)3');
    await page.selectOption('#rule-covidStatus', 'none');
    expect((await decide(page)).decision).toBe('ordinary');

    await page.click(byTestId('rule-tab-prepayment'));
    await page.locator(`${byTestId('rule-form')}[data-rule="prepayment"]`).waitFor();
    // The example: another designated institution that applied for 3 months.
    const allowed = await decide(page);
    expect(allowed.decision).toBe('allowed');
    expect(allowed.clauses).toContain('2022 No.13 §5');
    expect(await page.locator(byTestId('settlement')).textContent()).toContain('疫情结束后清算');
    await page.fill('#rule-months', '4');
    expect((await decide(page)).decision).toBe('not-allowed');
    await page.selectOption('#rule-institution', 'covid-treatment');
    const treating = await decide(page);
    expect(treating.decision).toBe('allowed');
    expect(await page.locator(byTestId('max-months')).textContent()).toContain('不设上限');

    // Contribution relief by scheme and payer part (2022 No.13 §2): the example is Changchun's employers in June 2022.
    await page.click(byTestId('rule-tab-contribution-relief'));
    await page.locator(`${byTestId('rule-form')}[data-rule="contribution-relief"]`).waitFor();
    const halved = await decide(page);
    expect(halved.decision).toBe('allowed');
    expect(await page.locator(byTestId('payable-percent')).textContent()).toContain('50%');
    await page.selectOption('#rule-payer', 'individual');
    await decide(page);
    expect(await page.locator(byTestId('halving')).textContent()).toContain('不适用');
    expect(await page.locator(byTestId('payable-percent')).textContent()).toContain('100%');

    // Out-of-area (2020 No.2 §2(4)1): a suspected patient insured in Jilin city keeps Jilin city's own ratio, treated first.
    await page.click(byTestId('rule-tab-out-of-area'));
    await page.locator(`${byTestId('rule-form')}[data-rule="out-of-area"]`).waitFor();
    await page.fill('#rule-insuredArea', '220200');
    await page.selectOption('#rule-reason', 'covid-suspected');
    await setDateTime(page, 'at', '2022-05-10', '10:00');
    const outOfArea = await decide(page);
    expect(outOfArea.decision).toBe('insured-area-ratio');
    expect(outOfArea.clauses).toContain('2020 No.2 §2(4)1');
    expect(await page.locator(byTestId('ratio')).textContent()).toContain('78%');
    expect(await page.locator(byTestId('treat-first')).textContent()).toContain('是');

    // Offline purchase (2022 No.13 §6): the example is Azvudine's listing, flagged by the listing itself.
    await page.click(byTestId('rule-tab-offline-purchase'));
    await page.locator(`${byTestId('rule-form')}[data-rule="offline-purchase"]`).waitFor();
    const offline = await decide(page);
    expect(offline.decision).toBe('allowed');
    expect(offline.clauses).toContain('2022 No.13 §6');
    expect(await page.locator(byTestId('offline-source')).textContent()).toContain('挂网时标明');

    // Extended deadlines (2020 No.2 §2(3)3): a March 2020 statement submitted in May is on time, to 2020-06-30 24:00.
    await page.click(byTestId('rule-tab-deadline'));
    await page.locator(`${byTestId('rule-form')}[data-rule="deadline"]`).waitFor();
    const onTime = await decide(page);
    expect(onTime.decision).toBe('on-time');
    expect(onTime.clauses).toContain('2020 No.2 §2(3)3');
    expect(await page.locator(byTestId('deadline')).textContent()).toContain('2020-06-30 24:00');

    expect(session.pageErrors).toEqual([]);
  });
});
