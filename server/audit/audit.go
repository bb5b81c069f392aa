// Package audit writes and reads the append-only audit log. Every mutation,
// successful or refused, and every login, logout, lockout and password change
// leaves one record: who, from where, what, on which object, and the object
// before and after. PostgreSQL refuses UPDATE and DELETE on the table and
// chains each record's hash to the previous one (migrations/0002); Verify
// recomputes the chain.
package audit

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/uptrace/bun"
)

// Outcome of an audited operation.
const (
	OK     = "OK"
	Denied = "DENIED" // not allowed for the caller's role or scope
	Failed = "FAILED" // refused input, conflict or error
)

// Record is one row of the audit log.
type Record struct {
	bun.BaseModel `bun:"table:audit_log"`

	ID         int64           `bun:"id,pk,autoincrement"`
	At         time.Time       `bun:"at"`
	UserID     *int64          `bun:"user_id"`
	Username   string          `bun:"username"`
	Roles      []string        `bun:"roles,array"`
	UnitID     *int64          `bun:"unit_id"`
	UnitName   *string         `bun:"unit_name"`
	ClientAddr string          `bun:"client_addr"`
	RequestID  string          `bun:"request_id"`
	Operation  string          `bun:"operation"`
	Outcome    string          `bun:"outcome"`
	ObjectType *string         `bun:"object_type"`
	ObjectID   *string         `bun:"object_id"`
	Before     json.RawMessage `bun:"before,type:jsonb,nullzero"`
	After      json.RawMessage `bun:"after,type:jsonb,nullzero"`
	Detail     *string         `bun:"detail"`
	PrevHash   string          `bun:"prev_hash"`
	Hash       string          `bun:"hash"`
}

// Change is what a write did to one object.
type Change struct {
	ObjectType string
	ObjectID   int64
	Before     any // nil for a creation
	After      any // nil for a deletion
}

// Changes collects what one request's writes did, for its audit record.
type Changes struct {
	mu     sync.Mutex
	list   []Change
	detail string
}

type changesKey struct{}

// WithChanges returns a context whose writes are collected into the
// returned Changes.
func WithChanges(ctx context.Context) (context.Context, *Changes) {
	c := &Changes{}
	return context.WithValue(ctx, changesKey{}, c), c
}

// Note records a change made in ctx's request; without a collector it does
// nothing (demo loading, migrations).
func Note(ctx context.Context, objectType string, id int64, before, after any) {
	if c, ok := ctx.Value(changesKey{}).(*Changes); ok {
		c.mu.Lock()
		c.list = append(c.list, Change{ObjectType: objectType, ObjectID: id, Before: before, After: after})
		c.mu.Unlock()
	}
}

// Detail adds a note to the request's audit record, e.g. that a failed
// login locked the account.
func Detail(ctx context.Context, note string) {
	if c, ok := ctx.Value(changesKey{}).(*Changes); ok {
		c.mu.Lock()
		c.detail = note
		c.mu.Unlock()
	}
}

// Detail returns the note Detail set.
func (c *Changes) Detail() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.detail
}

// List returns the collected changes.
func (c *Changes) List() []Change {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]Change(nil), c.list...)
}

// Apply fills in the record's object and before/after from the changes:
// one change is shown as it is, several as lists.
func (r *Record) Apply(changes []Change) error {
	if len(changes) == 0 {
		return nil
	}
	first := changes[0]
	t, id := first.ObjectType, strconv.FormatInt(first.ObjectID, 10)
	r.ObjectType, r.ObjectID = &t, &id
	var before, after any
	if len(changes) == 1 {
		before, after = first.Before, first.After
	} else {
		var bs, as []any
		for _, c := range changes {
			bs = append(bs, map[string]any{"type": c.ObjectType, "id": c.ObjectID, "value": c.Before})
			as = append(as, map[string]any{"type": c.ObjectType, "id": c.ObjectID, "value": c.After})
		}
		before, after = bs, as
	}
	var err error
	if r.Before, err = marshalOrNil(before); err != nil {
		return err
	}
	r.After, err = marshalOrNil(after)
	return err
}

func marshalOrNil(v any) (json.RawMessage, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("audit value: %w", err)
	}
	return b, nil
}

// Write appends r; the database fills in the hash chain.
func Write(ctx context.Context, db bun.IDB, r *Record) error {
	if r.Roles == nil {
		r.Roles = []string{}
	}
	if r.At.IsZero() {
		r.At = time.Now()
	}
	if _, err := db.NewInsert().Model(r).ExcludeColumn("id", "prev_hash", "hash").Returning("id, prev_hash, hash").Exec(ctx); err != nil {
		return fmt.Errorf("write audit record %s: %w", r.Operation, err)
	}
	return nil
}

