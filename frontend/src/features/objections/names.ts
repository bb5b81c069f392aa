import type { ObjectionPlanQuery } from '../../gql/graphql';
import { useObjectionsT } from './messages';

export type ObjectionPlan = NonNullable<ObjectionPlanQuery['plan']>;

export interface TaskName {
  id: string;
  number: number;
  text: string;
  evaluateeIds: string[];
}

/** The plan's tasks by id, in number order, and its evaluatees' unit names by id. */
export function planNames(plan: ObjectionPlan | null | undefined) {
  const tasks = new Map<string, TaskName>();
  for (const d of plan?.dimensions ?? [])
    for (const i of d.indicators) for (const t of i.tasks) tasks.set(t.id, { id: t.id, number: t.number, text: t.text, evaluateeIds: t.evaluatees.map((e) => e.id) });
  const units = new Map<string, string>((plan?.evaluatees ?? []).map((e) => [e.id, e.unit.name]));
  return { tasks, units };
}

/** 任务3 全面提升…, or 总体结果 for an objection to the overall result. */
export function objectionTarget(taskId: string | null | undefined, tasks: ReadonlyMap<string, TaskName>, long = false): string {
  const tr = useObjectionsT.translate;
  if (!taskId) return tr('overall');
  const t = tasks.get(taskId);
  if (!t) return tr('taskUnknown', { id: taskId });
  const text = long || t.text.length <= 30 ? t.text : `${t.text.slice(0, 30)}…`;
  return tr('taskLabel', { number: t.number, text });
}
