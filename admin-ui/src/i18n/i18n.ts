import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type MessageKey, zhCN } from './zh-CN/index.ts';

export type Locale = 'zh-CN' | 'en';
export type { MessageKey };

const STORAGE_KEY = 'gc.locale';
const LOCALE_EVENT = 'gc-locale-change';
/** The texts by locale: Chinese in the bundle, English fetched the first time someone chooses it (a third of the console's code). */
const tables: Partial<Record<Locale, Record<MessageKey, string>>> = { 'zh-CN': zhCN };

let current: Locale = 'zh-CN';

/** The `{name}` placeholders of a text, as a union of their names. */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** The parameters of a message: a value for each of its placeholders (money already in yuan, instants already in China time). */
export type MessageParams<K extends MessageKey> = { [Name in Placeholders<(typeof zhCN)[K]>]: string | number };

/** Whether `K` is a union of several keys (a key made from data: a state, a reason's code, a spec's label). */
type IsUnion<K, All = K> = K extends unknown ? ([All] extends [K] ? false : true) : never;

/**
 * What `t(key, …)` takes after the key: for one key, nothing when its text has no placeholders,
 * else exactly a value for each; for a key made from data (a union), what the texts may use.
 */
type ParamsOf<K extends MessageKey> =
  true extends IsUnion<K> ? [params?: Record<string, string | number>] : [Placeholders<(typeof zhCN)[K]>] extends [never] ? [] : [params: MessageParams<K>];

/**
 * The text for `key` in the current locale, with `{name}` placeholders filled from `params`.
 * Every text the console shows goes through here; zh-CN is the default. The parameters are
 * typed from the Chinese text: for a key written out, a placeholder left out or misnamed fails
 * the typecheck; for keys made from data the catalogue tests check every placeholder.
 */
export function t<K extends MessageKey>(key: K, ...[params]: ParamsOf<K>): string {
  return fill((tables[current] ?? zhCN)[key], params ?? {});
}

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Whether `key` names a message (for keys made from data, such as a material's key). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zhCN, key);
}

export function locale(): Locale {
  return current;
}

/** The language chosen last time on this browser (English is fetched first); main.ts awaits it before the console renders. */
export function restoreLocale(): Promise<void> {
  return setLocale(readStoredLocale());
}

/** Switch the language everywhere: the choice is kept in localStorage and every LocaleController re-renders its host. */
export async function setLocale(next: Locale): Promise<void> {
  if (next === current) return;
  if (next === 'en') tables.en ??= (await import('./en/index.ts')).en;
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // storage may be unavailable (private mode); the switch still applies to this page
  }
  applyToDocument();
  window.dispatchEvent(new CustomEvent(LOCALE_EVENT, { detail: next }));
}

/** Sets `<html lang>` and the document title for the current locale. */
export function applyToDocument(): void {
  document.documentElement.lang = current;
  document.title = t('app.title');
}

/** Re-renders its host whenever the language is switched. Add one to every component that shows text. */
export class LocaleController implements ReactiveController {
  private readonly onChange = () => this.host.requestUpdate();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener(LOCALE_EVENT, this.onChange);
  }

  hostDisconnected(): void {
    window.removeEventListener(LOCALE_EVENT, this.onChange);
  }
}

function readStoredLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}
