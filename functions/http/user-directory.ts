import type { UserAccount } from '#catalog/user-account.ts';

/**
 * Where people's accounts live: the local provider's accounts, or the Cognito user pool on AWS.
 * With an external provider (the bureau's own, e.g. in an AWS China region) its administrators
 * manage people there, and the API has no directory: the admin page says so.
 */
export interface UserDirectory {
  /** Every person, sorted by username. */
  list(): Promise<UserAccount[]>;
  get(username: string): Promise<UserAccount | undefined>;
  /** The person whose tokens carry this `sub` (the mail job checks who is still who they were). */
  bySub(sub: string): Promise<UserAccount | undefined>;
  /** Set a hospital's or firm's user's organisation; their next token carries it. */
  setOrganisation(username: string, orgId: string): Promise<void>;
}
