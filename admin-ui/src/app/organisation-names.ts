/**
 * The organisation names this console has read (issue 14 §7): its own, from the header's one
 * request a session, and those the application answers carry. Texts made where no answer is at
 * hand (a refused step's termination) say the name from here, or the code when none was read.
 */
const known = new Map<string, string>();

/** Keep the names of answers that carry one. */
export function rememberOrganisationNames(entries: Iterable<{ orgId: string; name?: string | undefined }>): void {
  for (const { orgId, name } of entries) if (name) known.set(orgId, name);
}

export function knownOrganisationName(orgId: string): string | undefined {
  return known.get(orgId);
}
