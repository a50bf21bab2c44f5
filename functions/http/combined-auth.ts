import type { Auth } from './auth.ts';

/**
 * Several ways of signing in at once, tried in order; the first that knows the caller wins. Locally
 * that is the OIDC provider's tokens first, then the legacy HS256 dev tokens, until the console
 * signs in through the provider (issue 10, item 3). Each method refuses the other's tokens on its
 * own (asymmetric algorithms only there, the HMAC key here), so the order only saves work. Token
 * minting (dev sign-in, machine tokens) comes from whichever method offers it.
 */
export function combinedAuth(...methods: readonly Auth[]): Auth {
  const issueDevToken = methods.find((method) => method.issueDevToken)?.issueDevToken;
  const issueMachineToken = methods.find((method) => method.issueMachineToken)?.issueMachineToken;
  return {
    async identify(c) {
      for (const method of methods) {
        const identity = await method.identify(c);
        if (identity) return identity;
      }
      return undefined;
    },
    ...(issueDevToken ? { issueDevToken } : {}),
    ...(issueMachineToken ? { issueMachineToken } : {}),
  };
}
