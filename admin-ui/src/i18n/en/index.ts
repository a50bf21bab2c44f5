import type { MessageKey } from '../zh-CN/index.ts';
import { shellEn } from './shell.ts';
import { catalogEn } from './catalog.ts';
import { measuresEn } from './measures.ts';
import { changesEn } from './changes.ts';
import { applicationsEn } from './applications.ts';
import { designationEn } from './designation.ts';
import { rulesEn } from './rules.ts';
import { reasonsEn } from './reasons.ts';
import { impactEn } from './impact.ts';
import { usersEn } from './users.ts';
import { organisationsEn } from './organisations.ts';
import { webhooksEn } from './webhooks.ts';
import { problemsEn } from './problems.ts';
import { searchEn } from './search.ts';
import { documentsEn } from './documents.ts';
import { notificationsEn } from './notifications.ts';
import { emailEn } from './email.ts';
import { calendarEn } from './calendar.ts';

/** Every text of the console in English: exactly the keys of the Chinese, each with its placeholders (test/admin-ui/messages.test.ts). */
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
