import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { FieldVisitFieldsFragment, Judgement } from '../../gql/graphql';

// What an inspector records on site lives in IndexedDB until the server has
// it: a reload, a closed tab or a phone gone to sleep loses nothing. Each
// checklist item has at most one queued finding (its latest state, so edits
// of one item never overtake each other); photos are queued one by one.
// Assigned visits are cached whole for reading offline.

/** Where a queued record stands. */
export type QueueState = 'waiting' | 'conflict' | 'refused';

export interface QueuedFinding {
  visitId: string;
  taskId: string;
  /** UUID of this write; a new one for every edit, so a replay is stored once. */
  clientId: string;
  /** The server's finding version this edit started from (0: none). */
  baseVersion: number;
  judgement: Judgement;
  note: string;
  observedAt: string;
  latitude: number | null;
  longitude: number | null;
  accuracy: number | null;
  state: QueueState;
  message?: string;
  /** The other inspector's finding, when the server answered CONFLICT. */
  theirs?: { judgement: Judgement; note: string; recordedBy: string; version: number };
}

export interface QueuedPhoto {
  clientId: string;
  visitId: string;
  taskId: string;
  blob: Blob;
  takenAt: string;
  state: QueueState;
  message?: string;
}

export interface QueuedSubmit {
  visitId: string;
  version: number;
  signedBy: string;
  signature: Blob;
  state: QueueState;
  message?: string;
}

interface FieldDB extends DBSchema {
  visits: { key: string; value: { id: string; visit: FieldVisitFieldsFragment; cachedAt: string } };
  findings: { key: [string, string]; value: QueuedFinding; indexes: { byVisit: string } };
  photos: { key: string; value: QueuedPhoto; indexes: { byVisit: string } };
  submits: { key: string; value: QueuedSubmit };
}

let dbPromise: Promise<IDBPDatabase<FieldDB>> | null = null;

function db(): Promise<IDBPDatabase<FieldDB>> {
  dbPromise ??= openDB<FieldDB>('kaoping-field-visits', 1, {
    upgrade(d) {
      d.createObjectStore('visits', { keyPath: 'id' });
      d.createObjectStore('findings', { keyPath: ['visitId', 'taskId'] }).createIndex('byVisit', 'visitId');
      d.createObjectStore('photos', { keyPath: 'clientId' }).createIndex('byVisit', 'visitId');
      d.createObjectStore('submits', { keyPath: 'visitId' });
    },
  });
  return dbPromise;
}

/** Fired after every change of the outbox, so screens re-read it. */
export const outboxEvents = new EventTarget();
const changed = () => outboxEvents.dispatchEvent(new Event('change'));

export async function cacheVisits(visits: FieldVisitFieldsFragment[]): Promise<void> {
  const d = await db();
  const tx = d.transaction('visits', 'readwrite');
  const at = new Date().toISOString();
  await Promise.all([...visits.map((v) => tx.store.put({ id: v.id, visit: v, cachedAt: at })), tx.done]);
}

export async function cachedVisits(): Promise<FieldVisitFieldsFragment[]> {
  return (await (await db()).getAll('visits')).map((r) => r.visit);
}

export async function cachedVisit(id: string): Promise<FieldVisitFieldsFragment | undefined> {
  return (await (await db()).get('visits', id))?.visit;
}

/** Records (or replaces) the local finding of an item. */
export async function queueFinding(f: Omit<QueuedFinding, 'clientId' | 'state'>): Promise<void> {
  await (await db()).put('findings', { ...f, clientId: crypto.randomUUID(), state: 'waiting' });
  changed();
}

export async function queuePhoto(p: Omit<QueuedPhoto, 'clientId' | 'state'>): Promise<void> {
  await (await db()).put('photos', { ...p, clientId: crypto.randomUUID(), state: 'waiting' });
  changed();
}

export async function queueSubmit(s: Omit<QueuedSubmit, 'state'>): Promise<void> {
  await (await db()).put('submits', { ...s, state: 'waiting' });
  changed();
}

export interface Outbox {
  findings: QueuedFinding[];
  photos: QueuedPhoto[];
  submits: QueuedSubmit[];
}

/** Everything queued, optionally of one visit. */
export async function readOutbox(visitId?: string): Promise<Outbox> {
  const d = await db();
  if (visitId === undefined) {
    const [findings, photos, submits] = await Promise.all([d.getAll('findings'), d.getAll('photos'), d.getAll('submits')]);
    return { findings, photos, submits };
  }
  const [findings, photos, submit] = await Promise.all([
    d.getAllFromIndex('findings', 'byVisit', visitId),
    d.getAllFromIndex('photos', 'byVisit', visitId),
    d.get('submits', visitId),
  ]);
  return { findings, photos, submits: submit ? [submit] : [] };
}

export async function discardFinding(visitId: string, taskId: string): Promise<void> {
  await (await db()).delete('findings', [visitId, taskId]);
  changed();
}

export async function discardPhoto(clientId: string): Promise<void> {
  await (await db()).delete('photos', clientId);
  changed();
}

export async function discardSubmit(visitId: string): Promise<void> {
  await (await db()).delete('submits', visitId);
  changed();
}

/** Removes a finding write once the server has it, unless it was edited again meanwhile. */
export async function settleFinding(visitId: string, taskId: string, clientId: string, update?: Partial<QueuedFinding>): Promise<void> {
  const d = await db();
  const tx = d.transaction('findings', 'readwrite');
  const cur = await tx.store.get([visitId, taskId]);
  if (cur && cur.clientId === clientId) {
    if (update) await tx.store.put({ ...cur, ...update });
    else await tx.store.delete([visitId, taskId]);
  }
  await tx.done;
}

export async function settlePhoto(clientId: string, update?: Partial<QueuedPhoto>): Promise<void> {
  const d = await db();
  const cur = await d.get('photos', clientId);
  if (!cur) return;
  if (update) await d.put('photos', { ...cur, ...update });
  else await d.delete('photos', clientId);
}

export async function settleSubmit(visitId: string, update?: Partial<QueuedSubmit>): Promise<void> {
  const d = await db();
  const cur = await d.get('submits', visitId);
  if (!cur) return;
  if (update) await d.put('submits', { ...cur, ...update });
  else await d.delete('submits', visitId);
}

/** Keeps the inspector's own value after a conflict: a new write on top of the other inspector's version. */
export async function keepMine(f: QueuedFinding): Promise<void> {
  if (!f.theirs) return;
  await (await db()).put('findings', { ...f, clientId: crypto.randomUUID(), baseVersion: f.theirs.version, state: 'waiting', theirs: undefined, message: undefined });
  changed();
}

export function notifyChanged(): void {
  changed();
}

/** How many records wait to be sent (conflicts and refusals need the inspector). */
export function waitingCount(o: Outbox): number {
  return o.findings.filter((f) => f.state === 'waiting').length + o.photos.filter((p) => p.state === 'waiting').length + o.submits.filter((s) => s.state === 'waiting').length;
}
