package graph

import (
	"github.com/shopspring/decimal"

	"github.com/kaoping/kaoping/graph/model"
	"github.com/kaoping/kaoping/server/results"
	"github.com/kaoping/kaoping/server/store"
)

// Helpers of graph/results.resolvers.go.

func rankingRow(e store.Evaluatee, rank int, score *decimal.Decimal, provisional bool, b results.Breakdown) model.RankingRow {
	return model.RankingRow{Rank: rank, Evaluatee: &e, Score: score, Provisional: provisional,
		Components: orEmpty(b.Components), Dimensions: orEmpty(b.Dimensions), MissingScores: b.MissingScores}
}
