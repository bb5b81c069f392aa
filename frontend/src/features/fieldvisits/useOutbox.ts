import { useEffect, useState } from 'react';
import { useClient } from 'urql';
import { outboxEvents, readOutbox, type Outbox } from './outbox';
import { Syncer, type SyncStatus } from './sync';

let shared: Syncer | null = null;

/** The app's one syncer (started on first use) and its status. */
export function useSyncer(): { syncer: Syncer; status: SyncStatus } {
  const client = useClient();
  if (!shared) {
    shared = new Syncer(client);
    shared.start();
  }
  const syncer = shared;
  const [status, setStatus] = useState(syncer.status);
  useEffect(() => {
    const on = () => setStatus(syncer.status);
    syncer.addEventListener('status', on);
    return () => syncer.removeEventListener('status', on);
  }, [syncer]);
  return { syncer, status };
}

/** The outbox (of one visit, or all), re-read on every change. */
export function useOutbox(visitId?: string): Outbox | null {
  const [box, setBox] = useState<Outbox | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () => void readOutbox(visitId).then((b) => alive && setBox(b));
    load();
    outboxEvents.addEventListener('change', load);
    return () => {
      alive = false;
      outboxEvents.removeEventListener('change', load);
    };
  }, [visitId]);
  return box;
}

/** navigator.onLine, kept current. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  return online;
}
