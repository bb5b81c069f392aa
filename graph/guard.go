package graph

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/audit"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/store"
)

// Access rules live in two places only: the @allow directive on each field
// of the schema (which roles), and the policy checks in the domain code
// (which unit's data). This file enforces the first and the rules every
// root field shares: who must be signed in, and that every mutation runs in
// one transaction and leaves one audit record, whether it succeeds or is
// refused. What a restricted session may do is decided before a request
// gets here, by RestrictedSessions (restricted.go).

// publicFields need no session. enumLabels is vocabulary, not data: the
// SPA loads it once, before anyone signs in.
var publicFields = []string{"me", "login", "enumLabels"}

// ownTransactionFields run without the mutation transaction: sign-in
// verifies a password (slow, queued on a semaphore) before it knows what to
// write, and must not hold a pooled connection meanwhile, nor ask the pool
// for a second one while holding the first (that deadlocked the pool under
// concurrent sign-ins). It commits its writes in one transaction of its own
// and writes its audit record there through recordInOwnTx.
var ownTransactionFields = []string{"login"}

// allow is the @allow directive.
func allow(ctx context.Context, _ any, next graphql.Resolver, roles []auth.Role) (any, error) {
	id := auth.From(ctx)
	if id == nil {
		return nil, errSignIn
	}
	if !id.Has(roles...) {
		return nil, apperr.New(apperr.Forbidden, "没有权限执行此操作", "You are not allowed to do this")
	}
	return next(ctx)
}

var errSignIn = apperr.New(apperr.Unauthenticated, "请先登录", "Please sign in first")

// gate checks the rules shared by all root fields.
func gate(ctx context.Context, field string) error {
	if slices.Contains(publicFields, field) {
		return nil
	}
	if auth.From(ctx) == nil {
		return errSignIn
	}
	return nil
}

type txKey struct{}

// fieldMiddleware wraps every root field: the gate for all of them, and for
// mutations a transaction and an audit record.
func (r *Resolver) fieldMiddleware(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || (fc.Object != "Query" && fc.Object != "Mutation") {
		return next(ctx)
	}
	if fc.Object == "Query" {
		if err := gate(ctx, fc.Field.Name); err != nil {
			return nil, err
		}
		return next(ctx)
	}
	return r.auditedMutation(ctx, fc.Field.Name, next)
}

// auditedMutation runs one mutation in a transaction and records it: in the
// same transaction when it succeeds, in its own after the rollback when it
// is refused or fails.
func (r *Resolver) auditedMutation(ctx context.Context, name string, next graphql.Resolver) (any, error) {
	ctx, changes := audit.WithChanges(ctx)
	op := &operation{}
	ctx = context.WithValue(ctx, operationKey{}, op)
	var result any
	err := gate(ctx, name)
	if err == nil && slices.Contains(ownTransactionFields, name) {
		own := &ownTx{write: func(ctx context.Context, tx store.Tx) error {
			rec := auditRecord(ctx, name, audit.OK, op)
			if err := rec.Apply(changes.List()); err != nil {
				return err
			}
			return audit.Write(ctx, tx, rec)
		}}
		result, err = next(context.WithValue(ctx, ownTxKey{}, own))
		if err == nil && !own.written {
			// Nothing was committed (a password right, a code still to
			// come): the record is the only write.
			err = r.Store.InTx(ctx, own.write)
		}
		if err == nil {
			return result, nil
		}
	} else if err == nil {
		err = r.Store.InTx(ctx, func(ctx context.Context, tx store.Tx) error {
			var err error
			result, err = next(context.WithValue(ctx, txKey{}, tx))
			if err != nil {
				return err
			}
			rec := auditRecord(ctx, name, audit.OK, op)
			if err := rec.Apply(changes.List()); err != nil {
				return err
			}
			return audit.Write(ctx, tx, rec)
		})
	}
	if err == nil {
		return result, nil
	}
	outcome := audit.Failed
	if c := apperr.CodeOf(err); c == apperr.Forbidden || c == apperr.Unauthenticated {
		outcome = audit.Denied
	}
	rec := auditRecord(ctx, name, outcome, op)
	detail := string(apperr.CodeOf(err))
	if d := changes.Detail(); d != "" {
		detail += ": " + d
	}
	rec.Detail = &detail
	// The record of a refusal must not be lost with the request's context.
	if werr := audit.Write(context.WithoutCancel(ctx), r.Store.DB, rec); werr != nil {
		return nil, errors.Join(err, werr)
	}
	return nil, err
}

// operation is what a mutation tells its audit record beyond the changes:
// login names the user it signed in, or the username it was tried with.
type operation struct {
	actor   *auth.Identity
	subject string
}

type operationKey struct{}

// setActor makes id the user of the mutation's audit record (login).
func setActor(ctx context.Context, id *auth.Identity, subject string) {
	if op, ok := ctx.Value(operationKey{}).(*operation); ok {
		op.actor, op.subject = id, subject
	}
}

func auditRecord(ctx context.Context, name, outcome string, op *operation) *audit.Record {
	req := auth.RequestFrom(ctx)
	rec := &audit.Record{
		At: time.Now(), Operation: name, Outcome: outcome,
		ClientAddr: req.Client.Addr, RequestID: RequestID(ctx),
	}
	id := auth.From(ctx)
	if op.actor != nil {
		id = op.actor
	}
	if id != nil {
		rec.UserID, rec.Username, rec.UnitID = &id.UserID, id.Username, id.UnitID
		if id.UnitName != "" {
			rec.UnitName = &id.UnitName
		}
		for _, role := range id.Roles {
			rec.Roles = append(rec.Roles, string(role))
		}
	} else {
		rec.Username = op.subject
	}
	return rec
}

// ownTx is how a mutation of ownTransactionFields writes its audit record
// in the transaction it commits itself.
type ownTx struct {
	write   func(ctx context.Context, tx store.Tx) error
	written bool
}

type ownTxKey struct{}

// recordInOwnTx writes the audit record of a mutation that runs its own
// transaction (ownTransactionFields) into tx.
func recordInOwnTx(ctx context.Context, tx store.Tx) error {
	own, ok := ctx.Value(ownTxKey{}).(*ownTx)
	if !ok {
		return errors.New("recordInOwnTx outside a mutation that runs its own transaction")
	}
	if err := own.write(ctx, tx); err != nil {
		return err
	}
	own.written = true
	return nil
}

// txFrom returns the mutation's transaction.
func txFrom(ctx context.Context) (store.Tx, bool) {
	tx, ok := ctx.Value(txKey{}).(store.Tx)
	return tx, ok
}
