package graph

import (
	"github.com/shopspring/decimal"

	"github.com/kaoping/kaoping/graph/model"
	"github.com/kaoping/kaoping/server/whatif"
)

func outcomeOf(o whatif.Outcome) *model.WhatIfOutcome {
	out := &model.WhatIfOutcome{Score: o.Score, Rank: o.Rank, GroupSize: o.GroupSize}
	if o.Exact != nil {
		exact := o.Exact.Decimal()
		out.Exact = &exact
	}
	return out
}

func whatIfOf(a *whatif.Analysis) model.WhatIf {
	out := model.WhatIf{Period: &a.Period, Evaluatee: &a.Evaluatee, Current: outcomeOf(a.Current), Assumption: whatif.Assumption, AssumptionEn: whatif.AssumptionEn, Tasks: []model.WhatIfTask{}}
	for _, g := range a.Tasks {
		current := make([]decimal.Decimal, len(g.Current))
		for i, s := range g.Current {
			current[i] = s.Score
		}
		out.Tasks = append(out.Tasks, model.WhatIfTask{
			Task: &g.Task, MaxPoints: g.Max, CurrentScores: current,
			Gain: g.GainShow, GainExact: g.Gain.Decimal(), RankGain: g.RankGain, Outcome: outcomeOf(g.Outcome),
		})
	}
	return out
}
