package evaluation

import (
	"context"
	"fmt"
	"strings"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/scoring"
	"github.com/kaoping/kaoping/server/sheets"
	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/workflow"
)

// SourceImport is the outcome of an import of 民意调查/第三方评估 values.
type SourceImport struct {
	Values  []store.SourceValue
	Errors  []sheets.RowError
	Written bool
}

// ImportSourceValues matches parsed rows to the period's evaluatees and,
// unless dryRun or any row is wrong, replaces the period's values of the
// method with them. Only the two imported methods take values.
func (s *Service) ImportSourceValues(ctx context.Context, tx store.DB, id *auth.Identity, periodID int64, method string, rows []sheets.SourceValue, rowErrs []sheets.RowError, dryRun bool) (*SourceImport, error) {
	if method != string(scoring.PublicOpinion) && method != string(scoring.ThirdParty) {
		return nil, apperr.Field("input.method", "oneof", "只能导入民意调查或第三方评估数据", "only PUBLIC_OPINION or THIRD_PARTY")
	}
	values, errs, err := s.MatchSourceValues(ctx, tx, id, periodID, method, rows)
	if err != nil {
		return nil, err
	}
	out := &SourceImport{Values: values, Errors: append(rowErrs, errs...)}
	if dryRun || len(out.Errors) > 0 {
		return out, nil
	}
	if err := store.ReplaceSourceValues(ctx, tx, periodID, method, values); err != nil {
		return nil, err
	}
	out.Written = true
	return out, nil
}

// MatchSourceValues turns parsed 民意调查/第三方评估 rows into values of the
// period's evaluatees, matching names by unit name or alias; unknown names
// are row errors. It writes nothing.
func (s *Service) MatchSourceValues(ctx context.Context, tx store.DB, id *auth.Identity, periodID int64, method string, rows []sheets.SourceValue) ([]store.SourceValue, []sheets.RowError, error) {
	p, err := store.FindPeriod(ctx, tx, periodID)
	if err != nil {
		return nil, nil, err
	}
	if err := requireState(p, workflow.ImportSources, "导入数据", "import data"); err != nil {
		return nil, nil, err
	}
	evs, err := store.EvaluateesByPlans(ctx, tx, []int64{p.PlanID})
	if err != nil {
		return nil, nil, err
	}
	byName := map[string]int64{}
	for _, e := range evs[p.PlanID] {
		byName[e.Unit.Name] = e.ID
		for _, a := range e.Unit.Aliases {
			byName[a] = e.ID
		}
	}
	var out []store.SourceValue
	var errs []sheets.RowError
	seen := map[string]int{}
	for _, r := range rows {
		name := strings.TrimSpace(r.Evaluatee)
		eid, ok := byName[name]
		if !ok {
			errs = append(errs, sheets.RowError{Row: r.Row, Column: "考评对象", Message: fmt.Sprintf("“%s”不是本方案的考评对象", name)})
			continue
		}
		key := fmt.Sprint(eid, "\x00", r.Source)
		if prev, dup := seen[key]; dup {
			errs = append(errs, sheets.RowError{Row: r.Row, Column: "来源", Message: fmt.Sprintf("与第%d行重复(同一考评对象、同一来源)", prev)})
			continue
		}
		seen[key] = r.Row
		out = append(out, store.SourceValue{PeriodID: periodID, EvaluateeID: eid, Method: method, Source: r.Source,
			Value: r.Value, Weight: r.Weight, ImportedByName: id.DisplayName, ImportedAt: s.Now()})
	}
	return out, errs, nil
}
