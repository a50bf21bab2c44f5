import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { MailSender } from '../jobs/send-mail.ts';

/**
 * Sending through Amazon SES (v2 API) from `from`, a verified identity of the account: plain
 * text in UTF-8, one recipient per mail. Answers SES's message id.
 */
export function sesMailSender(client: SESv2Client, from: string, configurationSet?: string): MailSender {
  return async ({ to, subject, text }) => {
    const result = await client.send(
      new SendEmailCommand({
        FromEmailAddress: from,
        Destination: { ToAddresses: [to] },
        Content: { Simple: { Subject: { Data: subject, Charset: 'UTF-8' }, Body: { Text: { Data: text, Charset: 'UTF-8' } } } },
        ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
      }),
    );
    if (!result.MessageId) throw new Error('SES answered without a message id');
    return result.MessageId;
  };
}
