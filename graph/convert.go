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

// checkWeights gives the sum rule a field error before the database's check
// constraint would.
func checkWeights(w store.Weights) error {
	if !w.Sum().Equal(store.DefaultWeights().Sum()) {
		return apperr.Field("input.weights", "sum100",
			"四种考评方式的权重之和必须为100,当前为"+w.Sum().String(),
			"the four method weights must sum to 100, not "+w.Sum().String())
	}
	return nil
}

func deadlineOf(in *model.DeadlineInput) store.Deadline {
	if in == nil {
		return store.Deadline{}
	}
	return store.Deadline{Phrase: strings.TrimSpace(in.Phrase), Month: in.Month, State: in.State, Continuing: in.Continuing}
}

func trimAll(ss []string) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
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
