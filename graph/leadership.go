package graph

import (
	"github.com/kaoping/kaoping/graph/model"
	"github.com/kaoping/kaoping/server/leadership"
)

func rankChanges(c *leadership.Changes) model.RankChanges {
	if c == nil {
		return model.RankChanges{}
	}
	out := model.RankChanges{Rows: make([]model.RankChange, len(c.Rows))}
	if c.PreviousName != "" {
		out.PreviousName = &c.PreviousName
	}
	for i, row := range c.Rows {
		out.Rows[i] = model.RankChange{EvaluateeID: row.EvaluateeID, UnitID: row.UnitID, Rank: row.Rank, PreviousRank: row.PreviousRank, Change: row.Delta()}
	}
	return out
}
