import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useAppT } from './messages';

export function NotFound() {
  const navigate = useNavigate();
  const t = useAppT();
  return (
    <Result
      status="404"
      title={t('notFoundTitle')}
      subTitle={t('notFoundHint')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('backHome')}
        </Button>
      }
    />
  );
}
