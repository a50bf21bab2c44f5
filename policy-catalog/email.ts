import * as z from 'zod';
import { audiencesOf, type Notification } from './notifications.ts';
import type { UserAccount } from './user-account.ts';
import { chinaDateTimeLabel, chinaEndLabel } from './time.ts';

/**
 * E-mail for people who opt in (issue 14 §3): what they are told in the console, also by mail.
 * An address is used only once its owner has typed back the code mailed to it (double opt-in),
 * and only for their own notifications (their own, their organisation's, their role's).
 */
export const EmailAddress = z
  .email()
  .max(254)
  .transform((address) => address.toLowerCase())
  .meta({ description: 'Where the mail goes', example: 'liu.yisheng@jdyy.example.cn' });

export const EmailState = z.enum(['none', 'pending', 'active']).meta({
  id: 'EmailState',
  description: 'none: no mail; pending: a code was mailed to the address and not yet typed back; active: mail is sent',
});

export const EmailPreference = z
  .object({
    state: EmailState,
    address: z.string().optional(),
    since: z.string().optional().meta({ description: 'When mail began (active) or the code was mailed (pending)' }),
  })
  .meta({ id: 'EmailPreference' });
export type EmailPreference = z.infer<typeof EmailPreference>;

export const StartEmail = z.strictObject({ address: EmailAddress }).meta({ id: 'StartEmail' });
export const ConfirmEmail = z
  .strictObject({
    code: z
      .string()
      .regex(/^\d{6}$/, 'the six digits of the mailed code')
      .meta({ example: '042917' }),
  })
  .meta({ id: 'ConfirmEmail' });

export const MailStatus = z.enum(['queued', 'sent', 'failed']).meta({
  id: 'MailStatus',
  description: 'queued: waiting to be sent (locally: kept in the outbox, never sent); sent: the mail service took it; failed: given up after five attempts',
});

/** A mail in the outbox: every mail is queued here first, then sent by the mail job (SES on AWS). */
export const OutboxMail = z
  .object({
    id: z.string().meta({ description: 'Stable: one mail per person and notification (or per confirmation code)' }),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    queuedAt: z.string(),
    status: MailStatus,
    attempts: z.number().int(),
    sentAt: z.string().optional(),
    messageId: z.string().optional().meta({ description: 'The mail service’s id of the sent mail' }),
    lastError: z.string().optional(),
  })
  .meta({ id: 'OutboxMail' });
export type OutboxMail = z.infer<typeof OutboxMail>;

export interface MailContent {
  subject: string;
  text: string;
}

const applicationTypes: Record<string, string> = {
  service: '新增医疗服务价格项目申报',
  listing: '挂网申请',
  designation: '定点申请',
};

const applicationStates: Record<string, string> = {
  draft: '草稿',
  submitted: '已提交',
  accepted: '已受理',
  'supplement-requested': '待补正',
  'under-review': '审核中',
  'public-notice': '公示中',
  approved: '审核通过',
  rejected: '未通过',
  reconsideration: '复议中',
  withdrawn: '已撤回',
};

/** Where in the console a notification leads (the console's hash routes). */
export function consoleLink(consoleUrl: string, notification: Notification): string {
  const base = consoleUrl.replace(/\/+$/, '');
  const { applicationType, applicationId, changeSetId } = notification.params;
  if (applicationType && applicationId) return `${base}/#/applications/${applicationType}/${encodeURIComponent(applicationId)}`;
  if (changeSetId) return `${base}/#/change-sets/${encodeURIComponent(changeSetId)}`;
  return `${base}/#/notifications`;
}

/** What a notification says by mail, in Chinese (the bureau's language), with a link to the console. */
export function notificationMail(notification: Notification, consoleUrl: string): MailContent {
  const { params } = notification;
  const item = params.itemName ?? params.applicationId ?? '';
  const state = applicationStates[params.to ?? ''] ?? params.to ?? '';
  const due = params.dueAt ? chinaEndLabel(params.dueAt) : '';
  const lines: Record<Notification['kind'], string> = {
    'application-step': `您的申报“${item}”进入“${state}”。`,
    'supplement-requested': `您的申报“${item}”需要补交材料，请在绿色通道控制台上传或作容缺承诺。`,
    'public-notice-started': `您的申报“${item}”开始公示。`,
    'public-notice-ended': `您的申报“${item}”公示结束，现为“${state}”。`,
    'deadline-soon': `申报“${item}”将于 ${due} 到期（两个工作日内）。`,
    overdue: `申报“${item}”已超过办理时限（${due}）。`,
    'change-set-approved': `您的变更集“${params.title ?? ''}”已审批通过。`,
    'change-set-rejected': `您的变更集“${params.title ?? ''}”被退回。`,
    'change-set-published': `您的变更集“${params.title ?? ''}”已发布为第 ${params.release ?? ''} 版。`,
    'item-published': `您申报的“${item}”已发布（第 ${params.release ?? ''} 版）。`,
  };
  const line = lines[notification.kind];
  const kind = params.applicationType ? `${applicationTypes[params.applicationType] ?? params.applicationType}：` : '';
  return {
    subject: `【医保绿色通道】${line.replace(/。$/, '')}`,
    text: [`${kind}${line}`, `时间：${chinaDateTimeLabel(notification.at)}`, `查看：${consoleLink(consoleUrl, notification)}`, '', mailFooter].join('\n'),
  };
}

/** The mail that carries the code an address's owner types back to start mail. */
export function confirmationMail(code: string, consoleUrl: string): MailContent {
  return {
    subject: `【医保绿色通道】邮件提醒验证码 ${code}`,
    text: [
      `您的验证码是 ${code}，30 分钟内有效。`,
      `请在绿色通道控制台的“通知”页输入此验证码，开启邮件提醒：${consoleUrl.replace(/\/+$/, '')}/#/notifications`,
      '如果不是您本人操作，请忽略本邮件：不输入验证码，就不会向此地址发送任何邮件。',
      '',
      mailFooter,
    ].join('\n'),
  };
}

const mailFooter = '此邮件由医保绿色通道自动发送，请勿回复。如不再需要邮件提醒，可在控制台“通知”页关闭。';

/**
 * Whether a person may still be mailed what their audiences are told: their account is enabled
 * and gives them the very audiences they opted in with. Someone who left the organisation, or
 * the reviewers, or whose account was closed at the provider, is mailed nothing more.
 */
export function stillEntitled(sub: string, audiences: readonly string[], account: UserAccount | undefined): boolean {
  if (!account?.enabled || account.role === undefined) return false;
  const now = audiencesOf({ sub, name: account.name, role: account.role, ...(account.orgId === undefined ? {} : { orgId: account.orgId }) });
  return now.length === audiences.length && now.every((audience) => audiences.includes(audience));
}
