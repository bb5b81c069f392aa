// localStorage that never throws (private windows, disabled storage).

export function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // nothing to do: the preference is simply not remembered
  }
}

export const storageKeys = {
  elderMode: 'kaoping.elderMode',
  lastPlan: 'kaoping.lastPlanId',
  offlineSession: 'kaoping.offlineSession',
  enumLabels: 'kaoping.enumLabels',
  locale: 'kaoping.locale',
} as const;
