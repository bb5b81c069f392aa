package main

import (
	"context"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5"

	"github.com/kaoping/kaoping/server/load"
)

// workload is what the clients do: readers look at rankings, breakdowns
// and plan trees; score savers each own some cells of the demo scorer's
// sheet and save them again and again; report savers do the same with the
// progress reports of 昆都仑区. Owning cells means no two clients race for
// one row, so every CONFLICT would be a bug, and the count of saves each
// cell received is known exactly.
type workload struct {
	readers, scoreWorkers, reportWorkers int
	workers                              []*load.Client
	all                                  []*load.Client
	scorer, taskForce                    *load.Client
	planID, leadUnitID                   string
	evaluatees                           []string
	cells                                []*tracked
	reports                              []*tracked
	owned                                [][]*tracked // per worker
	turn                                 []int

	mu    sync.Mutex
	acked []string // request ids of acknowledged saves
}

// tracked is one row a client writes: how many of its saves were
// acknowledged and how many failed without knowing whether they applied.
type tracked struct {
	evaluatee, task, max string
	version              int
	initial              int    // version before the run
	initialSaves         int    // score_history SAVE rows before the run
	acked, unknown       int    // saves acknowledged / of unknown outcome
	stale                bool   // version must be re-read before the next save
	report               bool   // a progress report, not a score
	state                string // progress state (reports)
	n                    int
}

const (
	rankingQuery   = `query($p: ID!, $g: RankingGroup!) { ranking(periodId: $p, group: $g) { preview rows { rank score evaluatee { id } components { method value } } } }`
	breakdownQuery = `query($p: ID!, $e: ID!) { breakdown(periodId: $p, evaluateeId: $e) { tasks { number points score } } }`
	planQuery      = `query($id: ID!) { plan(id: $id) { name dimensions { number name indicators { number name tasks { id number points leadUnits { name } } } } } }`
	sheetQuery     = `{ scoreSheet(periodId: "2") { leadUnit { id } cells { evaluateeId taskId maxPoints score { status version } } } }`
	saveScore      = `mutation($e: [ScoreEntryInput!]!) { saveScores(input: {periodId: "2", entries: $e, submit: false}) { evaluateeId taskId version } }`
	reportsQuery   = `query($e: ID!) { progressReports(periodId: "2", evaluateeId: $e) { taskId state version } }`
	saveReport     = `mutation($i: SaveProgressReportInput!) { saveProgressReport(input: $i) { version } }`
)

func signIn(ctx context.Context, url, user string) (*load.Client, error) {
	cl := load.NewClient(url)
	return cl, cl.Login(ctx, user, password, "")
}

