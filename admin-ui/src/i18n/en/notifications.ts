import type { notificationsZhCN } from '../zh-CN/notifications.ts';

/** The English of ../zh-CN/notifications.ts: the same keys and placeholders. */
export const notificationsEn: Record<keyof typeof notificationsZhCN, string> = {
  'notifications.title': 'Notifications',
  'notifications.subtitle': 'What happened to you, your organisation and your role, newest first',
  'notifications.bell': 'Notifications',
  'notifications.bellUnread': 'Notifications, {count} unread',
  'notifications.none': 'No notifications yet',
  'notifications.markAll': 'Mark all read',
  'notifications.more': 'Older notifications',
  'notifications.unreadTag': 'Unread',
  'notifications.unreadCount': '{count} unread',
  'notifications.kind.application-step': 'Your application “{item}” is now “{state}”',
  'notifications.kind.supplement-requested': 'Your application “{item}” needs more materials',
  'notifications.kind.public-notice-started': 'Public notice of your application “{item}” has started',
  'notifications.kind.public-notice-ended': 'Public notice of your application “{item}” has ended; it is now “{state}”',
  'notifications.kind.deadline-soon': 'Application “{item}” is due on {due} (within two working days)',
  'notifications.kind.overdue': 'Application “{item}” is overdue (due {due})',
  'notifications.kind.change-set-approved': 'Your change set “{title}” was approved',
  'notifications.kind.change-set-rejected': 'Your change set “{title}” was returned',
  'notifications.kind.change-set-published': 'Your change set “{title}” was published as release {release}',
  'notifications.kind.item-published': 'The item you applied for, “{item}”, is published (release {release})',
};
