import { api } from './api.ts';
import { applyToDocument } from './i18n.ts';
import './gc-app.ts';

/**
 * Start the console. On AWS the deployment publishes /config.json with the API's URL; locally
 * there is none and the API is on the console's own origin.
 */
async function start(): Promise<void> {
  try {
    const response = await fetch('/config.json', { headers: { Accept: 'application/json' } });
    const config: unknown = response.ok ? await response.json() : undefined;
    const apiUrl = (config as { apiUrl?: unknown } | undefined)?.apiUrl;
    if (typeof apiUrl === 'string' && apiUrl) api.configure({ baseUrl: apiUrl });
  } catch {
    // no runtime config: same origin
  }
  applyToDocument();
  document.body.append(document.createElement('gc-app'));
}

void start();
