package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/workflow"
	"time"

	"github.com/uptrace/bun"

	"github.com/kaoping/kaoping/server/audit"
)

// PeriodEvent records a move of a period.
type PeriodEvent struct {
	bun.BaseModel `bun:"table:period_events"`

	ID        int64          `bun:"id,pk,autoincrement"`
	PeriodID  int64          `bun:"period_id"`
	FromState workflow.State `bun:"from_state"`
	ToState   workflow.State `bun:"to_state"`
	Reason    *string        `bun:"reason"`
	UserID    *int64         `bun:"user_id"`
	Username  string         `bun:"username"`
	At        time.Time      `bun:"at"`
}

// FindPeriod returns period id.
func FindPeriod(ctx context.Context, db DB, id int64) (*Period, error) {
	p := new(Period)
	if err := db.NewSelect().Model(p).Where("id = ?", id).Scan(ctx); err != nil {
		return nil, notFoundOr(err, apperr.Period, id)
	}
	return p, nil
}

// MovePeriod changes a period's state if it still has version, and records
// the event.
func MovePeriod(ctx context.Context, db DB, p *Period, to workflow.State, reason *string, by Actor, at time.Time) error {
	from := p.State
	next := *p
	next.State = to
	if to == workflow.Published {
		next.PublishedAt = &at
	}
	if err := updateVersioned(ctx, db, &next, apperr.Period, "periods", p.ID, p.Version, "state", "published_at"); err != nil {
		return err
	}
	*p = next
	_, err := db.NewInsert().Model(&PeriodEvent{PeriodID: p.ID, FromState: from, ToState: to, Reason: reason, UserID: &by.UserID, Username: by.Username, At: at}).Exec(ctx)
	return err
}

// PeriodEvents returns each period's events, oldest first.
func PeriodEvents(ctx context.Context, db DB, periodIDs []int64) (map[int64][]PeriodEvent, error) {
	var rows []PeriodEvent
	if err := db.NewSelect().Model(&rows).Where("period_id IN (?)", bun.In(periodIDs)).Order("period_id", "id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("load period events: %w", err)
	}
	out := map[int64][]PeriodEvent{}
	for _, e := range rows {
		out[e.PeriodID] = append(out[e.PeriodID], e)
	}
	return out, nil
}

// Publication freezes a period's results.
type Publication struct {
	bun.BaseModel `bun:"table:publications"`

	ID            int64      `bun:"id,pk,autoincrement"`
	PeriodID      int64      `bun:"period_id"`
	Number        int        `bun:"number"`
	CreatedAt     time.Time  `bun:"created_at"`
	CreatedByName string     `bun:"created_by_name"`
	SupersededAt  *time.Time `bun:"superseded_at"`
	// Note says why a later publication of the same 公示 was made (an
	// upheld objection); nil for a publication made by entering 公示.
	Note *string `bun:"note"`
}

// PublishedResult is one evaluatee's frozen result.
type PublishedResult struct {
	bun.BaseModel `bun:"table:published_results,alias:pr"`

	PublicationID int64           `bun:"publication_id,pk"`
	EvaluateeID   int64           `bun:"evaluatee_id,pk"`
	Group         RankingGroup    `bun:"ranking_group"`
	Rank          int             `bun:"rank"`
	Score         *Decimal        `bun:"score"`
	Exact         *string         `bun:"exact"`
	MissingScores int             `bun:"missing_scores"`
	Summary       json.RawMessage `bun:"summary,type:jsonb"`
	Breakdown     json.RawMessage `bun:"breakdown,type:jsonb"`
}

// CurrentPublication returns the period's publication in force, or nil.
func CurrentPublication(ctx context.Context, db DB, periodID int64) (*Publication, error) {
	p := new(Publication)
	err := db.NewSelect().Model(p).Where("period_id = ? AND superseded_at IS NULL", periodID).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return p, err
}

// FindPeriodWithPublication returns period id and its publication in
// force (nil when there is none) in one statement: every read of results
// needs both before anything else.
func FindPeriodWithPublication(ctx context.Context, db DB, id int64) (*Period, *Publication, error) {
	var row struct {
		Period       `bun:",extend"`
		PubID        *int64     `bun:"pub_id"`
		PubNumber    *int       `bun:"pub_number"`
		PubCreatedAt *time.Time `bun:"pub_created_at"`
		PubCreatedBy *string    `bun:"pub_created_by_name"`
		PubNote      *string    `bun:"pub_note"`
	}
	err := db.NewSelect().
		TableExpr("periods AS period").
		ColumnExpr("period.*").
		ColumnExpr("pub.id AS pub_id, pub.number AS pub_number, pub.created_at AS pub_created_at, pub.created_by_name AS pub_created_by_name, pub.note AS pub_note").
		Join("LEFT JOIN publications AS pub ON pub.period_id = period.id AND pub.superseded_at IS NULL").
		Where("period.id = ?", id).
		OrderExpr("pub.number DESC").
		Limit(1).
		Scan(ctx, &row)
	if err != nil {
		return nil, nil, notFoundOr(err, apperr.Period, id)
	}
	p := row.Period
	if row.PubID == nil {
		return &p, nil, nil
	}
	pub := &Publication{ID: *row.PubID, PeriodID: p.ID, Number: *row.PubNumber, CreatedAt: *row.PubCreatedAt, CreatedByName: *row.PubCreatedBy, Note: row.PubNote}
	return &p, pub, nil
}

