package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/klauspost/compress/gzhttp"
)

// The "API floor" (issue 9): the smallest Go service that gives the answers
// the published cases get from Kaoping, to tell what Kaoping adds on top of
// reading the rows and writing the JSON. A net/http handler on loopback,
// one hand-written statement per request via pgx, encoding/json, the same
// gzip wrapper as the server (server/compression.go) and the same load
// client; no sessions, no GraphQL, no audit. It answers POST /graphql from
// the request's variables alone: periodId and group give the published
// ranking (publishedRanking's JSON rows), periodId and evaluateeId the
// published breakdown.
const (
	// The frozen rows of the group with the evaluatee's unit, in rank order;
	// the row's JSON is what the publication froze.
	apiRankingSQL = `SELECT pr.rank, e.id, u.id, u.name, u.sort_key, pr.score::text, pr.missing_scores,
  pr.summary->'components', pr.summary->'dimensions'
FROM publications p
JOIN published_results pr ON pr.publication_id = p.id
JOIN evaluatees e ON e.id = pr.evaluatee_id
JOIN units u ON u.id = e.unit_id
WHERE p.period_id = $1 AND p.superseded_at IS NULL AND pr.ranking_group = $2
ORDER BY pr.rank`
	// The frozen breakdown, with the period and evaluatee it is of.
	apiBreakdownSQL = `SELECT pr.breakdown, pe.id, pe.name, pe.state, p.created_at, e.id, e.ranking_group, u.id, u.name
FROM publications p
JOIN periods pe ON pe.id = p.period_id
JOIN published_results pr ON pr.publication_id = p.id
JOIN evaluatees e ON e.id = pr.evaluatee_id
JOIN units u ON u.id = e.unit_id
WHERE p.period_id = $1 AND p.superseded_at IS NULL AND pr.evaluatee_id = $2`
)

type apiFloor struct {
	srv *http.Server
	url string
}

func startAPIFloor(pool *pgxpool.Pool) (*apiFloor, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("API floor: %w", err)
	}
	wrap, err := gzhttp.NewWrapper(gzhttp.MinSize(1024))
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /graphql", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Variables struct {
				PeriodID    string `json:"periodId"`
				Group       string `json:"group"`
				EvaluateeID string `json:"evaluateeId"`
			} `json:"variables"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		var body []byte
		if req.Variables.EvaluateeID != "" {
			body, err = apiBreakdown(r.Context(), pool, req.Variables.PeriodID, req.Variables.EvaluateeID)
		} else {
			body, err = apiRanking(r.Context(), pool, req.Variables.PeriodID, req.Variables.Group)
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	})
	f := &apiFloor{srv: &http.Server{Handler: wrap(mux)}, url: "http://" + ln.Addr().String()}
	go func() { _ = f.srv.Serve(ln) }()
	return f, nil
}

func (f *apiFloor) stop() { _ = f.srv.Close() }

type apiUnit struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	SortKey int    `json:"sortKey,omitempty"`
}

type apiEvaluatee struct {
	ID    string  `json:"id"`
	Group string  `json:"group"`
	Unit  apiUnit `json:"unit"`
}

func apiRanking(ctx context.Context, pool *pgxpool.Pool, period, group string) ([]byte, error) {
	type row struct {
		Rank          int             `json:"rank"`
		Evaluatee     apiEvaluatee    `json:"evaluatee"`
		Score         *string         `json:"score"`
		Provisional   bool            `json:"provisional"`
		MissingScores int             `json:"missingScores"`
		Components    json.RawMessage `json:"components"`
		Dimensions    json.RawMessage `json:"dimensions"`
	}
	rows, err := pool.Query(ctx, apiRankingSQL, period, group)
	if err != nil {
		return nil, err
	}
	out := []row{}
	for rows.Next() {
		var r row
		var eid, uid int64
		if err := rows.Scan(&r.Rank, &eid, &uid, &r.Evaluatee.Unit.Name, &r.Evaluatee.Unit.SortKey, &r.Score, &r.MissingScores, &r.Components, &r.Dimensions); err != nil {
			rows.Close()
			return nil, err
		}
		r.Evaluatee.ID, r.Evaluatee.Group, r.Evaluatee.Unit.ID = strconv.FormatInt(eid, 10), group, strconv.FormatInt(uid, 10)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return json.Marshal(map[string]any{"data": map[string]any{"publishedRanking": map[string]any{"group": group, "rows": out}}})
}

func apiBreakdown(ctx context.Context, pool *pgxpool.Pool, period, evaluatee string) ([]byte, error) {
	var b struct {
		Breakdown json.RawMessage `json:"breakdown"`
		Period    struct {
			ID          string `json:"id"`
			Name        string `json:"name"`
			State       string `json:"state"`
			PublishedAt any    `json:"publishedAt"`
		} `json:"period"`
		Evaluatee apiEvaluatee `json:"evaluatee"`
	}
	var pid, eid, uid int64
	err := pool.QueryRow(ctx, apiBreakdownSQL, period, evaluatee).Scan(&b.Breakdown, &pid, &b.Period.Name, &b.Period.State,
		&b.Period.PublishedAt, &eid, &b.Evaluatee.Group, &uid, &b.Evaluatee.Unit.Name)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("no published breakdown of evaluatee %s in period %s", evaluatee, period)
	}
	if err != nil {
		return nil, err
	}
	b.Period.ID, b.Evaluatee.ID, b.Evaluatee.Unit.ID = strconv.FormatInt(pid, 10), strconv.FormatInt(eid, 10), strconv.FormatInt(uid, 10)
	return json.Marshal(map[string]any{"data": map[string]any{"breakdown": b}})
}