func prepare(ctx context.Context, url string, clients int) (*workload, error) {
	w := &workload{}
	var err error
	if w.taskForce, err = signIn(ctx, url, "zhuanban1"); err != nil {
		return nil, err
	}
	if w.scorer, err = signIn(ctx, url, "scorer"); err != nil {
		return nil, err
	}
	contact, err := signIn(ctx, url, "contact")
	if err != nil {
		return nil, err
	}
	w.all = append(w.all, w.taskForce, w.scorer, contact)

	var plans struct {
		Plans []struct {
			ID         string
			Evaluatees []struct {
				ID   string
				Unit struct{ Name string }
			}
		}
	}
	if _, err := w.taskForce.Do(ctx, `{ plans { id evaluatees { id unit { name } } } }`, nil, &plans); err != nil || len(plans.Plans) == 0 {
		return nil, fmt.Errorf("read plans: %v", err)
	}
	w.planID = plans.Plans[0].ID
	kundulun := ""
	for _, e := range plans.Plans[0].Evaluatees {
		w.evaluatees = append(w.evaluatees, e.ID)
		if e.Unit.Name == "昆都仑区" {
			kundulun = e.ID
		}
	}

	sheet, err := w.readSheet(ctx)
	if err != nil {
		return nil, err
	}
	w.leadUnitID = sheet.ScoreSheet.LeadUnit.ID
	for _, c := range sheet.ScoreSheet.Cells {
		if c.Score == nil || c.Score.Status == "DRAFT" || c.Score.Status == "RETURNED" {
			t := &tracked{evaluatee: c.EvaluateeID, task: c.TaskID, max: c.MaxPoints}
			if c.Score != nil {
				t.version, t.initial = c.Score.Version, c.Score.Version
			}
			w.cells = append(w.cells, t)
		}
	}
	var reps struct {
		ProgressReports []struct {
			TaskID, State string
			Version       int
		}
	}
	if _, err := contact.Do(ctx, reportsQuery, map[string]any{"e": kundulun}, &reps); err != nil {
		return nil, fmt.Errorf("read progress reports: %w", err)
	}
	for _, r := range reps.ProgressReports {
		w.reports = append(w.reports, &tracked{evaluatee: kundulun, task: r.TaskID, version: r.Version, initial: r.Version, report: true, state: r.State})
	}

	// A quarter save scores, 15% reports, the rest read; never more savers
	// than rows to save (a saver without rows would have nothing to do).
	w.scoreWorkers = min(max(clients/4, 1), len(w.cells))
	w.reportWorkers = min(max(clients*3/20, 1), len(w.reports))
	w.readers = max(clients-w.scoreWorkers-w.reportWorkers, 0)
	w.owned = make([][]*tracked, clients)
	w.turn = make([]int, clients)
	for i, c := range w.cells {
		k := w.readers + i%max(w.scoreWorkers, 1)
		w.owned[k] = append(w.owned[k], c)
	}
	for i, r := range w.reports {
		k := w.readers + w.scoreWorkers + i%max(w.reportWorkers, 1)
		w.owned[k] = append(w.owned[k], r)
	}

	// Sign the clients in a few at a time: a crowd at the door is the
	// sign-in test's business; this one needs sessions.
	w.workers = make([]*load.Client, clients)
	errs := make(chan error, clients)
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	for i := range clients {
		user := []string{"leader", "analyst"}[i%2]
		switch {
		case i >= w.readers+w.scoreWorkers:
			user = "contact"
		case i >= w.readers:
			user = "scorer"
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			cl, err := signIn(ctx, url, user)
			w.workers[i] = cl
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return nil, err
		}
	}
	w.all = append(w.all, w.workers...)
	return w, nil
}

type sheetAnswer struct {
	ScoreSheet struct {
		LeadUnit struct{ ID string }
		Cells    []struct {
			EvaluateeID, TaskID, MaxPoints string
			Score                          *struct {
				Status  string
				Version int
			}
		}
	}
}

func (w *workload) readSheet(ctx context.Context) (*sheetAnswer, error) {
	var s sheetAnswer
	if _, err := w.scorer.Do(ctx, sheetQuery, nil, &s); err != nil {
		return nil, fmt.Errorf("read score sheet: %w", err)
	}
	return &s, nil
}

// scorerCells is every cell of the scorer's sheet with its version.
func (w *workload) scorerCells(ctx context.Context) (map[[2]string]int, error) {
	s, err := w.readSheet(ctx)
	if err != nil {
		return nil, err
	}
	out := map[[2]string]int{}
	for _, c := range s.ScoreSheet.Cells {
		v := 0
		if c.Score != nil {
			v = c.Score.Version
		}
		out[[2]string{c.EvaluateeID, c.TaskID}] = v
	}
	return out, nil
}

