import { defineMessages } from '../../lib/i18n';

export const useGraphiQLT = defineMessages(
  'graphiql',
  {
    title: 'GraphiQL 接口查询',
    subtitle: '用 GraphQL 直接查询考评数据;左侧“文档”列出每个查询、字段及其说明。每个请求与系统页面一样按您的角色校验权限。',
    back: '返回系统',
    refusedTitle: '无权使用 GraphiQL',
    refusedBody: 'GraphiQL 仅供分析员和考评专班使用。您当前的角色({{roles}})不能查询接口文档,服务器也会拒绝此类请求。如需使用,请联系系统管理员。',
    home: '返回首页',
    loading: '正在加载查询编辑器…',
    exampleComment: '# 示例:各维度的平均得分率与评分条数。\n# 按 Ctrl+Enter 运行;左侧“文档”列出全部度量与分组。',
  },
  {
    title: 'GraphiQL API explorer',
    subtitle: 'Query the evaluation data with GraphQL; “Docs” on the left lists every query and field with its description. Every request is checked against your roles, as in the app.',
    back: 'Back to the app',
    refusedTitle: 'GraphiQL is not available to you',
    refusedBody: 'GraphiQL is for analysts and the task force only. Your roles ({{roles}}) may not read the API documentation, and the server refuses such requests. Ask the system administrator if you need it.',
    home: 'Back to home',
    loading: 'Loading the query editor…',
    exampleComment: '# Example: the mean rate and number of scores per dimension.\n# Run with Ctrl+Enter; “Docs” on the left lists every measure and grouping.',
  },
);
