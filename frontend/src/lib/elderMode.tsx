import { theme, type ThemeConfig } from 'antd';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { readStored, storageKeys, writeStored } from './storage';

// 长辈模式 (elder mode): larger type, larger controls and higher contrast,
// through Ant Design's theme tokens only. Remembered in localStorage.

interface ElderModeValue {
  elder: boolean;
  setElder: (on: boolean) => void;
}

const ElderModeContext = createContext<ElderModeValue>({ elder: false, setElder: () => {} });

export function useElderMode(): ElderModeValue {
  return useContext(ElderModeContext);
}

export function ElderModeProvider({ children }: { children: ReactNode }) {
  const [elder, setElderState] = useState(() => readStored(storageKeys.elderMode) === '1');
  const setElder = useCallback((on: boolean) => {
    setElderState(on);
    writeStored(storageKeys.elderMode, on ? '1' : null);
  }, []);
  const value = useMemo(() => ({ elder, setElder }), [elder, setElder]);
  return <ElderModeContext.Provider value={value}>{children}</ElderModeContext.Provider>;
}

/**
 * Ant Design's defaults miss WCAG AA contrast (4.5:1) on white: the link and
 * primary blue #1677ff gives 4.1:1, the tertiary and description grey
 * (45% black) 2.8:1. One darker step of each, for the whole app; the
 * axe-core checks in frontend/e2e/circular.test.mjs hold it.
 */
export const accessibleTokens = {
  colorPrimary: '#0958d9', // blue-7, 6.0:1
  colorLink: '#0958d9',
  colorTextTertiary: 'rgba(0, 0, 0, 0.62)', // 5.5:1
  colorTextDescription: 'rgba(0, 0, 0, 0.62)',
  // Select and input placeholders (25% black by default, 1.9:1).
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
  // The green seed one step darker: preset green tags (发布, 完成) read
  // green-7 text on green-1, 3.6:1 from the default seed.
  green: '#237804',
} as const;

const base: ThemeConfig = {
  algorithm: theme.defaultAlgorithm,
  token: accessibleTokens,
};

const elderTheme: ThemeConfig = {
  algorithm: theme.defaultAlgorithm,
  token: {
    fontSize: 18,
    fontSizeSM: 16,
    controlHeight: 40,
    colorPrimary: '#0047ab',
    colorText: '#000000',
    colorTextSecondary: '#262626',
    colorTextTertiary: '#404040',
    colorTextDescription: '#262626',
    colorBorder: '#8c8c8c',
    colorBorderSecondary: '#bfbfbf',
    colorBgLayout: '#ebebeb',
    lineWidthFocus: 3,
  },
};

export function themeFor(elder: boolean): ThemeConfig {
  return elder ? elderTheme : base;
}
