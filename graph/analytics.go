package graph

import (
	"github.com/shopspring/decimal"

	"github.com/kaoping/kaoping/graph/model"
	"github.com/kaoping/kaoping/server/analytics"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/store"
)

func aggregateResult(r *analytics.Result) (model.AggregateResult, error) {
	if r == nil {
		return model.AggregateResult{}, nil
	}
	out := model.AggregateResult{Groupings: r.Groupings, Measures: r.Spec.Measures, Live: r.Live, Published: r.Published, Rows: make([]model.AggregateRow, len(r.Rows))}
	for i, row := range r.Rows {
		m := model.AggregateRow{Keys: row.Keys, Labels: row.Labels, Live: row.Live, Published: row.Published, Values: make([]*decimal.Decimal, len(row.Values)), GroupedBy: []store.Grouping{}}
		for j, v := range row.Values {
			if v != nil {
				d, err := decimal.NewFromString(*v)
				if err != nil {
					return model.AggregateResult{}, err
				}
				m.Values[j] = &d
			}
		}
		for j, g := range r.Groupings {
			if !row.Total(j) {
				m.GroupedBy = append(m.GroupedBy, g)
			}
		}
		out.Rows[i] = m
	}
	return out, nil
}

// savedView shapes a view; lists in the spec are never null.
func savedView(v *analytics.View) model.SavedView {
	if v == nil {
		return model.SavedView{}
	}
	spec := v.Spec
	if spec.Measures == nil {
		spec.Measures = []store.Measure{}
	}
	if spec.Rows == nil {
		spec.Rows = []store.Grouping{}
	}
	if spec.Columns == nil {
		spec.Columns = []store.Grouping{}
	}
	if spec.Filters == nil {
		spec.Filters = []analytics.Filter{}
	}
	out := model.SavedView{ID: v.ID, Name: v.Name, Description: v.Description, Spec: &spec, OwnerName: v.OwnerName,
		Builtin: v.Builtin, Mine: v.Mine, Problems: v.Problems, Version: v.Version, UpdatedAt: v.UpdatedAt, SharedWith: []auth.Role{}}
	if out.Problems == nil {
		out.Problems = []string{}
	}
	for _, r := range v.SharedRoles {
		out.SharedWith = append(out.SharedWith, auth.Role(r))
	}
	return out
}

func viewInput(in model.SaveViewInput) analytics.ViewInput {
	out := analytics.ViewInput{ID: in.ID, Name: in.Name, Description: in.Description, SharedWith: in.SharedWith}
	if in.Version != nil {
		out.Version = *in.Version
	}
	if in.Spec != nil {
		out.Spec = *in.Spec
	}
	return out
}
