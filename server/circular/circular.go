// Package circular writes the 通报: the printed notice of a period's results
// — each group's ranking, the top and bottom three of every dimension, and a
// paragraph per group naming the highest, the lowest and the biggest rise.
// The SPA's print page and the .xlsx carry the same content because both
// read Build.
package circular

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/leadership"
	"github.com/kaoping/kaoping/server/results"
	"github.com/kaoping/kaoping/server/sheets"
	"github.com/kaoping/kaoping/server/store"
)

// Place is a unit's line in a ranking or a dimension's top or bottom three.
type Place struct {
	Rank        int
	EvaluateeID int64
	Unit        string
	Score       *decimal.Decimal
	Change      string // ▲2, ▼1, 新, – or "" (nothing to compare with)
}

// Dimension is one dimension's top and bottom three by dimension score.
type Dimension struct {
	Number int
	Name   string
	Top    []Place
	Bottom []Place // lowest last
}

// Group is one ranking group's section.
type Group struct {
	Group      store.RankingGroup
	Title      string // 旗县区组
	Paragraph  string
	Ranking    []Place
	Dimensions []Dimension
}

// Circular is a period's 通报.
type Circular struct {
	Title       string
	PeriodName  string
	PublishedAt *time.Time
	// Preview is true when the period is not frozen: the figures count drafts.
	Preview      bool
	PreviousName string // the ranking rank changes compare with
	Groups       []Group
}

var groups = []struct {
	group store.RankingGroup
	title string
}{{store.GroupDistricts, "旗县区组"}, {store.GroupDepartments, "市直部门组"}}

// Build reads a period's circular for id (the 专班, leaders and analysts).
func Build(ctx context.Context, db store.DB, id *auth.Identity, periodID int64) (*Circular, error) {
	c := &Circular{}
	for _, g := range groups {
		changes, err := leadership.HalfYearChanges(ctx, db, id, periodID, g.group)
		if err != nil {
			return nil, err
		}
		v, err := results.GroupRanking(ctx, db, id, periodID, g.group)
		if err != nil {
			return nil, fmt.Errorf("circular of period %d: %w", periodID, err)
		}
		c.PeriodName, c.PublishedAt, c.Preview, c.PreviousName = v.Period.Name, v.PublishedAt, v.Preview, changes.PreviousName
		if len(v.Rows) == 0 {
			continue
		}
		byEvaluatee := map[int64]*leadership.Change{}
		for i := range changes.Rows {
			byEvaluatee[changes.Rows[i].EvaluateeID] = &changes.Rows[i]
		}
		out := Group{Group: g.group, Title: g.title}
		dims := map[int64]*Dimension{}
		var dimOrder []int64
		dimScores := map[int64][]Place{}
		for _, row := range v.Rows {
			out.Ranking = append(out.Ranking, Place{Rank: row.Rank, EvaluateeID: row.Evaluatee.ID, Unit: row.Evaluatee.Unit.Name,
				Score: row.Result.Score, Change: leadership.ChangeText(byEvaluatee[row.Evaluatee.ID], changes.PreviousName != "")})
			if row.Result.Score == nil {
				continue
			}
			for _, d := range row.Result.Dimensions {
				if _, ok := dims[d.ID]; !ok {
					dims[d.ID] = &Dimension{Number: d.Number, Name: d.Name}
					dimOrder = append(dimOrder, d.ID)
				}
				s := d.Score.Round(2)
				dimScores[d.ID] = append(dimScores[d.ID], Place{EvaluateeID: row.Evaluatee.ID, Unit: row.Evaluatee.Unit.Name, Score: &s})
			}
		}
		slices.SortFunc(dimOrder, func(a, b int64) int { return cmp.Compare(dims[a].Number, dims[b].Number) })
		for _, id := range dimOrder {
			d := dims[id]
			d.Top, d.Bottom = topAndBottom(dimScores[id], 3)
			out.Dimensions = append(out.Dimensions, *d)
		}
		out.Paragraph = paragraph(g.title, out.Ranking, byEvaluatee, changes.PreviousName)
		c.Groups = append(c.Groups, out)
	}
	c.Title = fmt.Sprintf("关于%s数字政府建设考评结果的通报", c.PeriodName)
	return c, nil
}

