// Package store keeps Kaoping's state in PostgreSQL through Bun. Every
// function takes a bun.IDB where it can run inside or outside a transaction;
// writes that touch several rows run in one transaction (Store.InTx).
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/kaoping/kaoping/server/apperr"
)

// Store is the application's handle on the database.
type Store struct {
	DB *bun.DB
}

// Options tune the connection.
type Options struct {
	// StatementTimeout caps every statement on the server side, so a
	// runaway query cannot hold a connection for ever. 0 means 30s.
	StatementTimeout time.Duration
}

// Open connects to PostgreSQL at url and checks the connection.
func Open(ctx context.Context, url string, opts Options) (*Store, error) {
	cfg, err := pgconnConfig(url, opts)
	if err != nil {
		return nil, err
	}
	sqldb := sql.OpenDB(reconnectingConnector{stdlib.GetConnector(*cfg, stdlib.OptionShouldPing(shouldPing))})
	sqldb.SetMaxOpenConns(20)
	sqldb.SetMaxIdleConns(10)
	sqldb.SetConnMaxIdleTime(5 * time.Minute)
	db := bun.NewDB(sqldb, pgdialect.New())
	db.AddQueryHook(queryCounter{})
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	return &Store{DB: db}, nil
}

// pingAfterIdle is how long a pooled connection may rest before it is
// pinged on reuse. pgx pings after one second by default, which at a few
// requests a second puts an extra round trip in front of most requests. A
// connection that rested a few seconds is as alive as one that did not; one
// that rested long may have been cut by a firewall or a server restart, and
// a ping then lets database/sql take another instead of failing the query.
const pingAfterIdle = 30 * time.Second

func shouldPing(_ context.Context, p stdlib.ShouldPingParams) bool {
	return p.IdleDuration > pingAfterIdle
}

// Close releases the connections.
func (s *Store) Close() error { return s.DB.Close() }

// SQL returns the underlying database/sql handle (migrations use it).
func (s *Store) SQL() *sql.DB { return s.DB.DB }

// InTx runs fn in a transaction, committing when it returns nil. A
// transaction that loses its connection is not retried (it may have run
// statements whose effects the caller relied on); it fails with
// apperr.Unavailable, which tells the client to try again, and PostgreSQL
// rolls back whatever the dead backend had done.
func (s *Store) InTx(ctx context.Context, fn func(ctx context.Context, tx Tx) error) error {
	err := s.DB.RunInTx(ctx, nil, fn)
	if Unavailable(err) {
		return ErrorUnavailable
	}
	return err
}

// ErrorUnavailable is what a client is told when the database went away
// under its request.
var ErrorUnavailable = apperr.New(apperr.Unavailable, "网络或数据库暂时不可用,请重试",
	"The network or the database is briefly unavailable; nothing was changed, please try again")

// notFoundOr turns sql.ErrNoRows into a NotFound error about what/id.
func notFoundOr(err error, what apperr.What, id int64) error {
	if errors.Is(err, sql.ErrNoRows) {
		return apperr.NotFoundf(what, id)
	}
	return mapError(err)
}

