import type { PeriodState } from '../../gql/graphql';
import { periodStates } from '../../lib/evaluation';

export interface MoveInfo {
  /** The button's words. */
  label: string;
  /** Going back (reopening): a reason is required. */
  back: boolean;
  /** What happens, for the confirmation. */
  hint: string;
}

const moves: Partial<Record<`${PeriodState}>${PeriodState}`, Omit<MoveInfo, 'back'>>> = {
  'DRAFT>OPEN': { label: '开始填报', hint: '考评对象开始报送进展,牵头单位开始评分。' },
  'OPEN>DRAFT': { label: '退回筹备', hint: '暂停报送和评分,已录入的内容保留。' },
  'OPEN>REVIEW': { label: '结束填报,进入审核', hint: '考评对象不能再报送进展;牵头单位仍可修改和提交分值,专班集中核实。' },
  'REVIEW>OPEN': { label: '退回填报', hint: '重新开放进展报送。' },
  'REVIEW>PUBLICITY': {
    label: '公示结果',
    hint: '冻结并公示本周期结果,考评对象可查看本单位得分。要求每项承担任务都已有各牵头单位经专班核实的分值。',
  },
  'PUBLICITY>REVIEW': { label: '撤回公示', hint: '撤销本次公示的结果,回到审核阶段。' },
  'PUBLICITY>PUBLISHED': { label: '正式发布', hint: '结果正式发布并锁定;之后只能说明理由重新开放。' },
  'PUBLISHED>REVIEW': { label: '重新开放(退回审核)', hint: '撤销已发布的结果,回到审核阶段修改分值;原发布记录保留备查。' },
};

/** How a move of a period reads: its button, whether it goes back, what it does. */
export function describeMove(from: PeriodState, to: PeriodState): MoveInfo {
  const back = periodStates.indexOf(to) < periodStates.indexOf(from);
  const known = moves[`${from}>${to}`];
  return { label: known?.label ?? (back ? '退回' : '下一步'), hint: known?.hint ?? '', back };
}
