package scoring_test

import (
	"fmt"

	"github.com/kaoping/kaoping/server/scoring"
	"github.com/shopspring/decimal"
)

// A district carrying three tasks of two dimensions, with a field visit and
// one opinion survey; third-party assessment has not come in yet, so its
// weight is redistributed. By hand: the tasks share their indicators' points
// (10 each in dimension 1, 35 each in dimension 2); task 102's score is
// (6 + 7)/2 = 6.5; DM = 100 × (30·15.5/20 + 70·30/35) / 100 = 83.25;
// FV = 100 × (1·10 + 0.5·35) / 45 = 61.11…; H = (60·83.25 + 20·61.11… +
// 10·86) / 90 = 78.6358… → 78.64.
func ExampleHalfYear() {
	p := scoring.Plan{
		Weights: scoring.DefaultWeights(),
		Dimensions: []scoring.Dimension{
			{ID: 1, Points: decimal.NewFromInt(30), Indicators: []scoring.Indicator{
				{ID: 11, Points: decimal.NewFromInt(30), Tasks: []scoring.Task{{ID: 101}, {ID: 102}, {ID: 103}}},
			}},
			{ID: 2, Points: decimal.NewFromInt(70), Indicators: []scoring.Indicator{
				{ID: 21, Points: decimal.NewFromInt(70), Tasks: []scoring.Task{{ID: 201}, {ID: 202}}},
			}},
		},
	}
	score := func(unit int64, s string) scoring.LeadScore {
		return scoring.LeadScore{LeadUnitID: unit, Score: decimal.RequireFromString(s), Verified: true}
	}
	in := scoring.Input{
		Carried:   []int64{101, 102, 201},
		LeadUnits: map[int64][]int64{101: {7}, 102: {7, 8}, 201: {9}},
		Scores: map[int64][]scoring.LeadScore{
			101: {score(7, "9")},
			102: {score(7, "6"), score(8, "7")},
			201: {score(9, "30")},
		},
		FieldItems: []scoring.FieldItem{
			{TaskID: 101, Judgement: scoring.Done},
			{TaskID: 201, Judgement: scoring.Partial},
		},
		PublicOpinion: []scoring.SourceValue{{Source: "问卷", Value: decimal.NewFromInt(86), Weight: decimal.NewFromInt(1)}},
	}
	r, err := scoring.HalfYear(p, in)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range r.Steps {
		fmt.Printf("%s | %s | %s\n", s.Label, s.Formula, s.Detail)
	}
	// Output:
	// 方面 1 | r_d = Σ s / Σ P_t；P_d·r_d | r = 15.5 / 20 = 0.775；30 × 0.775 = 23.25
	// 方面 2 | r_d = Σ s / Σ P_t；P_d·r_d | r = 30 / 35 = ≈0.8571；70 × ≈0.8571 = 60
	// 日常监测 | 100 × Σ P_d·r_d / Σ P_d | 100 × 83.25 / 100 = 83.25
	// 实地调研 | 100 × Σ 判定·P_t / Σ P_t（已落实 1，部分落实 0.5，未落实 0，不适用不计） | 100 × 27.5 / 45 = ≈61.1111（判定 2 项，不适用 0 项）
	// 民意调查 | Σ 权重·得分 / Σ 权重 | (问卷 1×86) / 1 = 86
	// 第三方评估 | Σ 权重·得分 / Σ 权重 | 未导入数据：缺项
	// 半年得分 | H = Σ w·C / Σ w（缺项 第三方评估 的权重按比例分给其余各项） | (60×83.25 + 20×≈61.1111 + 10×86) / 90 = ≈78.6358
	// 公布得分 | 四舍五入保留两位小数 | ≈78.6358 → 78.64
}
