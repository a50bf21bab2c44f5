import { shellZhCN } from './shell.ts';
import { catalogZhCN } from './catalog.ts';
import { measuresZhCN } from './measures.ts';
import { changesZhCN } from './changes.ts';
import { applicationsZhCN } from './applications.ts';
import { designationZhCN } from './designation.ts';
import { rulesZhCN } from './rules.ts';
import { reasonsZhCN } from './reasons.ts';
import { impactZhCN } from './impact.ts';
import { usersZhCN } from './users.ts';
import { organisationsZhCN } from './organisations.ts';
import { webhooksZhCN } from './webhooks.ts';
import { problemsZhCN } from './problems.ts';
import { searchZhCN } from './search.ts';
import { documentsZhCN } from './documents.ts';
import { notificationsZhCN } from './notifications.ts';
import { emailZhCN } from './email.ts';
import { calendarZhCN } from './calendar.ts';

/**
 * Every text of the console in zh-CN, the default, one file a feature (the English ones are in
 * ../en/, loaded only when someone chooses English). `{name}` placeholders are filled by `t()`.
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
