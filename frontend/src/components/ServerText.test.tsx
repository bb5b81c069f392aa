import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { bilingual, LocaleProvider, useLocale, type Locale } from '../lib/i18n';
import { ServerText } from './ServerText';

let switchTo: (locale: Locale) => void = () => {};

function Switch() {
  switchTo = useLocale().setLocale;
  return null;
}

describe('ServerText', () => {
  afterEach(() => act(() => switchTo('zh-CN')));

  it('shows the Chinese in Chinese and the English in English', () => {
    render(
      <LocaleProvider>
        <Switch />
        <ServerText zh="公布得分" en="Published score" />
      </LocaleProvider>,
    );
    expect(screen.getByText('公布得分')).toBeTruthy();
    act(() => switchTo('en'));
    const en = screen.getByText('Published score');
    expect(en.getAttribute('lang')).toBeNull();
    expect(screen.queryByText('公布得分')).toBeNull();
  });

  it('falls back to the Chinese, marked as Chinese, when a record has no English', () => {
    render(
      <LocaleProvider>
        <Switch />
        <ServerText zh="退回理由:佐证不足" en="" />
      </LocaleProvider>,
    );
    act(() => switchTo('en'));
    expect(screen.getByText('退回理由:佐证不足').getAttribute('lang')).toBe('zh-CN');
  });
});

describe('bilingual', () => {
  it('picks the English in English when there is one', () => {
    expect(bilingual('en', '缺项', 'missing')).toBe('missing');
    expect(bilingual('en', '缺项', '')).toBe('缺项');
    expect(bilingual('en', '缺项', null)).toBe('缺项');
    expect(bilingual('zh-CN', '缺项', 'missing')).toBe('缺项');
  });
});
