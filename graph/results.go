package graph

import (
	"context"

	"github.com/shopspring/decimal"

	"github.com/kaoping/kaoping/graph/model"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/results"
	"github.com/kaoping/kaoping/server/store"
)

// Helpers of graph/results.resolvers.go.

func rankingRow(e store.Evaluatee, rank int, score *decimal.Decimal, provisional bool, b results.Breakdown) model.RankingRow {
	return model.RankingRow{Rank: rank, Evaluatee: &e, Score: score, Provisional: provisional,
		Components: orEmpty(b.Components), Dimensions: orEmpty(b.Dimensions), MissingScores: b.MissingScores}
}

// preparedRanking answers a ranking that asks for rowsJson and not rows
// from prepared rows (results.RankingJSON): a publication's, encoded once
// per publication and group, or a preview's, kept per generation of the
// period's data. It skips the typed rows' decoding and gqlgen's work on
// ~100 k fields. ok is false when the query wants the typed rows: the
// caller computes them.
func preparedRanking(ctx context.Context, db store.DB, periodID int64, group store.RankingGroup) (model.Ranking, bool, error) {
	if !wants(ctx, "rowsJson") || wants(ctx, "rows") {
		return model.Ranking{}, false, nil
	}
	p, err := results.RankingJSON(ctx, db, auth.From(ctx), periodID, group)
	if err != nil {
		return model.Ranking{}, false, err
	}
	out := model.Ranking{Period: &p.Period, Group: group, Preview: p.Preview, Rows: []model.RankingRow{}, RowsJSON: p.Rows}
	if !p.Preview {
		out.PublishedAt = &p.PublishedAt
	}
	return out, true, nil
}

// withRowsJSON encodes the typed rows as rowsJson when the query asks for
// it (previews, annual rankings, and published ones read with rows too).
func withRowsJSON(ctx context.Context, out *model.Ranking) error {
	if !wants(ctx, "rowsJson") {
		return nil
	}
	rows := make([]results.JSONRow, len(out.Rows))
	for i, r := range out.Rows {
		rows[i] = results.JSONRow{Rank: r.Rank, Evaluatee: *r.Evaluatee, Score: r.Score, Provisional: r.Provisional,
			Components: r.Components, Dimensions: r.Dimensions, MissingScores: r.MissingScores}
	}
	enc, err := results.RowsJSON(rows)
	if err != nil {
		return err
	}
	out.RowsJSON = enc
	return nil
}