// Broken is a record whose hash or link does not match.
type Broken struct {
	ID     int64
	Reason string
}

// Verify recomputes every record's hash and link and returns the records
// that do not match: an edited record breaks its own hash, a removed one the
// link of its successor, and moved records (ids swapped) both their hashes
// and the links around them. A broken link says where it points instead,
// when that record still exists. It reads in pages so a long log fits in
// memory.
func Verify(ctx context.Context, db bun.IDB) (checked int, broken []Broken, err error) {
	const page = 5000
	// Looking up where a broken link points scans the table; a few are
	// enough to tell a deletion from a reordering.
	lookups := 20
	prev, prevID, after := "", int64(0), int64(0)
	for {
		var rows []struct {
			ID       int64  `bun:"id"`
			PrevHash string `bun:"prev_hash"`
			Hash     string `bun:"hash"`
			Computed string `bun:"computed"`
		}
		err := db.NewRaw(`SELECT id, prev_hash, hash, audit_record_hash(prev_hash, a) AS computed
			FROM audit_log a WHERE id > ? ORDER BY id LIMIT ?`, after, page).Scan(ctx, &rows)
		if err != nil {
			return checked, broken, fmt.Errorf("verify audit log after %d: %w", after, err)
		}
		for _, r := range rows {
			if r.PrevHash != prev {
				reason, err := brokenLink(ctx, db, r.PrevHash, prevID, &lookups)
				if err != nil {
					return checked, broken, err
				}
				broken = append(broken, Broken{ID: r.ID, Reason: reason})
			}
			if r.Computed != r.Hash {
				broken = append(broken, Broken{ID: r.ID, Reason: "内容与哈希不符(记录被修改或移动)"})
			}
			prev, prevID, after = r.Hash, r.ID, r.ID
			checked++
		}
		if len(rows) < page {
			return checked, broken, nil
		}
	}
}

// brokenLink explains a record whose prev_hash is not the hash of the
// record before it (prevID, 0 for none).
func brokenLink(ctx context.Context, db bun.IDB, prevHash string, prevID int64, lookups *int) (string, error) {
	before := "日志开头"
	if prevID > 0 {
		before = fmt.Sprintf("记录 %d", prevID)
	}
	if prevHash == "" {
		return fmt.Sprintf("本记录自称是第一条,但前面还有%s(记录被插入或移动)", before), nil
	}
	if *lookups > 0 {
		*lookups--
		var ids []int64
		if err := db.NewRaw(`SELECT id FROM audit_log WHERE hash = ?`, prevHash).Scan(ctx, &ids); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return "", fmt.Errorf("find the record a broken audit link points to: %w", err)
		}
		if len(ids) > 0 {
			return fmt.Sprintf("链接指向记录 %d,而不是前一条%s(记录顺序被改动)", ids[0], before), nil
		}
	}
	return fmt.Sprintf("与前一条记录的链接不符:%s之后、本记录之前的记录缺失(被删除)或%s被修改", before, before), nil
}

// Filter narrows the audit log.
type Filter struct {
	Username, Operation, ObjectType, ObjectID, Outcome string
	UnitID                                             *int64
	From, To                                           *time.Time
}

// Find returns matching records, newest first, and how many match in all.
func Find(ctx context.Context, db bun.IDB, f Filter, offset, limit int) ([]Record, int, error) {
	var recs []Record
	q := db.NewSelect().Model(&recs)
	if f.Username != "" {
		q = q.Where("username = ?", f.Username)
	}
	if f.Operation != "" {
		q = q.Where("operation = ?", f.Operation)
	}
	if f.ObjectType != "" {
		q = q.Where("object_type = ?", f.ObjectType)
	}
	if f.ObjectID != "" {
		q = q.Where("object_id = ?", f.ObjectID)
	}
	if f.Outcome != "" {
		q = q.Where("outcome = ?", f.Outcome)
	}
	if f.UnitID != nil {
		q = q.Where("unit_id = ?", *f.UnitID)
	}
	if f.From != nil {
		q = q.Where("at >= ?", *f.From)
	}
	if f.To != nil {
		q = q.Where("at < ?", *f.To)
	}
	total, err := q.Order("id DESC").Offset(int64(offset)).Limit(int64(limit)).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("find audit records: %w", err)
	}
	return recs, int(total), nil
}
