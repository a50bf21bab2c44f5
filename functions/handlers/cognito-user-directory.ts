import type { AttributeType, UserType } from '@aws-sdk/client-cognito-identity-provider';
import { Role } from '#catalog/identity.ts';
import type { UserAccount } from '#catalog/user-account.ts';
import { roleOf } from '../http/claims.ts';
import type { UserDirectory } from '../http/user-directory.ts';
import { type CognitoClient, lazyCognito } from './cognito-sdk.ts';

/** The organisation attribute an admin sets (only administrators may: no app client writes it). */
const orgAttribute = 'custom:orgId';

/**
 * People in the Cognito user pool (issue 10 §7): their role is their group (by the API's own
 * rule when there are several), their organisation `custom:orgId`. Setting an organisation is
 * AdminUpdateUserAttributes, which only this function's IAM role may call.
 */
export function cognitoUserDirectory({ userPoolId, client }: { userPoolId: string; client?: CognitoClient }): UserDirectory {
  const cognito = lazyCognito(client);

  const groupsByUser = async (): Promise<Map<string, string[]>> => {
    const { ListUsersInGroupCommand } = await cognito.sdk();
    const groups = new Map<string, string[]>();
    for (const role of Role.options) {
      let token: string | undefined;
      do {
        const page = await (await cognito.client()).send(new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: role, NextToken: token }));
        for (const user of page.Users ?? []) if (user.Username) groups.set(user.Username, [...(groups.get(user.Username) ?? []), role]);
        token = page.NextToken;
      } while (token);
    }
    return groups;
  };

  const groupsOf = async (username: string): Promise<string[]> => {
    const { AdminListGroupsForUserCommand } = await cognito.sdk();
    const client = await cognito.client();
    const groups: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: username, NextToken: token }));
      for (const group of page.Groups ?? []) if (group.GroupName) groups.push(group.GroupName);
      token = page.NextToken;
    } while (token);
    return groups;
  };

  return {
    async list() {
      const { ListUsersCommand } = await cognito.sdk();
      const groups = await groupsByUser();
      const accounts: UserAccount[] = [];
      let token: string | undefined;
      do {
        const page = await (await cognito.client()).send(new ListUsersCommand({ UserPoolId: userPoolId, PaginationToken: token }));
        for (const user of page.Users ?? []) {
          if (user.Username) accounts.push(accountOf(user.Username, user, groups.get(user.Username) ?? []));
        }
        token = page.PaginationToken;
      } while (token);
      return accounts.sort((a, b) => a.username.localeCompare(b.username));
    },

    async get(username) {
      const { AdminGetUserCommand, UserNotFoundException } = await cognito.sdk();
      try {
        const user = await (await cognito.client()).send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
        return accountOf(username, { Attributes: user.UserAttributes, Enabled: user.Enabled }, await groupsOf(username));
      } catch (error) {
        if (error instanceof UserNotFoundException) return undefined;
        throw error;
      }
    },

    async bySub(sub) {
      const { ListUsersCommand } = await cognito.sdk();
      // A sub is a UUID; anything else cannot name a user, and must not reach the filter's quotes.
      if (!/^[\w-]{1,128}$/.test(sub)) return undefined;
      const page = await (await cognito.client()).send(new ListUsersCommand({ UserPoolId: userPoolId, Filter: `sub = "${sub}"`, Limit: 1 }));
      const user = page.Users?.[0];
      return user?.Username ? accountOf(user.Username, user, await groupsOf(user.Username)) : undefined;
    },

    async setOrganisation(username, orgId) {
      const { AdminUpdateUserAttributesCommand } = await cognito.sdk();
      await (await cognito.client()).send(
        new AdminUpdateUserAttributesCommand({ UserPoolId: userPoolId, Username: username, UserAttributes: [{ Name: orgAttribute, Value: orgId }] }),
      );
    },
  };
}

function accountOf(username: string, user: Pick<UserType, 'Attributes' | 'Enabled'>, groups: readonly string[]): UserAccount {
  const attribute = (name: string) => user.Attributes?.find((candidate: AttributeType) => candidate.Name === name)?.Value;
  const role = roleOf(groups);
  const orgId = attribute(orgAttribute);
  const email = attribute('email');
  const sub = attribute('sub');
  return {
    username,
    ...(sub ? { sub } : {}),
    name: attribute('name') ?? email ?? username,
    ...(role === undefined ? {} : { role }),
    ...(orgId ? { orgId } : {}),
    ...(email ? { email } : {}),
    enabled: user.Enabled !== false,
  };
}
