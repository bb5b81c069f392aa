package graph

import (
	"github.com/kaoping/kaoping/graph/model"
	"github.com/kaoping/kaoping/server/circular"
	"github.com/kaoping/kaoping/server/overdue"
	"github.com/kaoping/kaoping/server/store"
)

func overdueFilter(f model.OverdueFilter) overdue.Filter {
	out := overdue.Filter{PlanID: f.PlanID}
	if f.EvaluateeID != nil {
		out.EvaluateeID = *f.EvaluateeID
	}
	if f.LeadUnitID != nil {
		out.LeadUnitID = *f.LeadUnitID
	}
	if f.Group != nil {
		out.Group = *f.Group
	}
	return out
}

func overdueTasks(tasks []overdue.Task) []model.OverdueTask {
	out := make([]model.OverdueTask, len(tasks))
	for i, t := range tasks {
		leads := make([]store.Unit, len(t.LeadUnitIDs))
		for j, id := range t.LeadUnitIDs {
			leads[j] = store.Unit{ID: id}
			if j < len(t.LeadUnitNames) {
				leads[j].Name = t.LeadUnitNames[j]
			}
		}
		d := t.Deadline
		out[i] = model.OverdueTask{
			TaskID: t.TaskID, TaskNumber: t.TaskNumber, TaskText: t.TaskText, DimensionNumber: t.DimensionNumber,
			Deadline: &d, EvaluateeID: t.EvaluateeID, UnitID: t.UnitID, UnitName: t.UnitName, Group: t.Group,
			LeadUnits: leads, ReportID: t.ReportID, ReportPeriodID: t.ReportPeriodID, ReportUpdatedAt: t.ReportUpdatedAt,
		}
		if t.ReportState != nil {
			s := model.ProgressState(*t.ReportState)
			out[i].ReportState = &s
		}
	}
	return out
}

func overdueCounts(c *overdue.Counts) model.OverdueCounts {
	if c == nil {
		return model.OverdueCounts{}
	}
	conv := func(in []overdue.Count) []model.OverdueCount {
		out := make([]model.OverdueCount, len(in))
		for i, x := range in {
			out[i] = model.OverdueCount{ID: x.ID, Name: x.Name, Count: x.Count}
		}
		return out
	}
	return model.OverdueCounts{Total: c.Total, ByEvaluatee: conv(c.ByEvaluatee), ByLeadUnit: conv(c.ByLeadUnit), JudgedOn: c.JudgedOn}
}

func circularModel(c *circular.Circular) model.Circular {
	if c == nil {
		return model.Circular{}
	}
	places := func(in []circular.Place) []model.CircularPlace {
		out := make([]model.CircularPlace, len(in))
		for i, p := range in {
			out[i] = model.CircularPlace{Rank: p.Rank, EvaluateeID: p.EvaluateeID, UnitName: p.Unit, Score: p.Score, Change: p.Change}
		}
		return out
	}
	out := model.Circular{Title: c.Title, PeriodName: c.PeriodName, PublishedAt: c.PublishedAt, Preview: c.Preview, Groups: []model.CircularGroup{}}
	if c.PreviousName != "" {
		out.PreviousName = &c.PreviousName
	}
	for _, g := range c.Groups {
		mg := model.CircularGroup{Group: g.Group, Title: g.Title, Paragraph: g.Paragraph, Ranking: places(g.Ranking), Dimensions: []model.CircularDimension{}}
		for _, d := range g.Dimensions {
			mg.Dimensions = append(mg.Dimensions, model.CircularDimension{Number: d.Number, Name: d.Name, Top: places(d.Top), Bottom: places(d.Bottom)})
		}
		out.Groups = append(out.Groups, mg)
	}
	return out
}