// step is one request of worker k.
func (w *workload) step(ctx context.Context, k int, rec *load.Recorder) {
	cl := w.workers[k]
	w.turn[k]++
	n := w.turn[k]
	if mine := w.owned[k]; len(mine) > 0 {
		t := mine[n%len(mine)]
		if t.stale {
			w.refresh(ctx, cl, t, rec)
			return
		}
		if t.report {
			w.saveReport(ctx, cl, t, rec)
		} else {
			w.saveScore(ctx, cl, t, rec)
		}
		return
	}
	p := []string{"1", "2"}[n%2]
	switch n % 4 {
	case 0, 1:
		g := []string{"DISTRICTS", "DEPARTMENTS"}[(n/2)%2]
		_ = rec.Time(ctx, "ranking", func() error {
			_, err := cl.Do(ctx, rankingQuery, map[string]any{"p": p, "g": g}, nil)
			return err
		})
	case 2:
		e := w.evaluatees[(k+n)%len(w.evaluatees)]
		_ = rec.Time(ctx, "breakdown", func() error {
			_, err := cl.Do(ctx, breakdownQuery, map[string]any{"p": p, "e": e}, nil)
			return err
		})
	case 3:
		_ = rec.Time(ctx, "plan-tree", func() error {
			_, err := cl.Do(ctx, planQuery, map[string]any{"id": w.planID}, nil)
			return err
		})
	}
}

func (w *workload) saveScore(ctx context.Context, cl *load.Client, t *tracked, rec *load.Recorder) {
	t.n++
	value, comment := t.max, ""
	if t.n%2 == 0 {
		value, comment = "0", "soak: 未见成效"
	}
	entry := map[string]any{"evaluateeId": t.evaluatee, "taskId": t.task, "value": value, "comment": comment, "version": t.version}
	var out struct {
		SaveScores []struct{ Version int }
	}
	var res *load.Response
	err := rec.Time(ctx, "score-save", func() error {
		var err error
		res, err = cl.Do(ctx, saveScore, map[string]any{"e": []any{entry}}, &out)
		return err
	})
	w.settle(ctx, t, res, err, func() int {
		if len(out.SaveScores) == 1 {
			return out.SaveScores[0].Version
		}
		return -1
	})
}

func (w *workload) saveReport(ctx context.Context, cl *load.Client, t *tracked, rec *load.Recorder) {
	t.n++
	states := []string{"IN_PROGRESS", "STAGED_RESULTS", "NOTABLE_RESULTS"}
	input := map[string]any{"periodId": "2", "evaluateeId": t.evaluatee, "taskId": t.task,
		"state": states[t.n%len(states)], "narrative": fmt.Sprintf("压力测试第 %d 次报送", t.n), "version": t.version}
	var out struct {
		SaveProgressReport struct{ Version int }
	}
	var res *load.Response
	err := rec.Time(ctx, "report-save", func() error {
		var err error
		res, err = cl.Do(ctx, saveReport, map[string]any{"i": input}, &out)
		return err
	})
	w.settle(ctx, t, res, err, func() int { return out.SaveProgressReport.Version })
}

// settle books the outcome of a save. A save cut off by the end of the run
// (the client's own deadline) is of unknown outcome like one cut off by a
// kill.
func (w *workload) settle(ctx context.Context, t *tracked, res *load.Response, err error, version func() int) {
	if err == nil {
		t.acked++
		t.version = version()
		w.mu.Lock()
		w.acked = append(w.acked, res.RequestID)
		w.mu.Unlock()
		return
	}
	if load.CodeOf(err) != "INVALID" && load.CodeOf(err) != "FORBIDDEN" {
		t.unknown++
	}
	t.stale = true
}

// refresh re-reads a row's version after a save of unknown outcome.
func (w *workload) refresh(ctx context.Context, cl *load.Client, t *tracked, rec *load.Recorder) {
	if t.report {
		var reps struct {
			ProgressReports []struct {
				TaskID  string
				Version int
			}
		}
		if rec.Time(ctx, "report-read", func() error {
			_, err := cl.Do(ctx, reportsQuery, map[string]any{"e": t.evaluatee}, &reps)
			return err
		}) != nil {
			return
		}
		for _, r := range reps.ProgressReports {
			if r.TaskID == t.task {
				t.version, t.stale = r.Version, false
			}
		}
		return
	}
	var s sheetAnswer
	if rec.Time(ctx, "sheet-read", func() error {
		_, err := cl.Do(ctx, sheetQuery, nil, &s)
		return err
	}) != nil {
		return
	}
	for _, c := range s.ScoreSheet.Cells {
		if c.EvaluateeID == t.evaluatee && c.TaskID == t.task && c.Score != nil {
			t.version, t.stale = c.Score.Version, false
		}
	}
}

