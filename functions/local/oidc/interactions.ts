import type { Context, Middleware } from 'koa';
import type { Interaction, Provider } from 'oidc-provider';
import type { LocalAccounts } from './accounts.ts';
import type { DemoUser } from './demo-users.ts';

/** Where the provider sends a browser to sign in, under its mount path (oidc-provider's `interactions.url`). */
export function interactionPath(mountPath: string, uid: string): string {
  return `${mountPath}/interaction/${uid}`;
}

/**
 * The local provider's own pages, in front of its routes (paths here are below the mount path):
 * - `GET /demo-users`: who may sign in, without secrets;
 * - `GET /interaction/:uid`: the sign-in page, one button per demo user (no passwords: this
 *   provider exists only on a developer's machine); with a `login_hint` naming a demo user the
 *   browser is signed in at once, so the console's one-click sign-in still runs the whole
 *   authorization-code + PKCE flow;
 * - `POST /interaction/:uid/login` (`username=`): signs that user in;
 * - a consent prompt is granted at once: every client of this provider is the bureau's own.
 */
export function localInteractions({
  provider,
  mountPath,
  accounts,
  apiAudience,
}: {
  provider: Provider;
  mountPath: string;
  /** The demo users as now (an admin may have moved one to another organisation). */
  accounts: LocalAccounts;
  apiAudience: string;
}): Middleware {
  return async (ctx, next) => {
    const demoUsers = accounts.all();
    if (ctx.method === 'GET' && ctx.path === '/demo-users') {
      ctx.body = demoUsers.map(({ username, role, name, orgId, orgName }) => ({ username, role, name, ...(orgId ? { orgId, orgName } : {}) }));
      return;
    }
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(ctx.path);
    if (!match?.[1]) return next();
    const page = interactionPath(mountPath, match[1]);

    ctx.set('Cache-Control', 'no-store');
    const interaction = await provider.interactionDetails(ctx.req, ctx.res);
    if (interaction.uid !== match[1]) ctx.throw(400, 'this sign-in is not the one in progress; start again');

    if (interaction.prompt.name === 'consent') {
      return finish(ctx, provider, { consent: { grantId: await grantConsent(provider, interaction, apiAudience) } });
    }
    if (ctx.method === 'POST' && match[2]) {
      const user = accounts.user(new URLSearchParams(await readForm(ctx)).get('username') ?? '');
      if (!user) {
        ctx.status = 400;
        ctx.type = 'html';
        ctx.body = signInPage(demoUsers, page, '没有这个演示用户 / No such demo user');
        return;
      }
      return finish(ctx, provider, { login: { accountId: user.username } });
    }
    if (ctx.method !== 'GET' || match[2]) ctx.throw(405);
    const hinted = accounts.user(String(interaction.params.login_hint ?? ''));
    if (hinted) return finish(ctx, provider, { login: { accountId: hinted.username } });
    ctx.type = 'html';
    ctx.body = signInPage(demoUsers, page);
  };
}

async function finish(ctx: Context, provider: Provider, result: Parameters<Provider['interactionResult']>[2]): Promise<void> {
  const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: true });
  ctx.status = 303;
  ctx.redirect(returnTo);
}

/** The grant the prompt asks for: the OpenID scopes and claims requested, and the API's scopes. */
async function grantConsent(provider: Provider, interaction: Interaction, apiAudience: string): Promise<string> {
  const { details } = interaction.prompt;
  const accountId = interaction.session?.accountId;
  const clientId = String(interaction.params.client_id);
  const grant = (interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined) ?? new provider.Grant({ accountId, clientId });
  if (Array.isArray(details.missingOIDCScope)) grant.addOIDCScope(details.missingOIDCScope.join(' '));
  if (Array.isArray(details.missingOIDCClaims)) grant.addOIDCClaims(details.missingOIDCClaims);
  const missingResourceScopes = (details.missingResourceScopes ?? {}) as Record<string, string[]>;
  for (const [indicator, scopes] of Object.entries(missingResourceScopes)) grant.addResourceScope(indicator, scopes.join(' '));
  if (!missingResourceScopes[apiAudience]) grant.addResourceScope(apiAudience, 'catalog/read');
  return grant.save();
}

async function readForm(ctx: Context): Promise<string> {
  let body = '';
  for await (const chunk of ctx.req) {
    body += chunk;
    if (body.length > 4096) ctx.throw(413);
  }
  return body;
}

const roleLabels: Record<DemoUser['role'], string> = {
  'pricing-staff': '价格处',
  reviewer: '审核处',
  hospital: '医院',
  firm: '企业',
  downstream: '下游系统',
  admin: '管理员',
};

function signInPage(demoUsers: readonly DemoUser[], action: string, problem?: string): string {
  const buttons = demoUsers
    .map(
      (user) =>
        `<button name="username" value="${htmlText(user.username)}">${htmlText(roleLabels[user.role])} · ${htmlText(user.name)}${user.orgName ? `<small>${htmlText(user.orgName)}</small>` : ''}</button>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>登录 · 本地演示身份</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto}button{display:block;width:100%;margin:.4rem 0;padding:.6rem;text-align:left}small{display:block;color:#555}</style></head>
<body><h1>选择演示身份</h1><p>本地 OpenID Connect 提供方（仅开发用，无密码）</p>${problem ? `<p role="alert">${htmlText(problem)}</p>` : ''}
<form method="post" action="${htmlText(action)}/login">
${buttons}
</form></body></html>`;
}

function htmlText(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
