package importer

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// fullPlan is what the dimensions of a complete plan total (百分制).
var fullPlan = decimal.NewFromInt(100)

// checkStructure reports levels left empty: nothing could be scored there.
func (p *parser) checkStructure() {
	if len(p.res.Dimensions) == 0 {
		p.problem(0, SeverityError, CodeNoDimensions,
			"没有找到任何方面(形如“一、政务服务“一网通办”(25分)”的行),文件不像考评指标;请确认导入的是考评办法或其附件")
		return
	}
	for _, d := range p.res.Dimensions {
		if len(d.Indicators) == 0 {
			p.problem(d.Line, SeverityError, CodeNoIndicators,
				"方面“%s”下没有任何指标(形如“(一)名称(3分)”的行)", d.Name)
		}
		for _, ind := range d.Indicators {
			if len(ind.Tasks) == 0 {
				p.problem(ind.Line, SeverityError, CodeNoTasks,
					"指标“%s”下没有任何任务(形如“1.任务内容(时限,牵头考核单位:…)”的行)", ind.Name)
			}
		}
	}
}

// checkPoints checks that points add up (DESIGN §2.1): the indicators make
// their dimension's points; inside an indicator, tasks with points of their
// own may not take more than the indicator has, and the tasks without points
// share what is left.
func (p *parser) checkPoints() {
	for _, d := range p.res.Dimensions {
		p.checkStorable(d.Line, "方面“"+d.Name+"”", d.Points)
		p.checkDimensionPoints(d)
		for _, ind := range d.Indicators {
			p.checkStorable(ind.Line, "指标“"+ind.Name+"”", ind.Points)
			p.checkIndicatorPoints(ind)
			for _, t := range ind.Tasks {
				p.checkStorable(t.Line, "任务"+strconv.Itoa(t.Number), t.Points)
			}
		}
	}
}

// maxPoints is the most points one item may have: a plan is scored out of
// 100 (百分制), and the columns keep two decimals (numeric(7, 2)).
var maxPoints = decimal.NewFromInt(100)

// checkStorable reports points the plan cannot keep as written: more than
// two decimals would be rounded by the database, more than 100 cannot be.
func (p *parser) checkStorable(line int, what string, points *decimal.Decimal) {
	switch {
	case points == nil:
	case !points.Equal(points.Round(2)):
		p.problem(line, SeverityError, CodePointsPrecision,
			"%s的分值%s超过两位小数,保存时会被四舍五入;请改为最多两位小数", what, points)
	case points.GreaterThan(maxPoints):
		p.problem(line, SeverityError, CodePointsPrecision,
			"%s的分值%s超过100分;请核对分值", what, points)
	}
}

func (p *parser) checkDimensionPoints(d Dimension) {
	if d.Points == nil || len(d.Indicators) == 0 {
		return // already reported as missing
	}
	sum, missing := decimal.Zero, 0
	for _, ind := range d.Indicators {
		if ind.Points == nil {
			missing++
			continue
		}
		sum = sum.Add(*ind.Points)
	}
	switch {
	case missing == 0 && !sum.Equal(*d.Points):
		p.problem(d.Line, SeverityError, CodePointsMismatch,
			"方面“%s”为%s分,其下%d个指标合计%s分(%s),两者不等;请核对分值",
			d.Name, d.Points, len(d.Indicators), sum, indicatorPointsList(d.Indicators))
	case missing > 0 && sum.GreaterThan(*d.Points):
		p.problem(d.Line, SeverityError, CodePointsMismatch,
			"方面“%s”为%s分,其下已标分值的指标合计%s分,已超过方面分值;请核对分值", d.Name, d.Points, sum)
	}
}

func indicatorPointsList(inds []Indicator) string {
	parts := make([]string, len(inds))
	for i, ind := range inds {
		parts[i] = indLabel(ind.Number) + ind.Points.String()
	}
	return strings.Join(parts, "、")
}

func (p *parser) checkIndicatorPoints(ind Indicator) {
	if ind.Points == nil || len(ind.Tasks) == 0 {
		return // already reported as missing
	}
	sum := decimal.Zero
	var unpointed []string
	for _, t := range ind.Tasks {
		if t.Points == nil {
			unpointed = append(unpointed, strconv.Itoa(t.Number))
			continue
		}
		sum = sum.Add(*t.Points)
	}
	pointed := len(ind.Tasks) - len(unpointed)
	switch {
	case pointed == 0:
		// The lead unit allocates the points later (R8).
	case sum.GreaterThan(*ind.Points):
		p.problem(ind.Line, SeverityError, CodePointsMismatch,
			"指标“%s”为%s分,其下任务自带的分值合计已达%s分,超过了指标分值;请核对分值", ind.Name, ind.Points, sum)
	case len(unpointed) == 0 && !sum.Equal(*ind.Points):
		p.problem(ind.Line, SeverityError, CodePointsMismatch,
			"指标“%s”为%s分,其下%d项任务都标有分值,合计%s分,两者不等;请核对分值", ind.Name, ind.Points, len(ind.Tasks), sum)
	case len(unpointed) > 0 && sum.Equal(*ind.Points):
		p.problem(ind.Line, SeverityWarning, CodeNoPointsLeft,
			"指标“%s”为%s分,已被标有分值的任务分完,未标分值的任务%s将得0分;请核对分值", ind.Name, ind.Points, strings.Join(unpointed, "、"))
	}
}

// checkTotal sums the plan and warns when it is not the full 100 points: the
// method is scored out of 100 (百分制), so a lower total means dimensions are
// missing, as in the recovered seed.
func (p *parser) checkTotal() {
	total := decimal.Zero
	for _, d := range p.res.Dimensions {
		if d.Points != nil {
			total = total.Add(*d.Points)
		}
	}
	p.res.TotalPoints = total
	if len(p.res.Dimensions) == 0 || total.Equal(fullPlan) {
		return
	}
	p.problem(p.headLine, SeverityWarning, CodePlanTotal,
		"全部%d个方面合计%s分,不是百分制的100分;文档可能不完整(考评办法共7个方面),或分值有误",
		len(p.res.Dimensions), total)
}
