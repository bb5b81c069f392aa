package store

import (
	"context"
	"fmt"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/importer"
)

// CatalogueOf turns units into the importer's catalogue.
func CatalogueOf(units []Unit) []importer.Unit {
	out := make([]importer.Unit, len(units))
	for i, u := range units {
		out[i] = importer.Unit{Name: u.Name, Aliases: u.Aliases}
	}
	return out
}

// ImportPlan creates a plan from a parsed document: its dimensions,
// indicators, tasks and lead-unit links, creating the lead units the
// catalogue lacked as 市直部门. Run it in a transaction so a failure leaves
// nothing behind. It returns the plan and the units it created.
func ImportPlan(ctx context.Context, db DB, name string, year int, doc *importer.Result) (*Plan, []Unit, error) {
	if len(doc.Dimensions) == 0 {
		return nil, nil, apperr.Field("input.file", "parse", "文件中没有可导入的方面", "the document contains no dimension to import")
	}
	units, err := ListUnits(ctx, db)
	if err != nil {
		return nil, nil, err
	}
	unitID := make(map[string]int64, len(units))
	nextSortKey := 0
	for _, u := range units {
		unitID[u.Name] = u.ID
		nextSortKey = max(nextSortKey, u.SortKey+1)
	}
	var created []Unit
	for _, n := range doc.NewUnits {
		if _, ok := unitID[n]; ok {
			continue
		}
		u := Unit{Name: n, Kind: UnitKindDepartment, SortKey: nextSortKey}
		nextSortKey++
		if err := CreateUnit(ctx, db, &u); err != nil {
			return nil, nil, fmt.Errorf("create unit %s: %w", n, err)
		}
		unitID[n] = u.ID
		created = append(created, u)
	}

	plan := &Plan{Name: name, Year: year, Weights: DefaultWeights()}
	if err := CreatePlan(ctx, db, plan); err != nil {
		return nil, nil, err
	}
	for _, d := range doc.Dimensions {
		dim := Dimension{PlanID: plan.ID, Number: d.Number, Name: d.Name, Points: pointsOrZero(d.Points)}
		if err := CreateDimension(ctx, db, &dim); err != nil {
			return nil, nil, fmt.Errorf("import dimension %d (line %d): %w", d.Number, d.Line, err)
		}
		for _, i := range d.Indicators {
			ind := Indicator{DimensionID: dim.ID, Number: i.Number, Name: i.Name, Points: pointsOrZero(i.Points)}
			if err := CreateIndicator(ctx, db, &ind); err != nil {
				return nil, nil, fmt.Errorf("import indicator %d (line %d): %w", i.Number, i.Line, err)
			}
			for _, t := range i.Tasks {
				task := Task{IndicatorID: ind.ID, Number: t.Number, Text: t.Text, Points: t.Points, Deadline: deadlineOf(t.Deadline)}
				var leads []int64
				seen := map[int64]bool{}
				for _, l := range t.LeadUnits {
					if id, ok := unitID[l.Name]; ok && !seen[id] {
						leads = append(leads, id)
						seen[id] = true
					}
				}
				if err := CreateTask(ctx, db, &task, leads); err != nil {
					return nil, nil, fmt.Errorf("import task %d (line %d): %w", t.Number, t.Line, err)
				}
			}
		}
	}
	return plan, created, nil
}

func pointsOrZero(p *Decimal) Decimal {
	if p == nil {
		return Decimal{}
	}
	return *p
}

// DeadlineOf converts the importer's understanding of a deadline phrase.
func deadlineOf(d importer.Deadline) Deadline {
	out := Deadline{Phrase: d.Phrase, Continuing: d.Continuing}
	if d.Month > 0 {
		m := d.Month
		out.Month = &m
	}
	if d.State != "" {
		s := DeadlineState(d.State)
		out.State = &s
	}
	return out
}

// DeadlineOf is deadlineOf for the API's preview of an import.
func DeadlineOf(d importer.Deadline) Deadline { return deadlineOf(d) }
