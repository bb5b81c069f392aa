import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { MeDocument } from '../gql/graphql';
import type { MeQuery, Role } from '../gql/graphql';
import { enumLabelMap } from './enumLabels';
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
