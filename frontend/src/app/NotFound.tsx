import { Button, Result } from 'antd';
import { isRouteErrorResponse, useNavigate, useRouteError } from 'react-router';

export function NotFound() {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的地址不存在,请从左侧菜单进入。"
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          返回首页
        </Button>
      }
    />
  );
}

/** Shown when a page fails to render: a message, never a blank screen. */
export function RouteError() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error instanceof Error ? error.message : '';
  return (
    <Result
      status="error"
      title="页面出错了"
      subTitle={`请刷新页面重试;如仍有问题请联系系统管理员。${detail ? `(${detail})` : ''}`}
      extra={
        <Button type="primary" onClick={() => window.location.assign('/')}>
          返回首页
        </Button>
      }
    />
  );
}
