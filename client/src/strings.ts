// The one string table of the client: every user-visible string, in English (default, strings-en.ts) and Simplified
// Chinese (strings-zh-CN.ts), behind one typed lookup `t`. A language switch touches one table.

import { en } from './strings-en';
import { zhCN } from './strings-zh-CN';

export type StringKey = keyof typeof en;
export type Dictionary = Record<StringKey, string>;

/** The `{name}` placeholders of a string literal type, as a union of names (never when there are none). */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** The parameters `t(key, ...)` takes: none for a plain string, an object with every placeholder otherwise. */
export type StringParams<K extends StringKey> = [Placeholders<(typeof en)[K]>] extends [never]
  ? []
  : [params: Record<Placeholders<(typeof en)[K]>, string | number>];

export const languages = { en, 'zh-CN': zhCN } as const satisfies Record<string, Dictionary>;
export type Language = keyof typeof languages;

let current: Language = 'en';

export function setLanguage(language: Language): void {
  current = language;
}

export function getLanguage(): Language {
  return current;
}

export function isLanguage(value: string | null | undefined): value is Language {
  return value != null && Object.hasOwn(languages, value);
}

/** The text of a key built at run time (an event type, an end reason), in the current language, or undefined when
 * the table has no such key (a value from a newer server): the caller then shows the raw value. */
export function lookup(key: string): string | undefined {
  const table: Readonly<Record<string, string>> = languages[current];
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Looks up `key` in the current language and fills its `{name}` placeholders from the parameters. */
export function t<K extends StringKey>(key: K, ...params: StringParams<K>): string {
  const text: string = languages[current][key];
  const values: Readonly<Record<string, string | number>> | undefined = params[0];
  if (values === undefined) {
    return text;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}
