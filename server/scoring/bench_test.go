package scoring_test

import (
	"testing"

	"github.com/kaoping/kaoping/server/scoring"
	"github.com/shopspring/decimal"
)

// benchPlan is a complete 100-point plan of 7 dimensions, 60 indicators
// (1.5 or 2 points) and 500 tasks (8 or 9 per indicator; every third task
// has 0.1 explicit points, the others share the rest). benchInput carries
// every task; every second task has two lead units; all scores verified;
// one field item per five tasks; one opinion and one third-party value.
func benchPlan() scoring.Plan {
	p := scoring.Plan{Weights: scoring.DefaultWeights()}
	var taskID, indID int64
	for dimID := int64(1); dimID <= 7; dimID++ {
		dim := scoring.Dimension{ID: dimID}
		nInd := 8
		if dimID <= 4 {
			nInd = 9
		}
		for range nInd {
			indID++
			ind := scoring.Indicator{ID: indID, Points: d("1.5")}
			if indID <= 20 {
				ind.Points = d("2")
			}
			nTask := 8
			if indID <= 20 {
				nTask = 9
			}
			for k := range nTask {
				taskID++
				t := scoring.Task{ID: taskID}
				if k%3 == 0 {
					t.Points = pd("0.1")
				}
				ind.Tasks = append(ind.Tasks, t)
			}
			dim.Points = dim.Points.Add(ind.Points)
			dim.Indicators = append(dim.Indicators, ind)
		}
		p.Dimensions = append(p.Dimensions, dim)
	}
	return p
}

func benchInput(p scoring.Plan) scoring.Input {
	points := scoring.TaskPoints(p)
	in := scoring.Input{LeadUnits: map[int64][]int64{}, Scores: map[int64][]scoring.LeadScore{}}
	for id := int64(1); id <= int64(len(points)); id++ {
		in.Carried = append(in.Carried, id)
		half := points[id].Mul(decimal.New(5, -1)).Truncate(2)
		in.LeadUnits[id] = []int64{1}
		in.Scores[id] = []scoring.LeadScore{{LeadUnitID: 1, Score: half, Verified: true}}
		if id%2 == 0 {
			in.LeadUnits[id] = append(in.LeadUnits[id], 2)
			in.Scores[id] = append(in.Scores[id], scoring.LeadScore{LeadUnitID: 2, Score: points[id].Truncate(2), Verified: true})
		}
		if id%5 == 0 {
			in.FieldItems = append(in.FieldItems, scoring.FieldItem{TaskID: id, Judgement: scoring.Partial})
		}
	}
	in.PublicOpinion = []scoring.SourceValue{{Value: d("88.5"), Weight: d("1")}}
	in.ThirdParty = []scoring.SourceValue{{Value: d("91"), Weight: d("1")}}
	return in
}

func BenchmarkHalfYear(b *testing.B) {
	p := benchPlan()
	in := benchInput(p)
	if n := len(scoring.TaskPoints(p)); n != 500 {
		b.Fatalf("plan has %d tasks, want 500", n)
	}
	if _, err := scoring.HalfYear(p, in); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := scoring.HalfYear(p, in); err != nil {
			b.Fatal(err)
		}
	}
}
