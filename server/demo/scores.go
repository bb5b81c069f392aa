package demo

import (
	"context"
	"fmt"
	"github.com/kaoping/kaoping/server/workflow"
	"hash/fnv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/consistency"
	"github.com/kaoping/kaoping/server/evaluation"
	"github.com/kaoping/kaoping/server/results"
	"github.com/kaoping/kaoping/server/store"
)

// The demo's scoring history: the first half of 2023 entered, verified and
// published; the second half open, with some scores entered, some submitted
// and a few verified. It goes through the same domain functions as the UI,
// so it obeys the same rules (four eyes, states, versions).

// clock moves through the demo's dates.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { c.t = c.t.Add(time.Minute); return c.t }

func loadScores(ctx context.Context, tx store.DB, planID int64) error {
	ids, err := demoIdentities(ctx, tx)
	if err != nil {
		return err
	}
	periods, err := store.PeriodsByPlans(ctx, tx, []int64{planID})
	if err != nil {
		return err
	}
	h1, h2 := periods[planID][0], periods[planID][1]
	c := &clock{t: time.Date(2023, 6, 1, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))}
	svc := &evaluation.Service{Now: c.now}
	tf1, tf2 := ids["zhuanban1"], ids["zhuanban2"]

	// 上半年: open, report, score, verify, import opinion data, publish.
	p, err := svc.MovePeriod(ctx, tx, tf1, h1.ID, h1.Version, workflow.Open, "")
	if err != nil {
		return err
	}
	if err := reportProgress(ctx, tx, svc, ids["contact"], p.ID, 1.0); err != nil {
		return err
	}
	if err := scoreAll(ctx, tx, svc, ids, p.ID, 1.0, true); err != nil {
		return err
	}
	if err := verifyAll(ctx, tx, svc, tf1, tf2, p.ID, 1.0); err != nil {
		return err
	}
	if err := importSources(ctx, tx, svc, tf1, p.ID); err != nil {
		return err
	}
	c.t = time.Date(2023, 7, 10, 9, 0, 0, 0, c.t.Location())
	for _, to := range []workflow.State{workflow.Review, workflow.Publicity, workflow.Published} {
		if p, err = svc.MovePeriod(ctx, tx, tf1, p.ID, p.Version, to, ""); err != nil {
			return fmt.Errorf("move 上半年 to %s: %w", to, err)
		}
	}

	// 下半年: open, with about half the work done.
	c.t = time.Date(2023, 10, 20, 9, 0, 0, 0, c.t.Location())
	if _, err := svc.MovePeriod(ctx, tx, tf1, h2.ID, h2.Version, workflow.Open, ""); err != nil {
		return err
	}
	if err := reportProgress(ctx, tx, svc, ids["contact"], h2.ID, 0.5); err != nil {
		return err
	}
	if err := scoreAll(ctx, tx, svc, ids, h2.ID, 0.6, false); err != nil {
		return err
	}
	return verifyAll(ctx, tx, svc, tf1, tf2, h2.ID, 0.3)
}

// demoIdentities returns an identity per demo account, creating a scorer
// account for every lead unit that has none, so each score names a person.
func demoIdentities(ctx context.Context, tx store.DB) (map[string]*auth.Identity, error) {
	users, err := store.ListUsers(ctx, tx)
	if err != nil {
		return nil, err
	}
	out := map[string]*auth.Identity{}
	scorerOf := map[int64]bool{}
	for _, u := range users {
		out[u.Username] = identityOf(u)
		for _, r := range u.Roles {
			if r == string(auth.RoleLeadScorer) && u.UnitID != nil {
				scorerOf[*u.UnitID] = true
			}
		}
	}
	units, err := store.ListUnits(ctx, tx)
	if err != nil {
		return nil, err
	}
	hash, err := auth.HashPassword(Password)
	if err != nil {
		return nil, err
	}
	for _, unit := range units {
		if unit.Kind != store.UnitKindDepartment || scorerOf[unit.ID] {
			continue
		}
		id := unit.ID
		u := store.User{Username: fmt.Sprintf("scorer%d", unit.SortKey), DisplayName: unit.Name + "评分员",
			UnitID: &id, PasswordHash: hash, Enabled: true, Roles: []string{string(auth.RoleLeadScorer)}}
		if err := store.CreateUser(ctx, tx, &u); err != nil {
			return nil, err
		}
		u.Unit = &unit
		out[u.Username] = identityOf(u)
	}
	return out, nil
}

func identityOf(u store.User) *auth.Identity {
	id := &auth.Identity{UserID: u.ID, Username: u.Username, DisplayName: u.DisplayName, UnitID: u.UnitID}
	if u.Unit != nil {
		id.UnitName = u.Unit.Name
	}
	for _, r := range u.Roles {
		id.Roles = append(id.Roles, auth.Role(r))
	}
	return id
}

// share returns a stable number in [0, 1) for a combination of keys, so the
// demo looks varied but is the same on every machine.
func share(keys ...any) float64 {
	h := fnv.New32a()
	fmt.Fprint(h, keys...)
	return float64(h.Sum32()%10000) / 10000
}

