import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as z from 'zod';
import type { UserAccount } from '#catalog/user-account.ts';
import type { UserDirectory } from '../../http/user-directory.ts';
import type { DemoUser } from './demo-users.ts';

const StoredOrganisations = z.record(z.string(), z.string());

/**
 * The local provider's people: the demo users, with the organisations an admin has set since
 * (kept in `oidc/accounts.json` under the data directory, so they survive a restart). The
 * provider reads a user's claims from here at every sign-in and token, so a change shows in the
 * user's next token, as on Cognito.
 */
export class LocalAccounts implements UserDirectory {
  private readonly users: Map<string, DemoUser>;
  private readonly organisations: Map<string, string>;

  constructor(
    demoUsers: readonly DemoUser[],
    private readonly file?: string,
  ) {
    this.users = new Map(demoUsers.map((user) => [user.username, user]));
    const stored = file && existsSync(file) ? StoredOrganisations.parse(JSON.parse(readFileSync(file, 'utf8'))) : {};
    this.organisations = new Map(Object.entries(stored));
  }

  /** The user as now: their demo data with the organisation an admin set, if any (and its name, when it is a demo organisation). */
  user(username: string): DemoUser | undefined {
    const user = this.users.get(username);
    const orgId = this.organisations.get(username);
    if (!user || orgId === undefined || orgId === user.orgId) return user;
    const orgName = [...this.users.values()].find((other) => other.orgId === orgId)?.orgName;
    const { orgName: _previous, ...rest } = user;
    return { ...rest, orgId, ...(orgName === undefined ? {} : { orgName }) };
  }

  all(): DemoUser[] {
    return [...this.users.keys()].map((username) => this.user(username) as DemoUser);
  }

  async list(): Promise<UserAccount[]> {
    return this.all()
      .filter((user) => user.role !== 'downstream')
      .map(toAccount)
      .sort((a, b) => a.username.localeCompare(b.username));
  }

  async get(username: string): Promise<UserAccount | undefined> {
    const user = this.user(username);
    return user && user.role !== 'downstream' ? toAccount(user) : undefined;
  }

  /** Locally a person's sub is their username. */
  bySub(sub: string): Promise<UserAccount | undefined> {
    return this.get(sub);
  }

  async setOrganisation(username: string, orgId: string): Promise<void> {
    if (!this.users.has(username)) throw new Error(`no local user ${username}`);
    this.organisations.set(username, orgId);
    if (!this.file) return;
    const partial = `${this.file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(Object.fromEntries(this.organisations), null, 2), { mode: 0o600 });
    renameSync(partial, this.file);
  }
}

function toAccount(user: DemoUser): UserAccount {
  return {
    username: user.username,
    sub: user.username,
    name: user.name,
    role: user.role,
    ...(user.orgId === undefined ? {} : { orgId: user.orgId }),
    enabled: true,
  };
}
