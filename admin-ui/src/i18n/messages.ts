import { shellEn, shellZhCN } from './messages-shell.ts';
import { catalogEn, catalogZhCN } from './messages-catalog.ts';
import { measuresEn, measuresZhCN } from './messages-measures.ts';
import { changesEn, changesZhCN } from './messages-changes.ts';
import { applicationsEn, applicationsZhCN } from './messages-applications.ts';
import { designationEn, designationZhCN } from './messages-designation.ts';
import { rulesEn, rulesZhCN } from './messages-rules.ts';
import { impactEn, impactZhCN } from './messages-impact.ts';
import { usersEn, usersZhCN } from './messages-users.ts';
import { organisationsEn, organisationsZhCN } from './messages-organisations.ts';
import { webhooksEn, webhooksZhCN } from './messages-webhooks.ts';
import { problemsEn, problemsZhCN } from './messages-problems.ts';
import { notificationsEn, notificationsZhCN } from './messages-notifications.ts';
import { emailEn, emailZhCN } from './messages-email.ts';
import { calendarEn, calendarZhCN } from './messages-calendar.ts';
import { searchEn, searchZhCN } from './messages-search.ts';
import { documentsEn, documentsZhCN } from './messages-documents.ts';
import { reasonsEn, reasonsZhCN } from './messages-reasons.ts';

/**
 * Every text of the console, in zh-CN (the default) and English, one file a feature. `{name}`
 * placeholders are filled by `t()`. Each English table has exactly the keys of its Chinese one.
 */
export const zhCN = {
  ...shellZhCN,
  ...catalogZhCN,
  ...measuresZhCN,
  ...changesZhCN,
  ...applicationsZhCN,
  ...designationZhCN,
  ...rulesZhCN,
  ...reasonsZhCN,
  ...impactZhCN,
  ...usersZhCN,
  ...organisationsZhCN,
  ...webhooksZhCN,
  ...problemsZhCN,
  ...searchZhCN,
  ...documentsZhCN,
  ...notificationsZhCN,
  ...emailZhCN,
  ...calendarZhCN,
} as const;

export type MessageKey = keyof typeof zhCN;

export const en: Record<MessageKey, string> = {
  ...shellEn,
  ...catalogEn,
  ...measuresEn,
  ...changesEn,
  ...applicationsEn,
  ...designationEn,
  ...rulesEn,
  ...reasonsEn,
  ...impactEn,
  ...usersEn,
  ...organisationsEn,
  ...webhooksEn,
  ...problemsEn,
  ...searchEn,
  ...documentsEn,
  ...notificationsEn,
  ...emailEn,
  ...calendarEn,
};