// Publish stores a new publication of the period with its results.
func Publish(ctx context.Context, db DB, periodID int64, byName string, at time.Time, results []PublishedResult) (*Publication, error) {
	var n int
	if err := db.NewRaw(`SELECT coalesce(max(number), 0) FROM publications WHERE period_id = ?`, periodID).Scan(ctx, &n); err != nil {
		return nil, err
	}
	pub := &Publication{PeriodID: periodID, Number: n + 1, CreatedAt: at, CreatedByName: byName}
	if _, err := db.NewInsert().Model(pub).Returning("id").Exec(ctx); err != nil {
		return nil, mapError(err)
	}
	for i := range results {
		results[i].PublicationID = pub.ID
	}
	// Chunked: PostgreSQL takes at most 65,535 parameters per statement.
	for start := 0; start < len(results); start += 5000 {
		chunk := results[start:min(start+5000, len(results))]
		if _, err := db.NewInsert().Model(&chunk).Exec(ctx); err != nil {
			return nil, mapError(err)
		}
	}
	audit.Note(ctx, "publications", pub.ID, nil, map[string]any{"periodId": periodID, "number": pub.Number, "results": len(results)})
	return pub, nil
}

// Supersede marks the period's publication as no longer in force.
func Supersede(ctx context.Context, db DB, periodID int64, at time.Time) error {
	_, err := db.NewUpdate().Model((*Publication)(nil)).Set("superseded_at = ?", at).
		Where("period_id = ? AND superseded_at IS NULL", periodID).Exec(ctx)
	return err
}

// PublishedResults returns a publication's results, optionally of one group
// or one evaluatee, in rank order (then the units' official order).
func PublishedResults(ctx context.Context, db DB, publicationID int64, group *RankingGroup, evaluateeID *int64, withBreakdown bool) ([]PublishedResult, error) {
	var out []PublishedResult
	q := db.NewSelect().Model(&out).
		Join("JOIN evaluatees AS e ON e.id = pr.evaluatee_id").
		Join("JOIN units AS u ON u.id = e.unit_id").
		Where("pr.publication_id = ?", publicationID)
	if withBreakdown {
		q = q.ColumnExpr("pr.*")
	} else {
		q = q.ExcludeColumn("breakdown")
	}
	if group != nil {
		q = q.Where("pr.ranking_group = ?", *group)
	}
	if evaluateeID != nil {
		q = q.Where("pr.evaluatee_id = ?", *evaluateeID)
	}
	if err := q.Order("pr.rank", "u.sort_key", "u.id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("load published results: %w", err)
	}
	return out, nil
}

// SetPeriodWindows sets the last days of a period's 填报 and 公示 (nil
// clears one) if the period still has version.
func SetPeriodWindows(ctx context.Context, db DB, p *Period, entryClosesOn, publicityEndsOn *time.Time) error {
	next := *p
	next.EntryClosesOn, next.PublicityEndsOn = entryClosesOn, publicityEndsOn
	if err := updateVersioned(ctx, db, &next, apperr.Period, "periods", p.ID, p.Version, "entry_closes_on", "publicity_ends_on"); err != nil {
		return err
	}
	*p = next
	return nil
}

// SetPublicationNote records why a publication was made.
func SetPublicationNote(ctx context.Context, db DB, publicationID int64, note string) error {
	if _, err := db.NewUpdate().Model((*Publication)(nil)).Set("note = ?", note).Where("id = ?", publicationID).Exec(ctx); err != nil {
		return fmt.Errorf("note publication %d: %w", publicationID, err)
	}
	return nil
}

// ZeroGeneration is the preview generation of a period without a row in
// preview_generations (loaded with triggers off, before the roll-up
// rebuild that bumps every period).
const ZeroGeneration = "00000000-0000-0000-0000-000000000000"

// FindPeriodGeneration returns the period's preview generation
// (migrations/0020): it changes, at the commit of the write, with every
// write to what a preview ranking of the period reads, so two reads that
// find the same generation read the same ranking. One statement.
func FindPeriodGeneration(ctx context.Context, db DB, periodID int64) (string, error) {
	var gen string
	err := db.NewRaw(`SELECT coalesce((SELECT generation::text FROM preview_generations WHERE period_id = ?), ?)`,
		periodID, ZeroGeneration).Scan(ctx, &gen)
	if err != nil {
		return "", fmt.Errorf("find preview generation of period %d: %w", periodID, err)
	}
	return gen, nil
}
