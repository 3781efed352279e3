import type { Language } from "./language";

/** Messages are objects of {zh, en} pairs, one file per part of the app. */
export type Messages = Record<string, { zh: string; en: string }>;

/** The messages in one language, for a page or a client component's props. */
export function inLanguage<M extends Messages>(messages: M, lang: Language): { [K in keyof M]: string } {
  return Object.fromEntries(Object.entries(messages).map(([key, text]) => [key, text[lang]])) as { [K in keyof M]: string };
}

/** Fills {name} placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}
