import { GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useLocale } from '../lib/i18n';
import { useCommonT } from '../lib/messages';

/**
 * The header's language picker: the app's layout and the full-screen pages
 * without it (GraphiQL) show the same one, so no page leaves a reader stuck
 * in a language. Each language is named in itself (lang marks it).
 */
export function LanguageSwitch({ wide = true }: { wide?: boolean }) {
  const { locale, setLocale } = useLocale();
  const common = useCommonT();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [locale],
        items: [
          { key: 'zh-CN', label: <span lang="zh-CN">{common('languageZh')}</span> },
          { key: 'en', label: <span lang="en">{common('languageEn')}</span> },
        ],
        onClick: (e) => setLocale(e.key === 'en' ? 'en' : 'zh-CN'),
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} aria-label={common('language')} data-testid="language-switch" style={{ paddingInline: wide ? 8 : 4 }}>
        {wide && <span lang={locale === 'en' ? 'zh-CN' : 'en'}>{locale === 'en' ? common('languageZh') : common('languageEn')}</span>}
      </Button>
    </Dropdown>
  );
}
