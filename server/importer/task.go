package importer

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

var (
	// reLeadLabel introduces the lead units inside the closing parenthetical.
	reLeadLabel = regexp.MustCompile(`(?:牵头考核|牵头|考核|责任)单位\s*:?\s*`)
	// reUnitsEnd ends the lead-unit list: what follows (配合单位:…) is not a lead unit.
	reUnitsEnd = regexp.MustCompile(`;|(?:配合|协办|协助|参与)单位`)
	// reMonth is 5月, 12月, 十二月.
	reMonth = regexp.MustCompile(`(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月`)
)

// yearParts are deadlines written as a part of the year, with the month they end in.
var yearParts = []struct {
	word  string
	month int
}{
	{"上半年", 6}, {"下半年", 12}, {"年底", 12}, {"年末", 12}, {"年内", 12},
	{"一季度", 3}, {"二季度", 6}, {"三季度", 9}, {"四季度", 12},
}

// states are the expected states the document names, as keywords.
var states = []struct {
	word  string
	state DeadlineState
}{
	{"完成", StateCompleted}, {"阶段性成效", StateStaged}, {"明显成效", StateNotable},
}

var continuingWords = []string{"持续", "长期", "常态化"}

// taskParts is a task's text taken apart from its end backwards.
type taskParts struct {
	body   span             // the task text proper
	points *decimal.Decimal // the task's own (x分), if any
	closer *span            // inside of the trailing (deadline,牵头考核单位:…), nil while the task is open
}

// splitTask reads `text(0.5分)(5月底完成,牵头考核单位:A、B)` from its end.
// The trailing parenthetical counts as the task's closer only if it holds a
// lead-unit label or a deadline: a task may well end in a parenthetical of its
// own, such as (2021—2023年).
func splitTask(s span) taskParts {
	s = s.trim()
	t := s
	// Sentence punctuation after the closer is not text.
	if n := t.len(); n >= 2 && (t.norm[n-1] == '。' || t.norm[n-1] == ';') && t.norm[n-2] == ')' {
		t = t.slice(0, n-1)
	}
	var parts taskParts
	if open, ok := trailingParen(t); ok {
		content := t.slice(open+1, t.len()-1).trim()
		if isCloser(content) {
			parts.closer = &content
			s = t.slice(0, open).trim()
		}
	}
	parts.body, parts.points = splitPoints(s)
	return parts
}

// trailingParen finds the parenthesis opening the one that ends t.
func trailingParen(t span) (int, bool) {
	if t.last() != ')' {
		return 0, false
	}
	depth := 0
	for i := t.len() - 1; i >= 0; i-- {
		switch t.norm[i] {
		case ')':
			depth++
		case '(':
			depth--
			if depth == 0 {
				return i, true
			}
		}
	}
	return 0, false
}

func isCloser(content span) bool {
	if content.find(reLeadLabel) != nil {
		return true
	}
	phrase, _ := cutAtComma(content)
	d, _ := parseDeadline(phrase)
	return d.Month > 0 || d.State != ""
}

// cutAtComma splits at the first comma (full-width commas are folded).
func cutAtComma(s span) (span, span) {
	for i, r := range s.norm {
		if r == ',' {
			return s.slice(0, i).trim(), s.slice(i+1, s.len()).trim()
		}
	}
	return s, span{}
}

func isSeparator(r rune) bool { return isBlank(r) || r == ',' || r == ';' || r == '、' }

// readCloser reads the deadline phrase and lead units of a closed task.
func (p *parser) readCloser(task *Task, c span) {
	loc := c.find(reLeadLabel)
	if loc == nil {
		phrase, rest := cutAtComma(c)
		p.setDeadline(task, phrase)
		if rest.empty() {
			p.problem(task.Line, SeverityError, CodeMissingLead,
				"任务%d末尾的“(%s)”中没有“牵头考核单位:…”,没有牵头考核单位,无法确定由谁考核", task.Number, c.text())
		} else {
			p.problem(task.Line, SeverityError, CodeMissingLead,
				"任务%d末尾括号中的“%s”前没有“牵头考核单位:”,无法确认是牵头考核单位,未导入;请补上“牵头考核单位:”", task.Number, rest.text())
		}
		return
	}
	p.setDeadline(task, c.slice(0, loc[0]).trimFunc(isSeparator))
	units := c.slice(loc[1], c.len())
	if end := units.find(reUnitsEnd); end != nil {
		if extra := units.slice(end[0], units.len()).trimFunc(isSeparator); !extra.empty() {
			p.problem(task.Line, SeverityWarning, CodeIgnoredText,
				"任务%d末尾括号中的“%s”不是牵头考核单位,未导入", task.Number, extra.text())
		}
		units = units.slice(0, end[0])
	}
	task.LeadUnits = splitUnits(units)
	if len(task.LeadUnits) == 0 {
		p.problem(task.Line, SeverityError, CodeMissingLead,
			"任务%d的“牵头考核单位:”后没有单位名称,无法确定由谁考核", task.Number)
	}
}

