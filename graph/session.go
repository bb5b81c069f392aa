package graph

import (
	"context"
	"encoding/json"
	"time"

	"github.com/kaoping/kaoping/graph/model"
	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/audit"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/store"
)

// session describes id's session for the API.
func (r *Resolver) session(ctx context.Context, id *auth.Identity, expires time.Time) (model.Session, error) {
	u, err := store.FindUser(ctx, r.Store.DB, id.UserID)
	if err != nil {
		return model.Session{}, err
	}
	return r.sessionOf(u, expires), nil
}

func (r *Resolver) sessionOf(u *store.User, expires time.Time) model.Session {
	steps := r.Auth.PendingSteps(u)
	return model.Session{
		User: u, Restricted: len(steps) > 0, PendingSteps: orEmpty(steps),
		IdleTimeoutSeconds: int(r.Auth.Cfg.IdleTimeout.Seconds()), ExpiresAt: expires,
	}
}

// sessionAfterChange re-reads the user inside the transaction that changed
// them, so pending steps reflect the change.
func (r *Resolver) sessionAfterChange(ctx context.Context, tx store.DB, id *auth.Identity) (model.Session, error) {
	u, err := store.FindUser(ctx, tx, id.UserID)
	if err != nil {
		return model.Session{}, err
	}
	sess, err := r.Auth.Session(ctx, id)
	if err != nil {
		return model.Session{}, err
	}
	return r.sessionOf(u, sess.ExpiresAt), nil
}

func roleNames(roles []auth.Role) []string {
	out := make([]string, len(roles))
	for i, r := range roles {
		out[i] = string(r)
	}
	return out
}

func jsonText(raw json.RawMessage) *string {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	s := string(raw)
	return &s
}

func derefOr(p *int, def int) int {
	if p == nil {
		return def
	}
	return *p
}

func auditFilterOf(f *model.AuditFilter) (audit.Filter, error) {
	var out audit.Filter
	if f == nil {
		return out, nil
	}
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	out.Username, out.Operation, out.ObjectType, out.ObjectID, out.Outcome = str(f.Username), str(f.Operation), str(f.ObjectType), str(f.ObjectID), str(f.Outcome)
	out.UnitID = f.UnitID
	for _, t := range []struct {
		in    *string
		out   **time.Time
		field string
	}{{f.From, &out.From, "filter.from"}, {f.To, &out.To, "filter.to"}} {
		if t.in == nil || *t.in == "" {
			continue
		}
		v, err := time.Parse(time.RFC3339, *t.in)
		if err != nil {
			return out, apperr.Field(t.field, "rfc3339", "时间格式应为RFC 3339,例如2026-01-02T15:04:05+08:00", "time must be RFC 3339")
		}
		*t.out = &v
	}
	return out, nil
}