// scoreAll has every lead unit score a fraction of its cells: between 62%
// and 100% of the points, two decimals.
func scoreAll(ctx context.Context, tx store.DB, svc *evaluation.Service, ids map[string]*auth.Identity, periodID int64, fraction float64, submit bool) error {
	for _, id := range ids {
		if !id.Has(auth.RoleLeadScorer) || id.UnitID == nil {
			continue
		}
		sh, err := evaluation.LoadSheet(ctx, tx, periodID, *id.UnitID)
		if err != nil {
			return err
		}
		var entries []evaluation.Entry
		for _, cell := range sh.Cells {
			if share("cell", periodID, cell.EvaluateeID, cell.TaskID) >= fraction {
				continue
			}
			f := decimal.NewFromFloat(0.62 + 0.38*share("value", periodID, cell.EvaluateeID, cell.TaskID, *id.UnitID))
			v := cell.MaxPoints.Mul(f).Truncate(2)
			entries = append(entries, evaluation.Entry{EvaluateeID: cell.EvaluateeID, TaskID: cell.TaskID, Value: v, Comment: "对照进展报送和佐证材料评分"})
		}
		if len(entries) == 0 {
			continue
		}
		sub := submit || share("submit", periodID, *id.UnitID) < 0.5
		if _, err := svc.SaveScores(ctx, tx, id, periodID, entries, sub, "SAVE"); err != nil {
			return fmt.Errorf("demo scores of %s: %w", id.UnitName, err)
		}
	}
	return nil
}

// verifyAll has the 专班 accept a fraction of the submitted scores (one
// adjusted, for the record); a member never verifies their own entries.
func verifyAll(ctx context.Context, tx store.DB, svc *evaluation.Service, tf1, tf2 *auth.Identity, periodID int64, fraction float64) error {
	scores, err := store.FindScores(ctx, tx, store.ScoreFilter{PeriodID: periodID, Statuses: []store.ScoreStatus{store.ScoreSubmitted}})
	if err != nil {
		return err
	}
	ids := make([]int64, len(scores))
	for i, sc := range scores {
		ids[i] = sc.ID
	}
	flagged, err := consistency.ForScores(ctx, tx, ids, svc.Now())
	if err != nil {
		return err
	}
	adjusted := false
	for _, sc := range scores {
		if share("verify", sc.ID) >= fraction {
			continue
		}
		who := tf1
		if sc.EnteredBy != nil && *sc.EnteredBy == tf1.UserID {
			who = tf2
		}
		v := evaluation.Verification{ScoreID: sc.ID, Version: sc.Version, Action: "ACCEPT"}
		if len(flagged[sc.ID]) > 0 {
			v.Reason = "已核对进展报送与佐证材料,评分属实"
		}
		if !adjusted && fraction == 1.0 && sc.Value.GreaterThan(decimal.NewFromFloat(0.2)) {
			lower := sc.Value.Sub(decimal.NewFromFloat(0.1))
			v.Action, v.Value, v.Reason = "ADJUST", &lower, "佐证材料不足以证明全部完成,核减0.1分"
			adjusted = true
		}
		if _, err := svc.Verify(ctx, tx, who, []evaluation.Verification{v}); err != nil {
			return fmt.Errorf("demo verification of score %d: %w", sc.ID, err)
		}
	}
	return nil
}

var reportStates = []string{"IN_PROGRESS", "STAGED_RESULTS", "NOTABLE_RESULTS", "COMPLETED"}

// reportProgress has 昆都仑区's contact report on a fraction of its tasks.
func reportProgress(ctx context.Context, tx store.DB, svc *evaluation.Service, contact *auth.Identity, periodID int64, fraction float64) error {
	data, err := results.Load(ctx, tx, periodID, nil)
	if err != nil {
		return err
	}
	for _, e := range data.Evaluatees {
		if e.UnitID != *contact.UnitID {
			continue
		}
		for _, t := range data.Carried[e.ID] {
			if share("report", periodID, t) >= fraction {
				continue
			}
			state := reportStates[int(share("state", periodID, t)*float64(len(reportStates)))]
			_, err := svc.SaveReport(ctx, tx, contact, evaluation.ReportInput{PeriodID: periodID, EvaluateeID: e.ID, TaskID: t, State: state,
				Narrative: "已按计划推进,相关系统已上线运行,佐证材料见附件。"})
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// importSources gives every evaluatee a 民意调查 and a 第三方评估 value.
func importSources(ctx context.Context, tx store.DB, svc *evaluation.Service, tf *auth.Identity, periodID int64) error {
	data, err := results.Load(ctx, tx, periodID, nil)
	if err != nil {
		return err
	}
	for _, method := range []string{"PUBLIC_OPINION", "THIRD_PARTY"} {
		var vals []store.SourceValue
		for _, e := range data.Evaluatees {
			v := decimal.NewFromFloat(72 + 25*share(method, periodID, e.ID)).Truncate(2)
			source := map[string]string{"PUBLIC_OPINION": "市民满意度调查", "THIRD_PARTY": "第三方评估机构"}[method]
			vals = append(vals, store.SourceValue{PeriodID: periodID, EvaluateeID: e.ID, Method: method, Source: source,
				Value: v, Weight: decimal.NewFromInt(1), ImportedByName: tf.DisplayName, ImportedAt: svc.Now()})
		}
		if err := store.ReplaceSourceValues(ctx, tx, periodID, method, vals); err != nil {
			return err
		}
	}
	return nil
}