// splitUnits splits a lead-unit list on 、 and commas.
func splitUnits(s span) []LeadUnit {
	units := []LeadUnit{}
	start := 0
	for i := 0; i <= s.len(); i++ {
		if i < s.len() && s.norm[i] != '、' && s.norm[i] != ',' {
			continue
		}
		if u := s.slice(start, i).trimFunc(isUnitJunk); !u.empty() {
			units = append(units, LeadUnit{Written: u.text()})
		}
		start = i + 1
	}
	return units
}

func isUnitJunk(r rune) bool { return isBlank(r) || r == '。' || r == '.' || r == ':' }

func (p *parser) setDeadline(task *Task, phrase span) {
	if phrase.empty() {
		p.problem(task.Line, SeverityWarning, CodeMissingDue,
			"任务%d末尾括号中没有时限(如“6月底完成”“持续推进”),无法跟踪是否逾期", task.Number)
		return
	}
	d, issue := parseDeadline(phrase)
	task.Deadline = d
	if issue != "" {
		p.problem(task.Line, SeverityWarning, CodeUnclearDue, "任务%d的时限“%s”%s", task.Number, d.Phrase, issue)
	}
}

// parseDeadline reads month, expected state and continuation from a
// deadline phrase. The issue says what could not be read, or "" when all of it was.
func parseDeadline(phrase span) (Deadline, string) {
	s := phrase.String()
	d := Deadline{Phrase: phrase.text()}
	var issues []string

	if months := reMonth.FindAllStringSubmatch(s, -1); len(months) > 0 {
		m := monthNumber(months[0][1])
		if m >= 1 && m <= 12 {
			d.Month = m
		} else {
			issues = append(issues, "中的“"+months[0][0]+"”不是有效的月份")
		}
		if len(months) > 1 {
			issues = append(issues, "写有多个月份,只取了第一个“"+months[0][0]+"”")
		}
	} else {
		d.Month = yearPartMonth(s)
	}

	var found int
	d.State, found = stateOf(s)
	if found > 1 {
		issues = append(issues, "写有多个预期状态,只取了第一个")
	}
	for _, w := range continuingWords {
		if strings.Contains(s, w) {
			d.Continuing = true
		}
	}
	if d.State == "" && d.Continuing {
		d.State = StateOngoing
	}

	switch {
	case d.Month == 0 && d.State == "":
		issues = append(issues, "无法识别:既没有月份,也没有“完成”“取得阶段性成效”“取得明显成效”“持续推进”等预期状态")
	case d.State == "":
		issues = append(issues, "只写了时间,没有写明届时应达到的状态(完成、取得阶段性成效或取得明显成效)")
	case d.Month == 0 && d.State != StateOngoing:
		issues = append(issues, "没有写明月份,无法判断何时应达到该状态")
	}
	if len(issues) == 0 {
		return d, ""
	}
	return d, strings.Join(issues, ";")
}

func monthNumber(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return chineseNumber(s)
}

// yearPartMonth reads the earliest year-part word (年底, 上半年 …).
func yearPartMonth(s string) int {
	best, month := -1, 0
	for _, yp := range yearParts {
		if i := strings.Index(s, yp.word); i >= 0 && (best < 0 || i < best) {
			best, month = i, yp.month
		}
	}
	return month
}

// stateOf returns the earliest state named in s and how many different states are named.
func stateOf(s string) (DeadlineState, int) {
	best, state, found := -1, DeadlineState(""), 0
	for _, st := range states {
		i := strings.Index(s, st.word)
		if i < 0 {
			continue
		}
		found++
		if best < 0 || i < best {
			best, state = i, st.state
		}
	}
	return state, found
}
