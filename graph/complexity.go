package graph

import "github.com/kaoping/kaoping/graph/model"

// List fields cost their children times the number of items they usually
// hold, so the complexity limit grows with what a query can really return:
// one plan's whole tree (7 dimensions × ~10 indicators × ~10 tasks × ~30
// carriers) fits, every plan's whole tree at once does not.
func listCosts(c *ComplexityRoot) {
	times := func(n int) func(int) int { return func(child int) int { return n * child } }
	c.Query.Plans = times(10)
	c.Query.Units = times(100)
	c.Query.Users = times(100)
	c.Query.Evaluatees = func(child int, _ int64) int { return 100 * child }
	c.Query.AuditLog = func(child int, _ *model.AuditFilter, _ *int, limit *int) int { return derefOr(limit, 100) * child }
	c.Query.Notifications = func(child int, first int, _ bool) int { return first * child }
	c.Plan.Dimensions = times(7)
	c.Plan.Evaluatees = times(100)
	c.Plan.Periods = times(2)
	c.Dimension.Indicators = times(10)
	c.Indicator.Tasks = times(10)
	c.Task.Evaluatees = times(30)
	c.Task.LeadUnits = times(2)
	c.PlanImportPreview.Dimensions = times(7)
	c.ImportedDimension.Indicators = times(10)
	c.ImportedIndicator.Tasks = times(10)
}
