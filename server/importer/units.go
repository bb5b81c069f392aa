package importer

import (
	"strings"
)

// cityPrefix is how city-level units are written in full (市审批服务局); the
// document often drops it (审批服务局), so matching tries both spellings.
const cityPrefix = "市"

// catalogue maps every spelling of a known unit to its canonical name.
type catalogue map[string]string

func newCatalogue(units []Unit) catalogue {
	c := catalogue{}
	// Names first: when an alias of one unit is the name of another, the
	// name wins.
	for _, u := range units {
		if k := unitKey(u.Name); k != "" {
			if _, taken := c[k]; !taken {
				c[k] = u.Name
			}
		}
	}
	for _, u := range units {
		for _, a := range u.Aliases {
			if k := unitKey(a); k != "" && u.Name != "" {
				if _, taken := c[k]; !taken {
					c[k] = u.Name
				}
			}
		}
	}
	return c
}

// lookup finds a unit by exact spelling, then with 市 added or removed.
// Adding comes first so that 市场监管局 (whose 市 is not a prefix) finds
// 市市场监管局.
func (c catalogue) lookup(key string) (string, bool) {
	if name, ok := c[key]; ok {
		return name, true
	}
	if name, ok := c[cityPrefix+key]; ok {
		return name, true
	}
	if rest, ok := strings.CutPrefix(key, cityPrefix); ok && rest != "" {
		if name, ok := c[rest]; ok {
			return name, true
		}
	}
	return "", false
}

// unitKey is a unit name as compared: folded, without any blanks.
func unitKey(s string) string {
	var b strings.Builder
	for _, r := range newSpan(s).norm {
		if r != ' ' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// resolveUnits gives every lead unit its canonical name and lists the new
// ones. A unit not in the catalogue is still spelled one way throughout the
// document: when both X and 市X occur, both are 市X.
func (p *parser) resolveUnits(units []Unit) {
	cat := newCatalogue(units)
	tasks := p.allTasks()

	unknown := map[string]bool{}
	for _, t := range tasks {
		for i := range t.LeadUnits {
			lu := &t.LeadUnits[i]
			key := unitKey(lu.Written)
			if name, ok := cat.lookup(key); ok {
				lu.Name, lu.Known = name, true
			} else {
				lu.Name = key
				unknown[key] = true
			}
		}
	}

	var seen []seenUnit
	index := map[string]int{}
	for _, t := range tasks {
		for i := range t.LeadUnits {
			lu := &t.LeadUnits[i]
			if !lu.Known && unknown[cityPrefix+lu.Name] {
				lu.Name = cityPrefix + lu.Name
			}
			if _, ok := index[lu.Name]; !ok {
				index[lu.Name] = len(seen)
				seen = append(seen, seenUnit{name: lu.Name, known: lu.Known, line: t.Line})
				if !lu.Known {
					p.res.NewUnits = append(p.res.NewUnits, lu.Name)
				}
			}
		}
		p.dropDuplicateUnits(t)
	}
	p.checkSimilarUnits(seen)
}

type seenUnit struct {
	name  string
	known bool
	line  int // where it is first seen
}

func (p *parser) allTasks() []*Task {
	var tasks []*Task
	for di := range p.res.Dimensions {
		d := &p.res.Dimensions[di]
		for ii := range d.Indicators {
			ind := &d.Indicators[ii]
			for ti := range ind.Tasks {
				tasks = append(tasks, &ind.Tasks[ti])
			}
		}
	}
	return tasks
}

// dropDuplicateUnits keeps one of two spellings of one unit in a task, so
// that the unit is not asked to score the task twice.
func (p *parser) dropDuplicateUnits(t *Task) {
	kept := t.LeadUnits[:0]
	first := map[string]string{} // name → spelling kept
	for _, lu := range t.LeadUnits {
		if written, dup := first[lu.Name]; dup {
			p.problem(t.Line, SeverityWarning, CodeDuplicateLead,
				"任务%d的牵头考核单位“%s”与“%s”是同一单位(%s),只保留一次", t.Number, lu.Written, written, lu.Name)
			continue
		}
		first[lu.Name] = lu.Written
		kept = append(kept, lu)
	}
	t.LeadUnits = kept
}

// checkSimilarUnits warns about new units whose names look like another
// unit's (市文旅局 and 市文旅广电局): perhaps one unit written two ways,
// perhaps two units. Only a person can tell, so both are kept and reported.
func (p *parser) checkSimilarUnits(seen []seenUnit) {
	// The comparison is pairwise. A city has some dozens of units; far more
	// means a wrong file, which has problems enough already.
	const maxCompared = 2000
	if len(seen) > maxCompared {
		return
	}
	for j := range seen {
		for i := 0; i < j; i++ {
			a, b := seen[i], seen[j]
			if (a.known && b.known) || !similarUnits(a.name, b.name) {
				continue
			}
			p.problem(b.line, SeverityWarning, CodeSimilarUnit,
				"牵头考核单位“%s”与第%d行的“%s”名称相近,可能是同一单位的两种写法,已按两个单位导入;如为同一单位,请在单位目录中为其添加别名后重新导入",
				b.name, a.line, a.name)
		}
	}
}

// unitSuffixes are the generic endings of unit names, longest first.
var unitSuffixes = []string{"委员会", "办公室", "管委会", "中心", "局", "委", "办", "厅"}

// similarUnits compares the distinctive cores of two names (文旅 in 市文旅局):
// equal cores, or one a prefix of the other, look like one unit.
func similarUnits(a, b string) bool {
	ca, cb := unitCore(a), unitCore(b)
	if len([]rune(ca)) < 2 || len([]rune(cb)) < 2 {
		return false
	}
	return strings.HasPrefix(ca, cb) || strings.HasPrefix(cb, ca)
}

func unitCore(name string) string {
	core := strings.TrimPrefix(name, cityPrefix)
	for _, s := range unitSuffixes {
		if c, ok := strings.CutSuffix(core, s); ok {
			return c
		}
	}
	return core
}