// topAndBottom ranks places by score (ties share a rank, as in the ranking)
// and returns the first n and the last n; with fewer than 2n units the
// bottom keeps only those not already in the top.
func topAndBottom(places []Place, n int) (top, bottom []Place) {
	slices.SortStableFunc(places, func(a, b Place) int { return b.Score.Cmp(*a.Score) })
	for i := range places {
		places[i].Rank = i + 1
		if i > 0 && places[i].Score.Equal(*places[i-1].Score) {
			places[i].Rank = places[i-1].Rank
		}
	}
	top = places[:min(n, len(places))]
	from := max(len(top), len(places)-n)
	bottom = places[from:]
	return top, bottom
}

// paragraph is the group's sentence of highest, lowest and biggest rise.
func paragraph(title string, ranking []Place, changes map[int64]*leadership.Change, previous string) string {
	var scored []Place
	for _, p := range ranking {
		if p.Score != nil {
			scored = append(scored, p)
		}
	}
	if len(scored) == 0 {
		return fmt.Sprintf("%s尚无得分。", title)
	}
	var b strings.Builder
	hi, lo := scored[0], scored[len(scored)-1]
	fmt.Fprintf(&b, "%s共 %d 个单位参评。%s以 %s 分位列第一", title, len(scored), hi.Unit, hi.Score.StringFixed(2))
	if len(scored) > 1 {
		fmt.Fprintf(&b, ",%s以 %s 分位列末位", lo.Unit, lo.Score.StringFixed(2))
	}
	b.WriteString("。")
	if previous == "" {
		b.WriteString("此前没有已公布的排名,暂不比较名次变化。")
		return b.String()
	}
	var best *Place
	bestRise := 0
	for i, p := range scored {
		if c := changes[p.EvaluateeID]; c != nil && c.Delta() != nil && *c.Delta() > bestRise {
			best, bestRise = &scored[i], *c.Delta()
		}
	}
	if best == nil {
		fmt.Fprintf(&b, "与%s相比,没有单位名次上升。", previous)
	} else {
		fmt.Fprintf(&b, "与%s相比,%s进步最大,上升 %d 位。", previous, best.Unit, bestRise)
	}
	return b.String()
}

// Workbook is the circular as .xlsx: one ranking sheet per group (its
// paragraph above the table) and one sheet of every dimension's top and
// bottom three. The file name comes with it.
func Workbook(ctx context.Context, db store.DB, id *auth.Identity, periodID int64) (string, []byte, error) {
	c, err := Build(ctx, db, id, periodID)
	if err != nil {
		return "", nil, err
	}
	head := []string{c.Title, c.PeriodName + " · " + c.Status()}
	var out []sheets.TableSheet
	dims := sheets.TableSheet{Name: "各方面前三名与后三名", Title: c.Title, Notes: head,
		Headers: []string{"分组", "方面", "位置", "名次", "单位", "方面得分"}, Widths: []float64{12, 24, 8, 6, 22, 12}}
	for _, g := range c.Groups {
		s := sheets.TableSheet{Name: g.Title + "排名", Title: c.Title, Notes: append(append([]string{}, head...), g.Paragraph),
			Headers: []string{"名次", "单位", "得分", "名次变化"}, Widths: []float64{6, 24, 12, 10}}
		for _, p := range g.Ranking {
			s.Rows = append(s.Rows, []any{p.Rank, p.Unit, p.Score, p.Change})
		}
		out = append(out, s)
		for _, d := range g.Dimensions {
			name := DimensionTitle(d)
			for _, p := range d.Top {
				dims.Rows = append(dims.Rows, []any{g.Title, name, "前三名", p.Rank, p.Unit, p.Score})
			}
			for _, p := range d.Bottom {
				dims.Rows = append(dims.Rows, []any{g.Title, name, "后三名", p.Rank, p.Unit, p.Score})
			}
		}
	}
	out = append(out, dims)
	data, err := sheets.Tables(out)
	return fmt.Sprintf("%s-考评结果通报.xlsx", c.PeriodName), data, err
}

// Status says what the figures are: published on a date, or a preview.
func (c *Circular) Status() string {
	switch {
	case c.Preview:
		return "预览(未公示):按当前已录入的分值计算,不是公布结果"
	case c.PublishedAt != nil:
		return "发布于 " + sheets.InShanghai(*c.PublishedAt).Format("2006年1月2日")
	}
	return ""
}

var chineseNumbers = []string{"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

// DimensionTitle is "一、营商环境".
func DimensionTitle(d Dimension) string {
	n := fmt.Sprint(d.Number)
	if d.Number >= 0 && d.Number < len(chineseNumbers) {
		n = chineseNumbers[d.Number]
	}
	return fmt.Sprintf("%s、%s", n, d.Name)
}
