import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/**
 * One port for the app and the provider: requests under `mountPath` go to the provider with the
 * prefix taken off the URL (and the full URL kept as `originalUrl`), as oidc-provider documents
 * for mounting in connect or hapi; the issuer's path tells the provider to put it back in every
 * URL it writes. Everything else goes to the app.
 */
export function withProviderAt(
  mountPath: string,
  provider: (req: IncomingMessage, res: ServerResponse) => void,
  app: RequestListener,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = req.url ?? '/';
    const rest = url.slice(mountPath.length);
    if (!url.startsWith(mountPath) || !(rest === '' || rest.startsWith('/') || rest.startsWith('?'))) return void app(req, res);
    (req as IncomingMessage & { originalUrl?: string }).originalUrl = url;
    req.url = rest.startsWith('/') ? rest : `/${rest}`;
    provider(req, res);
  };
}
