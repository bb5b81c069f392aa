import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { defineMessages, LocaleProvider, useLocale, type Locale } from './i18n';
import { readStored, storageKeys } from './storage';

const useSampleT = defineMessages(
  'i18n-test',
  { greeting: '你好,{{name}}', points: '{{count}} 分' },
  { greeting: 'Hello, {{name}}', points: '{{count}} pts' },
);

let switchTo: (locale: Locale) => void = () => {};

function Sample() {
  const t = useSampleT();
  const { setLocale } = useLocale();
  switchTo = setLocale;
  return (
    <p>
      {t('greeting', { name: '昆都仑区' })} · {t('points', { count: 3 })}
    </p>
  );
}

describe('messages', () => {
  afterEach(() => act(() => switchTo('zh-CN')));

  it('speaks Chinese by default and switches the whole tree to English, remembering the choice', () => {
    render(
      <LocaleProvider>
        <Sample />
      </LocaleProvider>,
    );
    expect(screen.getByText('你好,昆都仑区 · 3 分')).toBeTruthy();
    act(() => switchTo('en'));
    expect(screen.getByText('Hello, 昆都仑区 · 3 pts')).toBeTruthy();
    expect(readStored(storageKeys.locale)).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    act(() => switchTo('zh-CN'));
    expect(readStored(storageKeys.locale)).toBeNull();
  });

  it('translates outside components in the current language', () => {
    render(
      <LocaleProvider>
        <Sample />
      </LocaleProvider>,
    );
    expect(useSampleT.translate('points', { count: 2 })).toBe('2 分');
    act(() => switchTo('en'));
    expect(useSampleT.translate('points', { count: 2 })).toBe('2 pts');
  });
});

// The type checker keeps English complete: a catalogue missing a key does not compile.
// @ts-expect-error English lacks the key "b"
defineMessages('i18n-incomplete', { a: '甲', b: '乙' }, { a: 'A' });
