package graph

import (
	"context"
	"strings"

	"github.com/kaoping/kaoping/graph/model"
	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/store"
)

// Helpers the resolvers share: conversions between GraphQL inputs and store
// values, kept out of the generated resolver files.

func weightsOf(in model.MethodWeightsInput) store.Weights {
	return store.Weights{
		DailyMonitoring: in.DailyMonitoring,
		FieldVisits:     in.FieldVisits,
		PublicOpinion:   in.PublicOpinion,
		ThirdParty:      in.ThirdParty,
	}
}

func deadlineOf(in *model.DeadlineInput) store.Deadline {
	if in == nil {
		return store.Deadline{}
	}
	return store.Deadline{Phrase: strings.TrimSpace(in.Phrase), Month: in.Month, State: in.State, Continuing: in.Continuing}
}

// childrenOf picks the rows of one parent out of a plan-wide level.
func childrenOf[T any](all []T, err error, mine func(T) bool) ([]T, error) {
	if err != nil {
		return nil, err
	}
	out := []T{}
	for _, x := range all {
		if mine(x) {
			out = append(out, x)
		}
	}
	return out, nil
}

func orEmpty[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

// reload reads a row back after a write so the answer carries the columns
// the write did not return (an indicator's or task's plan, an evaluatee's unit).
func reload[T any](ctx context.Context, db store.DB, find func(context.Context, store.DB, int64) (*T, error), id int64, out *T) error {
	v, err := find(ctx, db, id)
	if err != nil {
		return err
	}
	*out = *v
	return nil
}

// nilIfNotFound lets plan(id) and task(id) answer null for an unknown id, as
// GraphQL clients expect of a nullable lookup.
func nilIfNotFound[T any](v *T, err error) (*T, error) {
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil, nil
	}
	return v, err
}

func derefString(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
