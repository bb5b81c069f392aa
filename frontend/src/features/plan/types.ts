import type { PlanPageQuery } from '../../gql/graphql';

export type PlanData = NonNullable<PlanPageQuery['plan']>;
export type DimensionData = PlanData['dimensions'][number];
export type IndicatorData = DimensionData['indicators'][number];
export type TaskData = IndicatorData['tasks'][number];

/** Where a task sits, for titles and the detail drawer. */
export interface TaskPlace {
  dimension: DimensionData;
  indicator: IndicatorData;
  task: TaskData;
}

/** What the plan page hands the task detail route. */
export interface PlanOutletContext {
  plan: PlanData;
  findTask: (taskId: string) => TaskPlace | undefined;
  editTask: (task: TaskData) => void;
  /** The user may change the plan (专班). */
  editable: boolean;
}
