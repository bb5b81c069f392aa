import { defineMessages } from './i18n';

// Words shared by every feature: actions, states and the app's name. A
// feature's own words live in its folder's messages.ts.
export const useCommonT = defineMessages(
  'common',
  {
    appName: '考评',
    appTitle: '数字政府建设考评系统',
    save: '保存',
    cancel: '取消',
    confirm: '确定',
    submit: '提交',
    delete: '删除',
    edit: '编辑',
    close: '关闭',
    back: '返回',
    search: '搜索',
    reset: '重置',
    export: '导出',
    exportXlsx: '导出 Excel',
    download: '下载',
    upload: '上传',
    refresh: '刷新',
    loading: '加载中…',
    noData: '暂无数据',
    actions: '操作',
    yes: '是',
    no: '否',
    all: '全部',
    points: '分',
    language: '语言',
    languageZh: '中文',
    languageEn: 'English',
  },
  {
    appName: 'Kaoping',
    appTitle: 'Digital Government Evaluation',
    save: 'Save',
    cancel: 'Cancel',
    confirm: 'OK',
    submit: 'Submit',
    delete: 'Delete',
    edit: 'Edit',
    close: 'Close',
    back: 'Back',
    search: 'Search',
    reset: 'Reset',
    export: 'Export',
    exportXlsx: 'Export to Excel',
    download: 'Download',
    upload: 'Upload',
    refresh: 'Refresh',
    loading: 'Loading…',
    noData: 'No data',
    actions: 'Actions',
    yes: 'Yes',
    no: 'No',
    all: 'All',
    points: 'pts',
    language: 'Language',
    languageZh: '中文',
    languageEn: 'English',
  },
);

// The words of lib/ itself (the loading placeholder, error and date
// helpers, elder mode): kept apart from the shared words above.
export const useLibT = defineMessages(
  'lib',
  {
    loading: '正在加载…',
  },
  {
    loading: 'Loading…',
  },
);
