import { defineMessages } from '../lib/i18n';

// The app shell's words: layout, menu, error and not-found pages.
export const useAppT = defineMessages(
  'app',
  {
    notFoundTitle: '页面不存在',
    notFoundHint: '您访问的地址不存在,请从左侧菜单进入。',
    backHome: '返回首页',
  },
  {
    notFoundTitle: 'Page not found',
    notFoundHint: 'This address does not exist. Please use the menu on the left.',
    backHome: 'Back to home',
  },
);
