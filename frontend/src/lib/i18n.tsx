import i18next from 'i18next';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { I18nextProvider, initReactI18next, useTranslation } from 'react-i18next';
import { readStored, storageKeys, writeStored } from './storage';

// The SPA's words, in two languages: zh-CN (the default, complete, the
// source) and English. Each feature folder declares its own catalogue in a
// `messages.ts` beside its components:
//
//   export const usePlanT = defineMessages('plan', {
//     title: '考评方案',
//     points: '{{points}} 分',
//   }, {
//     title: 'Evaluation plan',
//     points: '{{points}} pts',
//   });
//
// and a component calls `const t = usePlanT(); t('title')`. The English
// catalogue must have exactly the Chinese one's keys (the type checker
// says which are missing), so English cannot fall behind silently. A
// catalogue lives with the code that uses it, so a lazily loaded route
// brings its own words. Enum labels (PeriodState, Role, …) come from the
// server with both languages (lib/enumLabels.tsx), not from here.

export type Locale = 'zh-CN' | 'en';
export const locales: readonly Locale[] = ['zh-CN', 'en'];
export const defaultLocale: Locale = 'zh-CN';

export function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en';
}

function storedLocale(): Locale {
  const stored = readStored(storageKeys.locale);
  return isLocale(stored) ? stored : defaultLocale;
}

void i18next.use(initReactI18next).init({
  lng: storedLocale(),
  fallbackLng: defaultLocale,
  resources: {},
  // React escapes what it renders; i18next must not escape twice.
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});
if (typeof document !== 'undefined') document.documentElement.lang = i18next.language;

/** Options a message takes: its {{placeholders}}, and `count` for plurals. */
export type MessageValues = Record<string, string | number | undefined | null>;

/** A translator bound to one catalogue: only its keys are accepted. */
export type Translate<K extends string> = (key: K, values?: MessageValues) => string;

/**
 * Registers a feature's catalogue under `namespace` and returns the hook its
 * components use. Also returns `translate` for code outside components
 * (it reads the current language at call time, so call it during render or
 * in an event handler, never at module level).
 */
export function defineMessages<const M extends Record<string, string>>(
  namespace: string,
  zhCN: M,
  en: { [K in keyof M]: string },
): (() => Translate<keyof M & string>) & { translate: Translate<keyof M & string> } {
  i18next.addResourceBundle('zh-CN', namespace, zhCN, true, true);
  i18next.addResourceBundle('en', namespace, en, true, true);
  const translate: Translate<keyof M & string> = (key, values) => i18next.t(key, { ns: namespace, ...values }) as string;
  const useMessages = () => {
    const { t } = useTranslation(namespace);
    return useCallback<Translate<keyof M & string>>((key, values) => t(key, values ?? {}) as string, [t]);
  };
  return Object.assign(useMessages, { translate });
}

/** The current language outside React (e.g. for Intl formatting in lib/). */
export function currentLocale(): Locale {
  return isLocale(i18next.language) ? i18next.language : defaultLocale;
}

interface LocaleValue {
  locale: Locale;
  /** Switches the whole app and remembers the choice. */
  setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleValue>({ locale: defaultLocale, setLocale: () => {} });

export function useLocale(): LocaleValue {
  return useContext(LocaleContext);
}

const listeners = new Set<(locale: Locale) => void>();

/** Called with the new language after every switch (the session stores it on the server). */
export function onLocaleChange(listener: (locale: Locale) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(currentLocale);
  const setLocale = useCallback((next: Locale) => {
    writeStored(storageKeys.locale, next === defaultLocale ? null : next);
    void i18next.changeLanguage(next);
    document.documentElement.lang = next;
    setLocaleState(next);
    for (const listener of listeners) listener(next);
  }, []);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return (
    <I18nextProvider i18n={i18next}>
      <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>
    </I18nextProvider>
  );
}

/** Formats a number for the current language (grouping, decimals). */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(currentLocale(), options).format(value);
}

/**
 * A sentence the server writes in both languages (derivation steps,
 * consistency reasons, notifications…) in locale: the English when there is
 * one, else the Chinese — records written before the server wrote English
 * have it empty.
 */
export function bilingual(locale: Locale, zh: string, en: string | null | undefined): string {
  return locale === 'en' && en ? en : zh;
}

/** bilingual() in the language in use; the component re-renders on a switch. */
export function useBilingual(): (zh: string, en: string | null | undefined) => string {
  const { locale } = useLocale();
  return useCallback((zh: string, en: string | null | undefined) => bilingual(locale, zh, en), [locale]);
}
