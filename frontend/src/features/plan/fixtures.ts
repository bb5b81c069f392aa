import type { MeQuery, PlanPageQuery, TaskDetailQuery } from '../../gql/graphql';

// A fixed GraphQL answer shaped like the seed plan's first dimension.

const deadline = (phrase: string, month: number | null, state: 'COMPLETED' | 'STAGED_RESULTS' | 'NOTABLE_RESULTS' | 'ONGOING' | null, continuing: boolean) => ({
  
  phrase,
  month,
  state,
  continuing,
});

const unit = (id: string, name: string) => ({  id, name });

export const task3Text =
  '全面提升“12345”政务热线服务水平。对标全国一流,加快升级热线平台,涵盖话务、业务和可视化3大平台、19类功能模块。';

export const planPageResult: PlanPageQuery = {
  plan: {
   
    id: 'p1',
    name: '包头市数字政府建设考评',
    year: 2023,
    totalPoints: '25',
    version: 1,
    missingComponentRule: 'REDISTRIBUTE',
    weights: { dailyMonitoring: '60', fieldVisits: '20', publicOpinion: '10', thirdParty: '10' },
    dimensions: [
      {
       
        id: 'd1',
        number: 1,
        name: '政务服务“一网通办”',
        points: '25',
        version: 1,
        indicators: [
          {
           
            id: 'i1',
            dimensionId: 'd1',
            number: 1,
            name: '一体化政务服务平台建设',
            points: '3',
            version: 1,
            tasks: [
              {
               
                id: 't1',
                indicatorId: 'i1',
                number: 1,
                text: '除涉密、法律法规禁止和必须人员、车辆现场核验的事项外,各级政务服务事项全部开通全程网办。',
                points: null,
                effectivePoints: '1.5',
                version: 1,
                deadline: deadline('5月底取得明显成效并持续推进', 5, 'NOTABLE_RESULTS', true),
                leadUnits: [unit('u3', '市审批服务局')],
              },
            ],
          },
          {
           
            id: 'i2',
            dimensionId: 'd1',
            number: 2,
            name: '政务服务便民热线升级',
            points: '2',
            version: 1,
            tasks: [
              {
               
                id: 't3',
                indicatorId: 'i2',
                number: 3,
                text: task3Text,
                points: null,
                effectivePoints: '1',
                version: 4,
                deadline: deadline('6月底完成', 6, 'COMPLETED', false),
                leadUnits: [unit('u1', '市政府办公室'), unit('u2', '市公安局')],
              },
              {
               
                id: 't4',
                indicatorId: 'i2',
                number: 4,
                text: '成立各级政务服务便民热线工作机构,主要领导兼任负责人。',
                points: '1',
                effectivePoints: '1',
                version: 1,
                deadline: deadline('6月底完成', 6, 'COMPLETED', false),
                leadUnits: [unit('u1', '市政府办公室')],
              },
            ],
          },
        ],
      },
    ],
  },
};

export const task3DetailResult: TaskDetailQuery = {
  task: {
    ...planPageResult.plan!.dimensions[0]!.indicators[1]!.tasks[0]!,
    evaluatees: [
      { id: 'e2', group: 'DEPARTMENTS', unit: { id: 'u1', name: '市政府办公室', sortKey: 100 } },
      { id: 'e1', group: 'DISTRICTS', unit: { id: 'u10', name: '昆都仑区', sortKey: 1 } },
      { id: 'e3', group: 'DEPARTMENTS', unit: { id: 'u2', name: '市公安局', sortKey: 110 } },
    ],
  },
};

export function meResult(roles: Array<'TASK_FORCE' | 'LEADER' | 'ADMIN'>): MeQuery {
  return {
    me: {
      restricted: false,
      pendingSteps: [],
      idleTimeoutSeconds: 1800,
      expiresAt: '2030-01-01T00:00:00Z',
      emailDelivery: false,
      user: {
        id: 'user1',
        username: 'zhuanban1',
        displayName: '专班 张伟',
        roles,
        mustChangePassword: false,
        totpEnabled: false,
        totpRequired: false,
        locale: 'ZH_CN',
        email: null,
        unit: { id: 'u1', name: '市政府办公室' },
      },
    },
  };
}
