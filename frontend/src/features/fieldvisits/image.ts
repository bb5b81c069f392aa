// Photos are re-encoded in the browser before they are queued: at most
// 1600 px on the long side, JPEG. Drawing through a canvas keeps only the
// pixels, so the camera's Exif metadata (its GPS position, the phone's
// serial) never leaves the phone; the place is recorded as data on the
// finding instead. The server strips Exif too, for any other client.

import { useFieldVisitsT } from './messages';
export const maxPhotoSide = 1600;

/** The size a w×h image is scaled to so its long side is at most max. */
export function fitWithin(w: number, h: number, max = maxPhotoSide): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(w, h));
  return { width: Math.max(1, Math.round(w * scale)), height: Math.max(1, Math.round(h * scale)) };
}

export async function resizePhoto(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  const { width, height } = fitWithin(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error(useFieldVisitsT.translate('imageFailed')))), 'image/jpeg', 0.85));
}

export interface Place {
  latitude: number;
  longitude: number;
  accuracy: number;
}

/** The phone's position, or null when it is refused or takes too long. */
export function currentPlace(timeoutMs = 8000): Promise<Place | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude, accuracy: p.coords.accuracy }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}