// checkWrites compares what the clients were told with what the database
// holds.
func checkWrites(ctx context.Context, dbURL string, w *workload, c *checks) error {
	db, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return err
	}
	defer db.Close(ctx)

	lost, dup, acked, unknown, applied := 0, 0, 0, 0, 0
	for _, t := range w.cells {
		var version, saves int
		err := db.QueryRow(ctx, `
			SELECT s.version, (SELECT count(*) FROM score_history h WHERE h.score_id = s.id AND h.action = 'SAVE')
			FROM scores s WHERE s.period_id = 2 AND s.evaluatee_id = $1 AND s.task_id = $2 AND s.lead_unit_id = $3`,
			t.evaluatee, t.task, w.leadUnitID).Scan(&version, &saves)
		if err == pgx.ErrNoRows {
			version, saves = 0, 0
		} else if err != nil {
			return fmt.Errorf("read score: %w", err)
		}
		done := saves - t.initialSaves
		acked, unknown, applied = acked+t.acked, unknown+t.unknown, applied+done
		if done < t.acked {
			lost += t.acked - done
		}
		if done > t.acked+t.unknown {
			dup += done - t.acked - t.unknown
		}
	}
	if lost == 0 && dup == 0 {
		c.pass("score saves: %d acknowledged, %d of unknown outcome, %d in the history (each acknowledged save exactly once)", acked, unknown, applied)
	} else {
		c.fail("score saves: %d acknowledged saves missing from the history, %d saves too many (acknowledged %d, unknown %d, history %d)", lost, dup, acked, unknown, applied)
	}

	lost, dup, acked, unknown, applied = 0, 0, 0, 0, 0
	for _, t := range w.reports {
		var version int
		if err := db.QueryRow(ctx, `SELECT version FROM progress_reports WHERE period_id = 2 AND evaluatee_id = $1 AND task_id = $2`,
			t.evaluatee, t.task).Scan(&version); err != nil {
			return fmt.Errorf("read progress report: %w", err)
		}
		done := version - t.initial
		acked, unknown, applied = acked+t.acked, unknown+t.unknown, applied+done
		if done < t.acked {
			lost += t.acked - done
		}
		if done > t.acked+t.unknown {
			dup += done - t.acked - t.unknown
		}
	}
	if lost == 0 && dup == 0 {
		c.pass("report saves: %d acknowledged, %d of unknown outcome, %d applied", acked, unknown, applied)
	} else {
		c.fail("report saves: %d acknowledged saves lost, %d too many (acknowledged %d, unknown %d, applied %d)", lost, dup, acked, unknown, applied)
	}

	rows, err := db.Query(ctx, `SELECT r.id, (SELECT count(*) FROM audit_log a WHERE a.request_id = r.id AND a.outcome = 'OK')
		FROM unnest($1::text[]) AS r(id)`, w.acked)
	if err != nil {
		return fmt.Errorf("read audit log: %w", err)
	}
	defer rows.Close()
	bad := 0
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return err
		}
		if n != 1 {
			bad++
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if bad == 0 {
		c.pass("audit log: each of the %d acknowledged saves recorded exactly once", len(w.acked))
	} else {
		c.fail("audit log: %d of %d acknowledged saves not recorded exactly once", bad, len(w.acked))
	}
	return nil
}

// recordInitialSaves notes each tracked score's history length before the run.
func recordInitialSaves(ctx context.Context, dbURL string, w *workload) error {
	db, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return err
	}
	defer db.Close(ctx)
	for _, t := range w.cells {
		err := db.QueryRow(ctx, `SELECT count(*) FROM score_history h JOIN scores s ON s.id = h.score_id
			WHERE s.period_id = 2 AND s.evaluatee_id = $1 AND s.task_id = $2 AND s.lead_unit_id = $3 AND h.action = 'SAVE'`,
			t.evaluatee, t.task, w.leadUnitID).Scan(&t.initialSaves)
		if err != nil {
			return fmt.Errorf("read score history: %w", err)
		}
	}
	return nil
}
