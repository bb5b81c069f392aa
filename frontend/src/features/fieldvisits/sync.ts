import type { Client } from '@urql/core';
import { describeError } from '../../lib/errors';
import { submitFieldVisitMutation, syncFieldVisitMutation } from './documents';
import { cacheVisits, notifyChanged, readOutbox, settleFinding, settlePhoto, settleSubmit } from './outbox';
import { useFieldVisitsT } from './messages';

// Sends the outbox when the connection allows: at start, when the browser
// says it is online again, on the 同步 button, and after a failure with a
// growing pause (2 s, 4 s, … up to a minute), so nobody has to reload a
// page to get queued records out.

/** Photos per request: keeps one request well under the server's upload cap. */
const photosPerBatch = 5;

export type SyncStatus = { running: boolean; lastError: string | null; nextRetryAt: number | null };

export class Syncer extends EventTarget {
  status: SyncStatus = { running: false, lastError: null, nextRetryAt: null };
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly online = () => void this.run();
  // A phone waking from sleep may never fire 'online' (it never knew it was
  // offline); coming back to the page is as good a moment to try.
  private readonly visible = () => {
    if (document.visibilityState === 'visible' && navigator.onLine) void this.run();
  };

  constructor(private readonly client: Client) {
    super();
  }

  start(): void {
    window.addEventListener('online', this.online);
    document.addEventListener('visibilitychange', this.visible);
    void this.run();
  }

  stop(): void {
    window.removeEventListener('online', this.online);
    document.removeEventListener('visibilitychange', this.visible);
    if (this.timer) clearTimeout(this.timer);
  }

  private set(s: Partial<SyncStatus>) {
    this.status = { ...this.status, ...s };
    this.dispatchEvent(new Event('status'));
  }

  /** Sends everything waiting; returns true when nothing is left to send. */
  async run(): Promise<boolean> {
    if (this.status.running) return false;
    if (this.timer) clearTimeout(this.timer);
    this.set({ running: true, nextRetryAt: null });
    try {
      await this.sendAll();
      this.failures = 0;
      this.set({ running: false, lastError: null });
      return true;
    } catch (e) {
      this.failures++;
      const delay = Math.min(60_000, 2_000 * 2 ** (this.failures - 1));
      this.timer = setTimeout(() => void this.run(), delay);
      this.set({ running: false, lastError: e instanceof Error ? e.message : String(e), nextRetryAt: Date.now() + delay });
      return false;
    } finally {
      notifyChanged();
    }
  }

  private async sendAll(): Promise<void> {
    for (;;) {
      const box = await readOutbox();
      const visitIds = [...new Set([...box.findings.filter((f) => f.state === 'waiting').map((f) => f.visitId), ...box.photos.filter((p) => p.state === 'waiting').map((p) => p.visitId)])];
      if (visitIds.length === 0) break;
      for (const id of visitIds) await this.sendBatch(id);
    }
    const box = await readOutbox();
    for (const s of box.submits.filter((x) => x.state === 'waiting')) {
      const r = await this.client
        .mutation(submitFieldVisitMutation, { input: { visitId: s.visitId, version: s.version, signedBy: s.signedBy, signature: new File([s.signature], 'signature.png', { type: s.signature.type }) } })
        .toPromise();
      if (r.error?.networkError) throw new Error(useFieldVisitsT.translate('networkDown'));
      if (r.error) await settleSubmit(s.visitId, { state: 'refused', message: describeError(r.error).message });
      else {
        await settleSubmit(s.visitId);
        if (r.data) await cacheVisits([r.data.submitFieldVisit]);
      }
    }
  }

  private async sendBatch(visitId: string): Promise<void> {
    const box = await readOutbox(visitId);
    const findings = box.findings.filter((f) => f.state === 'waiting');
    const photos = box.photos.filter((p) => p.state === 'waiting').slice(0, photosPerBatch);
    const r = await this.client
      .mutation(syncFieldVisitMutation, {
        input: {
          visitId,
          findings: findings.map((f) => ({
            clientId: f.clientId, taskId: f.taskId, baseVersion: f.baseVersion, judgement: f.judgement, note: f.note,
            observedAt: f.observedAt, latitude: f.latitude, longitude: f.longitude, accuracy: f.accuracy,
          })),
          photos: photos.map((p) => ({ clientId: p.clientId, taskId: p.taskId, file: new File([p.blob], `${p.clientId}.jpg`, { type: p.blob.type }) })),
        },
      })
      .toPromise();
    if (r.error?.networkError || (!r.data && !r.error?.graphQLErrors.length)) throw new Error(useFieldVisitsT.translate('networkDown'));
    if (r.error) {
      // The server refused the batch as a whole (e.g. the visit was
      // submitted by a colleague): each record says why and waits for the
      // inspector to discard it.
      const message = describeError(r.error).message;
      for (const f of findings) await settleFinding(f.visitId, f.taskId, f.clientId, { state: 'refused', message });
      for (const p of photos) await settlePhoto(p.clientId, { state: 'refused', message });
      return;
    }
    const res = r.data!.syncFieldVisit;
    for (const fr of res.findings) {
      const f = findings.find((x) => x.clientId === fr.clientId);
      if (!f) continue;
      if (fr.outcome === 'APPLIED' || fr.outcome === 'DUPLICATE') await settleFinding(f.visitId, f.taskId, f.clientId);
      else if (fr.outcome === 'CONFLICT' && fr.finding)
        await settleFinding(f.visitId, f.taskId, f.clientId, {
          state: 'conflict', message: fr.message ?? undefined,
          theirs: { judgement: fr.finding.judgement, note: fr.finding.note, recordedBy: fr.finding.recordedBy, version: fr.finding.version },
        });
      else await settleFinding(f.visitId, f.taskId, f.clientId, { state: 'refused', message: fr.message ?? useFieldVisitsT.translate('serverRefused') });
    }
    for (const pr of res.photos) {
      if (pr.outcome === 'APPLIED' || pr.outcome === 'DUPLICATE') await settlePhoto(pr.clientId);
      else await settlePhoto(pr.clientId, { state: 'refused', message: pr.message ?? useFieldVisitsT.translate('serverRefusedPhoto') });
    }
    await cacheVisits([res.visit]);
  }
}
