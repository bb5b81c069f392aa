import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { fitWithin } from './image';
import { when } from './labels';
import { keepMine, queueFinding, queuePhoto, readOutbox, settleFinding, waitingCount } from './outbox';

const finding = { visitId: '1', taskId: '7', baseVersion: 0, judgement: 'DONE' as const, note: '', observedAt: '2024-05-20T02:00:00Z', latitude: null, longitude: null, accuracy: null };

describe('outbox', () => {
  it('keeps one record per item: a later edit replaces the earlier one with a new client id', async () => {
    await queueFinding(finding);
    const first = (await readOutbox('1')).findings[0]!;
    await queueFinding({ ...finding, judgement: 'PARTIAL' });
    const box = await readOutbox('1');
    expect(box.findings).toHaveLength(1);
    expect(box.findings[0]!.judgement).toBe('PARTIAL');
    expect(box.findings[0]!.clientId).not.toBe(first.clientId);
    // The answer to the first write does not remove the newer edit.
    await settleFinding('1', '7', first.clientId);
    expect((await readOutbox('1')).findings).toHaveLength(1);
    await settleFinding('1', '7', box.findings[0]!.clientId);
    expect((await readOutbox('1')).findings).toHaveLength(0);
  });

  it('counts waiting records and, after a conflict, keeps mine on top of their version', async () => {
    await queueFinding({ ...finding, visitId: '2' });
    await queuePhoto({ visitId: '2', taskId: '7', blob: new Blob(['x'], { type: 'image/jpeg' }), takenAt: '2024-05-20T02:00:00Z' });
    let box = await readOutbox('2');
    expect(waitingCount(box)).toBe(2);
    const f = box.findings[0]!;
    await settleFinding('2', '7', f.clientId, { state: 'conflict', theirs: { judgement: 'NOT_DONE', note: '', recordedBy: '李', version: 3 } });
    box = await readOutbox('2');
    expect(waitingCount(box)).toBe(1);
    await keepMine(box.findings[0]!);
    box = await readOutbox('2');
    expect(box.findings[0]).toMatchObject({ state: 'waiting', baseVersion: 3, judgement: 'DONE' });
    expect(waitingCount(box)).toBe(2);
  });
});

describe('photos and dates', () => {
  it('scales the long side to at most 1600 px and never enlarges', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3000, 4000)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
  });

  it('groups visits by local date', () => {
    const now = new Date(2024, 4, 20, 9);
    expect(when('2024-05-20', now)).toBe('today');
    expect(when('2024-05-21', now)).toBe('upcoming');
    expect(when('2024-05-19', now)).toBe('past');
  });
});