// constraintErrors maps constraint names to the field they protect and the
// message a user understands. Keeping the rule in the database and the words
// here means a constraint violation reads like a validation error.
var constraintErrors = map[string]apperr.FieldError{
	"users_username_key":              {Field: "input.username", Rule: "unique", Message: "用户名已存在", MessageEn: "the username is taken"},
	"users_unit_id_fkey":              {Field: "input.unitId", Rule: "exists", Message: "单位不存在", MessageEn: "unit does not exist"},
	"units_name_key":                  {Field: "input.name", Rule: "unique", Message: "已存在同名单位", MessageEn: "a unit with this name already exists"},
	"dimensions_plan_number_key":      {Field: "input.number", Rule: "unique", Message: "该方案中已有相同序号的方面", MessageEn: "the plan already has a dimension with this number"},
	"indicators_dimension_number_key": {Field: "input.number", Rule: "unique", Message: "该方面中已有相同序号的指标", MessageEn: "the dimension already has an indicator with this number"},
	"tasks_indicator_number_key":      {Field: "input.number", Rule: "unique", Message: "该指标中已有相同序号的任务", MessageEn: "the indicator already has a task with this number"},
	"evaluatees_plan_unit_key":        {Field: "input.unitId", Rule: "unique", Message: "该单位已是本方案的考评对象", MessageEn: "the unit is already an evaluatee of this plan"},
	"plans_weights_sum_check":         {Field: "input.weights", Rule: "sum100", Message: "四种考评方式的权重之和必须为100", MessageEn: "the four method weights must sum to 100"},
	"assignments_same_plan":           {Field: "input.evaluateeIds", Rule: "samePlan", Message: "考评对象与任务不属于同一方案", MessageEn: "evaluatee and task belong to different plans"},
	"task_lead_units_unit_id_fkey":    {Field: "input.leadUnitIds", Rule: "exists", Message: "牵头单位不存在", MessageEn: "lead unit does not exist"},
	"evaluatees_unit_id_fkey":         {Field: "input.unitId", Rule: "exists", Message: "单位不存在", MessageEn: "unit does not exist"},
	"assignments_evaluatee_id_fkey":   {Field: "input.evaluateeIds", Rule: "exists", Message: "考评对象不存在", MessageEn: "evaluatee does not exist"},
}

// stillReferenced explains why a delete was refused, by the constraint of
// the rows that still point at the object.
var stillReferenced = map[string][2]string{
	"task_lead_units_unit_id_fkey": {"该单位仍是某些任务的牵头考核单位,请先修改这些任务的牵头单位",
		"The unit still leads some tasks; change those tasks' lead units first"},
	"evaluatees_unit_id_fkey": {"该单位仍是考评对象,请先从考评方案中移除",
		"The unit is still an evaluatee; remove it from the evaluation plan first"},
	"users_unit_id_fkey": {"仍有用户属于该单位,请先修改这些用户的单位",
		"Some users still belong to the unit; change their unit first"},
	"scores_lead_unit_id_fkey": {"该单位已有评分记录,不能删除", "The unit already has scores and cannot be deleted"},
}

// mapError turns PostgreSQL constraint violations into apperr errors and
// wraps everything else unchanged.
func mapError(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := apperr.As(err); ok {
		return err
	}
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) {
		return err
	}
	if isReferencedDelete(pgErr) {
		msg, ok := stillReferenced[pgErr.ConstraintName]
		if !ok {
			msg = [2]string{"仍有数据引用该对象,不能删除", "Other data still refers to this object, so it cannot be deleted"}
		}
		return apperr.New(apperr.Conflict, msg[0], msg[1])
	}
	if fe, ok := constraintErrors[pgErr.ConstraintName]; ok {
		return apperr.Fielded(fe)
	}
	switch pgErr.Code {
	case "23503": // foreign_key_violation
		return apperr.New(apperr.Invalid, "引用的对象不存在", "A referenced object does not exist")
	case "23505":
		return apperr.New(apperr.Conflict, "数据重复", "This would duplicate existing data")
	case "23514", "23502":
		return apperr.New(apperr.Invalid, "数据不符合规则", "The data breaks a rule")
	case "57014": // query_canceled (statement_timeout)
		return apperr.New(apperr.Internal, "查询超时", "The query timed out")
	}
	return err
}

// isReferencedDelete tells a delete blocked by references (RESTRICT) from an
// insert naming a missing row: PostgreSQL reports the referencing table in
// both cases but the detail says "is still referenced" only for the former.
func isReferencedDelete(e *pgconn.PgError) bool {
	return e.Code == "23503" && len(e.Detail) > 0 && containsFold(e.Detail, "is still referenced")
}

// DB is what store functions run on: the database or a transaction.
type DB = bun.IDB

// Tx is a transaction InTx hands to its function.
type Tx = bun.Tx

// CountTables counts the tables of the database's public schema: a restore
// refuses a database that already holds any.
func CountTables(ctx context.Context, db DB) (int, error) {
	var n int
	err := db.NewRaw(`SELECT count(*) FROM pg_tables WHERE schemaname = 'public'`).Scan(ctx, &n)
	return n, err
}
