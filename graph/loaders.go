package graph

import (
	"context"
	"net/http"
	"time"

	"github.com/shopspring/decimal"
	"github.com/vikstrous/dataloadgen"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/results"
	"github.com/kaoping/kaoping/server/scoring"
	"github.com/kaoping/kaoping/server/store"
)

// Loaders batch and cache reads for one request. Every hierarchy loader is
// keyed by plan: the first field that needs, say, indicators loads all
// indicators of the plan in one statement, and every other Dimension.indicators
// in the response is served from that result. A full plan tree therefore
// costs one statement per level, however many rows it has.
type Loaders struct {
	Periods     *dataloadgen.Loader[int64, []store.Period]
	Dimensions  *dataloadgen.Loader[int64, []store.Dimension]
	Indicators  *dataloadgen.Loader[int64, []store.Indicator]
	Tasks       *dataloadgen.Loader[int64, []store.Task]
	LeadUnits   *dataloadgen.Loader[int64, map[int64][]store.Unit]
	Assignments *dataloadgen.Loader[int64, map[int64][]store.Evaluatee]
	Evaluatees  *dataloadgen.Loader[int64, []store.Evaluatee]
	TaskPoints  *dataloadgen.Loader[int64, map[int64]decimal.Decimal]

	// Keyed by the object's own id.
	Units         *dataloadgen.Loader[int64, map[int64]store.Unit] // one key (0): every unit
	EvaluateeByID *dataloadgen.Loader[int64, store.Evaluatee]
	ScoreHistory  *dataloadgen.Loader[int64, []store.ScoreChange]
	Evidence      *dataloadgen.Loader[int64, []store.Evidence]
	PeriodEvents  *dataloadgen.Loader[int64, []store.PeriodEvent]
	Objections    *dataloadgen.Loader[int64, store.ObjectionCounts]

	flags flagLoader // keyed by score id; made on first use (consistency.go)
}

type loadersKey struct{}

// batchWait is how long a loader collects keys before it queries; short,
// because gqlgen resolves sibling fields within microseconds.
const batchWait = 2 * time.Millisecond

// NewLoaders returns fresh loaders over st for one request.
func NewLoaders(st *store.Store) *Loaders {
	db := st.DB
	opts := []dataloadgen.Option{dataloadgen.WithWait(batchWait)}
	l := &Loaders{
		Periods:     dataloadgen.NewMappedLoader(bind(db, store.PeriodsByPlans), opts...),
		Dimensions:  dataloadgen.NewMappedLoader(bind(db, store.DimensionsByPlans), opts...),
		Indicators:  dataloadgen.NewMappedLoader(bind(db, store.IndicatorsByPlans), opts...),
		Tasks:       dataloadgen.NewMappedLoader(bind(db, store.TasksByPlans), opts...),
		LeadUnits:   dataloadgen.NewMappedLoader(bind(db, store.LeadUnitsByPlans), opts...),
		Assignments: dataloadgen.NewMappedLoader(bind(db, store.AssignmentsByPlans), opts...),
		Evaluatees:  dataloadgen.NewMappedLoader(bind(db, store.EvaluateesByPlans), opts...),
	}
	l.TaskPoints = dataloadgen.NewMappedLoader(l.effectivePoints, opts...)
	l.Units = dataloadgen.NewMappedLoader(bind(db, store.UnitsByID), opts...)
	l.EvaluateeByID = dataloadgen.NewMappedLoader(func(ctx context.Context, ids []int64) (map[int64]store.Evaluatee, error) {
		return store.EvaluateesByIDs(ctx, db, ids)
	}, opts...)
	l.ScoreHistory = dataloadgen.NewMappedLoader(bind(db, store.ScoreHistories), opts...)
	l.Evidence = dataloadgen.NewMappedLoader(bind(db, store.EvidenceOfReports), opts...)
	l.PeriodEvents = dataloadgen.NewMappedLoader(bind(db, store.PeriodEvents), opts...)
	l.Objections = dataloadgen.NewMappedLoader(bind(db, store.CountObjections), opts...)
	return l
}

// unit returns unit id from the request's unit table.
func (l *Loaders) unit(ctx context.Context, id int64) (store.Unit, error) {
	all, err := l.Units.Load(ctx, 0)
	if err != nil {
		return store.Unit{}, err
	}
	u, ok := all[id]
	if !ok {
		return store.Unit{}, apperr.NotFoundf(apperr.Unit, id)
	}
	return u, nil
}

// bind adapts a store "by plans" query to dataloadgen's fetch signature. A
// plan with no rows at a level is absent from the query's map; it gets the
// zero value (an empty list), since a mapped loader reports absent keys as
// "not found".
func bind[V any](db store.DB, fetch func(context.Context, store.DB, []int64) (map[int64]V, error)) func(context.Context, []int64) (map[int64]V, error) {
	return func(ctx context.Context, keys []int64) (map[int64]V, error) {
		out, err := fetch(ctx, db, keys)
		if err != nil {
			return nil, err
		}
		for _, k := range keys {
			if _, ok := out[k]; !ok {
				var zero V
				out[k] = zero
			}
		}
		return out, nil
	}
}

// effectivePoints computes every task's points for each plan from the
// already-loaded dimensions, indicators and tasks (DESIGN §2.1).
func (l *Loaders) effectivePoints(ctx context.Context, planIDs []int64) (map[int64]map[int64]decimal.Decimal, error) {
	out := make(map[int64]map[int64]decimal.Decimal, len(planIDs))
	for _, planID := range planIDs {
		dims, err := l.Dimensions.Load(ctx, planID)
		if err != nil {
			return nil, err
		}
		inds, err := l.Indicators.Load(ctx, planID)
		if err != nil {
			return nil, err
		}
		tasks, err := l.Tasks.Load(ctx, planID)
		if err != nil {
			return nil, err
		}
		out[planID] = scoring.TaskPoints(results.ScoringPlan(store.Plan{}, dims, inds, tasks))
	}
	return out, nil
}

// For returns the request's loaders.
func For(ctx context.Context) *Loaders {
	return ctx.Value(loadersKey{}).(*Loaders)
}

// WithLoaders is middleware that gives every request its own loaders, so
// nothing is cached across requests or users.
func WithLoaders(st *store.Store) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx := context.WithValue(r.Context(), loadersKey{}, NewLoaders(st))
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}
