import { createContext, useCallback, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useMutation, useQuery } from 'urql';
import { MeDocument, SetMyLocaleDocument } from '../gql/graphql';
import type { Locale as ApiLocale, MeQuery, Role } from '../gql/graphql';
import { enumLabelMap } from './enumLabels';
import { currentLocale, onLocaleChange, useLocale, type Locale } from './i18n';
import { readStored, storageKeys, writeStored } from './storage';
import { authEvents, unauthenticatedEvent } from './urql';

// Who is signed in, shared by every page. The server enforces every rule;
// the pages only use this to offer what the user may do.

export const meQuery = MeDocument;

export type SessionData = NonNullable<MeQuery['me']>;

export interface SessionValue {
  /** Undefined while the first answer is on the way; null when signed out. */
  session: SessionData | null | undefined;
  error: unknown;
  refresh: () => void;
  /** True when the user has one of the roles. */
  can: (...roles: Role[]) => boolean;
}

const SessionContext = createContext<SessionValue>({ session: undefined, error: undefined, refresh: () => {}, can: () => false });

export function useSession(): SessionValue {
  return useContext(SessionContext);
}

const meContext = { additionalTypenames: ['Session', 'User'] };

export function SessionProvider({ children }: { children: ReactNode }) {
  const [{ data, error, fetching }, reexecute] = useQuery({ query: meQuery, context: useMemo(() => meContext, []) });
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);

  useEffect(() => {
    const onUnauthenticated = () => refresh();
    authEvents.addEventListener(unauthenticatedEvent, onUnauthenticated);
    return () => authEvents.removeEventListener(unauthenticatedEvent, onUnauthenticated);
  }, [refresh]);

  // Offline (no answer at all), an inspector keeps working on the session
  // last seen: what they record waits on the phone, and the server checks
  // the session again when it is sent. Only inspectors, only on a network
  // failure; signing out forgets it.
  useEffect(() => {
    if (data) writeStored(storageKeys.offlineSession, data.me && data.me.user.roles.includes('INSPECTOR') ? JSON.stringify(data.me) : null);
  }, [data]);
  const offline = useMemo(() => (!data && !!error?.networkError ? parseStored(readStored(storageKeys.offlineSession)) : undefined), [data, error]);
  const session = data ? data.me : offline ? offline : fetching ? undefined : error ? undefined : null;
  useRememberedLocale(data?.me?.user);
  const value = useMemo<SessionValue>(
    () => ({
      session,
      error: data || offline ? undefined : error,
      refresh,
      can: (...roles) => !!session && !session.restricted && session.user.roles.some((r) => roles.includes(r)),
    }),
    [session, error, data, offline, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

const fromApi: Record<ApiLocale, Locale> = { ZH_CN: 'zh-CN', EN: 'en' };
const toApi: Record<Locale, ApiLocale> = { 'zh-CN': 'ZH_CN', en: 'EN' };

/**
 * The language follows the signed-in user (issue 13): when the server's
 * answer brings a user or a locale not seen before (sign-in, another
 * browser's choice), the app switches to it; when the user switches, the
 * choice is saved on their account. Only a change of the server's value is
 * applied, never a mere difference. And while a switch is being saved, a
 * server value other than that choice is ignored: it is an earlier state
 * (two quick switches: the first save's answer says English while the user
 * has already gone back to Chinese), and applying it would undo the user's
 * latest choice.
 */
function useRememberedLocale(user: { id: string; locale?: ApiLocale | null } | undefined) {
  const { setLocale } = useLocale();
  const [, save] = useMutation(SetMyLocaleDocument);
  const seen = useRef<string | undefined>(undefined);
  // The signed-in user's locale as the server has it (or is being told), so
  // a switch to what the server already has saves nothing.
  const stored = useRef<{ userId: string; locale: Locale } | undefined>(undefined);
  // The user's latest choice until its save has been answered.
  const saving = useRef<{ userId: string; locale: Locale } | undefined>(undefined);
  const userId = user?.id;
  const apiLocale = user?.locale ?? undefined;

  useEffect(() => {
    if (!userId || !apiLocale) {
      stored.current = undefined;
      saving.current = undefined;
      return;
    }
    const locale = fromApi[apiLocale];
    const choice = saving.current;
    if (choice && choice.userId === userId && choice.locale !== locale) return;
    stored.current = { userId, locale };
    const key = `${userId}:${apiLocale}`;
    if (seen.current === key) return;
    seen.current = key;
    if (locale !== currentLocale()) setLocale(locale);
  }, [userId, apiLocale, setLocale]);

  useEffect(
    () =>
      onLocaleChange((next) => {
        const known = stored.current;
        if (!known || known.locale === next) return;
        const choice = { userId: known.userId, locale: next };
        stored.current = choice;
        saving.current = choice;
        // A failed save (offline) is not worth an error: the choice is
        // still remembered in this browser.
        void save({ locale: toApi[next] }).then(() => {
          if (saving.current === choice) saving.current = undefined;
        });
      }),
    [save],
  );
}

function parseStored(raw: string | null): SessionData | undefined {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as SessionData;
  } catch {
    return undefined;
  }
}

/** Role names from the server (lib/enumLabels). */
export const roleLabels = enumLabelMap('Role');
