import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { downloadFile } from '../../../lib/download';
import { useShowError } from '../../../lib/useShowError';
import { useResultsT } from '../messages';

/**
 * 导出 Excel for a leadership table: the server writes the .xlsx from the
 * same read as the page (server/leadership/workbooks.go), so the file holds
 * the figures shown.
 */
export function ExportXlsxButton({ href, fileName, testId }: { href: string; fileName: string; testId: string }) {
  const t = useResultsT();
  const showError = useShowError();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await downloadFile(href, fileName);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void run()} data-testid={testId}>
      {t('exportXlsx')}
    </Button>
  );
}
