import { Button, Result } from 'antd';
import type { RankingRowsShapeError } from '../rankingRows';
import { useResultsT } from '../messages';

/** Rows the server sent in a shape the page cannot read: said plainly, not drawn half right. */
export function MalformedRows({ error, onRetry }: { error: RankingRowsShapeError; onRetry: () => void }) {
  const t = useResultsT();
  return (
    <Result
      status="error"
      title={t('rankingMalformed')}
      // The technical detail, for whoever is asked to look (it names the field).
      subTitle={<span data-i18n="data">{error.message}</span>}
      extra={
        <Button type="primary" onClick={onRetry}>
          {t('retry')}
        </Button>
      }
      data-testid="ranking-malformed"
    />
  );
}
