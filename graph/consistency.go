package graph

import (
	"context"
	"sync"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/consistency"
	"github.com/kaoping/kaoping/server/results"
	"github.com/kaoping/kaoping/server/store"
)

// flagLoader batches Score.flags: the flags of every score in an answer
// come from one consistency.ForScores call. It is made on first use because
// it needs the service clock (deadlines are judged against "now").
type flagLoader struct {
	once sync.Once
	l    *dataloadgen.Loader[int64, []consistency.Flag]
}

func (f *flagLoader) loader(db store.DB, now func() time.Time) *dataloadgen.Loader[int64, []consistency.Flag] {
	f.once.Do(func() {
		f.l = dataloadgen.NewMappedLoader(func(ctx context.Context, ids []int64) (map[int64][]consistency.Flag, error) {
			flags, err := consistency.ForScores(ctx, db, ids, now())
			if err != nil {
				return nil, err
			}
			for _, id := range ids {
				if flags[id] == nil {
					flags[id] = []consistency.Flag{} // a score without doubts answers [], not an error
				}
			}
			return flags, nil
		}, dataloadgen.WithWait(batchWait))
	})
	return f.l
}

// prefetchFlags loads the flags of scores when the answer shows them, so a
// long queue costs one batch, not one per wave of resolvers.
func prefetchFlags(ctx context.Context, db store.DB, now func() time.Time, scores []store.Score, path ...string) error {
	ids := make([]int64, len(scores))
	for i, s := range scores {
		ids[i] = s.ID
	}
	return prefetchFlagsOf(ctx, db, now, ids, path...)
}

// prefetchLineFlags is prefetchFlags for a breakdown's score lines (under
// path, e.g. "tasks", "scores"), for the readers ScoreLine.flags shows
// them to: a published breakdown of 300 tasks then costs one batch.
func prefetchLineFlags(ctx context.Context, db store.DB, now func() time.Time, tasks []results.TaskLine, path ...string) error {
	if !consistency.MaySeeFlags(auth.From(ctx)) {
		return nil
	}
	var ids []int64
	for _, t := range tasks {
		for _, s := range t.Scores {
			ids = append(ids, s.ScoreID)
		}
	}
	return prefetchFlagsOf(ctx, db, now, ids, path...)
}

func prefetchFlagsOf(ctx context.Context, db store.DB, now func() time.Time, ids []int64, path ...string) error {
	if len(ids) == 0 || !wants(ctx, append(path, "flags")...) {
		return nil
	}
	_, err := For(ctx).flags.loader(db, now).LoadAll(ctx, ids)
	return err
}
