package importer

import (
	"strings"
	"testing"
)

// Points go into numeric(7, 2) columns: points with more than two decimals
// would be rounded there, so the importer reports them instead (issue 7).
func TestPointsWithMoreThanTwoDecimalsAreReported(t *testing.T) {
	t.Parallel()
	text := strings.NewReplacer("（60分）", "（59.995分）", "（40分）", "（40.005分）").Replace(cleanPlan)
	res := ParseText(text, Options{})
	var lines []int
	for _, p := range res.Problems {
		if p.Code == CodePointsPrecision {
			lines = append(lines, p.Line)
			if p.Severity != SeverityError || !strings.Contains(p.Message, "两位小数") {
				t.Errorf("problem %+v", p)
			}
		}
	}
	if len(lines) != 2 || lines[0] != 3 || lines[1] != 6 {
		t.Errorf("POINTS_PRECISION on lines %v, want 3 and 6; problems %+v", lines, res.Problems)
	}
}
