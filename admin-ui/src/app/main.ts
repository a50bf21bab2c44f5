import { inbox } from '../api/inbox-api.ts';
import { api } from '../api/api.ts';
import { documentsApi } from '../api/documents-api.ts';
import { emailApi } from '../api/email-api.ts';
import { organisations } from '../api/organisations-api.ts';
import { startAuth } from './auth.ts';
import { applyToDocument, restoreLocale } from '../i18n/i18n.ts';
import { loadRuntimeConfig } from './runtime-config.ts';
import { palette } from '../styles/tokens.ts';
import './gc-app.ts';

/**
 * Start the console: /config.json names the API (on AWS; locally it is the console's own
 * origin) and the OpenID Connect provider to sign in with; a return from the provider
 * (`/auth/callback?code=…`) is finished before anything renders.
 */
async function start(): Promise<void> {
  // The palette's custom properties at :root, inherited by every component's shadow root.
  const tokens = document.createElement('style');
  tokens.textContent = palette.cssText;
  document.head.append(tokens);
  const config = await loadRuntimeConfig();
  if (config.apiUrl) {
    api.configure({ baseUrl: config.apiUrl });
    documentsApi.configure({ baseUrl: config.apiUrl });
    emailApi.configure({ baseUrl: config.apiUrl });
    inbox.configure({ baseUrl: config.apiUrl });
    organisations.configure({ baseUrl: config.apiUrl });
  }
  try {
    await startAuth(config.signIn);
  } catch (error) {
    console.error('sign-in could not start:', error);
  }
  await restoreLocale().catch((error: unknown) => console.error('the language could not be loaded:', error));
  applyToDocument();
  document.body.append(document.createElement('gc-app'));
}

void start();
