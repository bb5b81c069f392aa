package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/kaoping/kaoping/server/store"
)

// A query resolver that returns a list primes the loaders its items will
// need, with every key at once, when the query asks for those fields. (Not
// mutations: they run inside a transaction the loaders do not see, and
// their answers are resolved after it commits.) Relying on
// the loaders' batch window alone would split a long list into several
// batches whenever its items resolve in waves (gqlgen's worker limit); a
// prefetch makes the number of statements a constant.

// wants reports whether the current field's selection reaches the field
// path (e.g. "cells", "score", "history"), through fragments too.
func wants(ctx context.Context, path ...string) bool {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return false
	}
	return selects(graphql.GetOperationContext(ctx), fc.Field.Selections, path)
}

func selects(oc *graphql.OperationContext, set ast.SelectionSet, path []string) bool {
	if len(path) == 0 {
		return true
	}
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if s.Name == path[0] && selects(oc, s.SelectionSet, path[1:]) {
				return true
			}
		case *ast.InlineFragment:
			if selects(oc, s.SelectionSet, path) {
				return true
			}
		case *ast.FragmentSpread:
			if f := oc.Doc.Fragments.ForName(s.Name); f != nil && selects(oc, f.SelectionSet, path) {
				return true
			}
		}
	}
	return false
}

// prefetchScores loads the histories of scores when the answer shows them.
func prefetchScores(ctx context.Context, scores []store.Score, path ...string) error {
	if len(scores) == 0 || !wants(ctx, append(path, "history")...) {
		return nil
	}
	ids := make([]int64, len(scores))
	for i, s := range scores {
		ids[i] = s.ID
	}
	_, err := For(ctx).ScoreHistory.LoadAll(ctx, ids)
	return err
}

// prefetchEvidence loads the evidence of reports when the answer shows it.
func prefetchEvidence(ctx context.Context, reports []store.ProgressReport, path ...string) error {
	if len(reports) == 0 || !wants(ctx, append(path, "evidence")...) {
		return nil
	}
	ids := make([]int64, len(reports))
	for i, r := range reports {
		ids[i] = r.ID
	}
	_, err := For(ctx).Evidence.LoadAll(ctx, ids)
	return err
}
