import { css, html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { RuleAnswer, RuleContracts, RuleName } from '../api/api.ts';
import { formatChinaEnd, formatYuan } from '../format/format.ts';
import { LocaleController, t, type MessageKey } from '../i18n/i18n.ts';
import { reasonText } from '../i18n/reason-text.ts';
import { href } from '../app/router.ts';
import { baseStyles } from '../styles/styles.ts';
import { TableController } from '../app/table-controller.ts';

type Tone = 'yes' | 'no' | 'neutral';

/** How each decision reads, and whether it is good news for the patient, area or institution. */
const decisions: Record<string, { label: MessageKey; tone: Tone }> = {
  covered: { label: 'decision.covered', tone: 'yes' },
  'not-covered': { label: 'decision.not-covered', tone: 'no' },
  'class-a': { label: 'decision.class-a', tone: 'yes' },
  ordinary: { label: 'decision.ordinary', tone: 'neutral' },
  'not-priced': { label: 'decision.not-priced', tone: 'no' },
  'on-time': { label: 'decision.on-time', tone: 'yes' },
  late: { label: 'decision.late', tone: 'no' },
  allowed: { label: 'decision.allowed', tone: 'yes' },
  'not-allowed': { label: 'decision.not-allowed', tone: 'no' },
  pay: { label: 'decision.pay', tone: 'yes' },
  'not-eligible': { label: 'decision.not-eligible', tone: 'no' },
  'no-measure': { label: 'decision.no-measure', tone: 'neutral' },
  'insured-area-ratio': { label: 'decision.insured-area-ratio', tone: 'yes' },
  'out-of-area-ratio': { label: 'decision.out-of-area-ratio', tone: 'neutral' },
};

/**
 * A rule's decision, as staff need to read it: the decision large, the rule's own figures, each
 * reason with the clause it comes from, and the basis (the entry versions used, each linked to
 * the entry as of the release that published it).
 *
 * @property rule - which rule answered
 * @property answer - the answer
 */
export class GcRuleAnswer extends LitElement {
  static override styles = [
    baseStyles,
    css`
      .decision {
        display: flex;
        align-items: baseline;
        gap: 16px;
        flex-wrap: wrap;
        padding: 14px 18px;
        border-radius: 4px;
        border: 1px solid;
        margin-bottom: 16px;
      }
      .decision strong {
        font-size: 24px;
      }
      .yes {
        color: var(--gc-ok);
        background: var(--gc-ok-bg);
        border-color: var(--gc-ok-border);
      }
      .no {
        color: var(--gc-danger);
        background: var(--gc-danger-bg);
        border-color: var(--gc-danger-border);
      }
      .neutral {
        color: var(--gc-warning-text);
        background: var(--gc-warning-bg);
        border-color: var(--gc-warning-border);
      }
      /* Small, in the decision's own colour: faded, it fell under 4.5:1 on the tinted box. */
      .decision .code {
        font-size: 12px;
      }
      .figures {
        display: flex;
        gap: 16px 32px;
        flex-wrap: wrap;
        margin-bottom: 16px;
      }
      .figure .value {
        font-size: 18px;
        font-weight: 600;
        font-variant-numeric: tabular-nums;
      }
      ol.reasons {
        margin: 0 0 16px;
        padding-left: 22px;
      }
      ol.reasons li {
        margin-bottom: 6px;
      }
      .clause {
        margin-right: 8px;
        font-family: ui-monospace, Menlo, monospace;
      }
    `,
  ];

  @property() rule!: RuleName;
  @property({ attribute: false }) answer: RuleAnswer | undefined;
  private readonly locale = new LocaleController(this);
  private readonly tables = new TableController(this);

  override render() {
    const answer = this.answer;
    if (!answer) return null;
    // The answer schemas type `decision` loosely (unknown); it is always one of the strings above.
    const code = String(answer.decision);
    const decision = decisions[code] ?? { label: 'decision.unknown', tone: 'neutral' };
    return html`
      <div class="decision ${decision.tone}" data-testid="decision" data-decision=${code} role="status">
        <strong>${t(decision.label)}</strong>
        <span class="code">${code}</span>
      </div>
      <div class="figures">${this.renderFigures()}</div>
      <h3>${t('rule.reasons')}</h3>
      <ol class="reasons">
        ${answer.reasons.map(
          (reason) =>
            html`<li data-testid="reason" data-clause=${reason.clause} data-code=${reason.code}><span class="tag clause">${reason.clause}</span>${reasonText(reason)}</li>`,
        )}
      </ol>
      <h3>${t('rule.basis')}</h3>
      ${
        answer.basis.length === 0
          ? html`<p class="muted" data-testid="no-basis">${t('rule.noBasis')}</p>`
          : html`<table data-testid="basis">
            <thead>
              <tr>
                <th>${t('rule.basisKind')}</th>
                <th>${t('field.code')}</th>
                <th>${t('rule.basisRelease')}</th>
              </tr>
            </thead>
            <tbody>
              ${answer.basis.map(
                (basis) => html`<tr data-testid="basis-row" data-kind=${basis.kind} data-code=${basis.code} data-release=${basis.release}>
                  <td>${t(`kind.${basis.kind}`)}</td>
                  <td><a class="code" href=${href.entry(basis.kind, basis.code, basis.release)} data-testid="basis-entry">${basis.code}</a></td>
                  <td><a href=${href.release(basis.release)}>${t('releases.number', { number: basis.release })}</a></td>
                </tr>`,
              )}
            </tbody>
          </table>`
      }
      <p class="muted small">${t('rule.asOfRelease', { release: answer.asOfRelease })}</p>
    `;
  }

  /** The figures particular to each rule. */
  private renderFigures() {
    const figure = (label: MessageKey, value: unknown, testId = '') => html`<div class="figure" data-testid=${testId || 'figure'}>
      <div class="muted small">${t(label)}</div>
      <div class="value">${value}</div>
    </div>`;
    const yesNo = (value: boolean) => t(value ? 'common.yes' : 'common.no');
    switch (this.rule) {
      case 'drug-coverage': {
        const answer = this.answer as RuleContracts['drug-coverage']['answer'];
        return figure('field.paymentClass', answer.paymentClass ? t(`paymentClass.${answer.paymentClass}`) : '—', 'payment-class');
      }
      case 'service-coverage': {
        const answer = this.answer as RuleContracts['service-coverage']['answer'];
        return figure('field.paymentClass', answer.paymentClass ? t(`paymentClass.${answer.paymentClass}`) : '—', 'payment-class');
      }
      case 'contribution-relief': {
        const answer = this.answer as RuleContracts['contribution-relief']['answer'];
        const relief = (part: { status: string; allowed: boolean }, until?: string) =>
          part.allowed
            ? until
              ? t('rule.allowedUntil', { until: formatChinaEnd(until) })
              : t('common.yes')
            : t(`reliefStatus.${part.status as 'not-allowed'}`);
        const { halving, deferral, latePayment, baseDeclaration } = answer;
        return html`${figure('rule.halving', relief(halving, halving.until), 'halving')}
        ${figure('rule.payablePercent', `${halving.payablePercent}%`, 'payable-percent')}
        ${figure('rule.deferral', relief(deferral, deferral.makeUpBy), 'deferral')}
        ${figure('rule.latePayment', relief(latePayment, latePayment.extendedTo), 'late-payment')}
        ${figure('rule.baseDeclaration', relief(baseDeclaration, baseDeclaration.extendedTo), 'base-declaration')}
        ${figure('rule.benefitsContinue', yesNo(deferral.benefitsContinue || latePayment.benefitsContinue || baseDeclaration.benefitsContinue), 'benefits-continue')}`;
      }
      case 'medical-assistance': {
        const answer = this.answer as RuleContracts['medical-assistance']['answer'];
        return html`${figure('rule.amount', `${formatYuan(answer.amountFen)} ${t('field.yuan')}`, 'amount')}${figure('rule.ratio', answer.ratioPercent === null ? '—' : `${answer.ratioPercent}%`, 'ratio')}`;
      }
      case 'out-of-area': {
        const answer = this.answer as RuleContracts['out-of-area']['answer'];
        const { ratioRule } = answer;
        return html`${figure('rule.filingRequired', yesNo(answer.filingRequired), 'filing')}
        ${figure('rule.ratioRule', t(`ratioRule.${ratioRule.rule}`, { grade: t(`grade.${String(ratioRule.institutionGrade) as '1' | '2' | '3'}`) }), 'ratio-rule')}
        ${ratioRule.ratioPercent === undefined ? null : figure('rule.ratio', `${ratioRule.ratioPercent}%`, 'ratio')}
        ${figure('rule.treatFirst', yesNo(answer.treatFirstSettleAtDischarge), 'treat-first')}
        ${answer.decision === 'insured-area-ratio' ? figure('rule.eligibleUntil', answer.eligibleUntil ? formatChinaEnd(answer.eligibleUntil) : t('rule.periodOpen'), 'eligible-until') : null}`;
      }
      case 'offline-purchase': {
        const answer = this.answer as RuleContracts['offline-purchase']['answer'];
        return figure('rule.offlineSource', answer.source ? t(`offlineSource.${answer.source}`) : '—', 'offline-source');
      }
      case 'deadline': {
        const answer = this.answer as RuleContracts['deadline']['answer'];
        return html`${figure('rule.deadlineApplies', formatChinaEnd(answer.deadline), 'deadline')}${figure('rule.extended', yesNo(answer.extended), 'extended')}`;
      }
      case 'prepayment': {
        const answer = this.answer as RuleContracts['prepayment']['answer'];
        return html`${figure('rule.maxMonths', answer.maxMonths === null ? t('rule.noCap') : t('measure.monthsAtMost', { months: answer.maxMonths }), 'max-months')}
        ${figure('rule.onApplication', yesNo(answer.onApplication), 'on-application')}
        ${figure('rule.outsideTotalBudget', yesNo(answer.covidCostsOutsideTotalBudget), 'outside-total-budget')}
        ${figure('rule.periodEnds', answer.periodEnds ? formatChinaEnd(answer.periodEnds) : t('rule.periodOpen'), 'period-ends')}
        <div class="figure muted small" data-testid="settlement">${t('rule.settlementAfterEpidemic')}</div>`;
      }
    }
  }
}

customElements.define('gc-rule-answer', GcRuleAnswer);

declare global {
  interface HTMLElementTagNameMap {
    'gc-rule-answer': GcRuleAnswer;
  }
}
