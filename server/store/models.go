package store

import (
	"fmt"
	"github.com/kaoping/kaoping/server/workflow"
	"regexp"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"
)

// UnitKind is how government lists group units.
type UnitKind string

const (
	UnitKindDistrict   UnitKind = "DISTRICT"   // 旗县区
	UnitKindDevZone    UnitKind = "DEV_ZONE"   // 开发区
	UnitKindDepartment UnitKind = "DEPARTMENT" // 市直部门
)

// MissingRule decides how a half-year score treats a method with no data.
type MissingRule string

const (
	MissingRedistribute MissingRule = "REDISTRIBUTE"
	MissingZero         MissingRule = "ZERO"
)

// DeadlineState is the state a task's deadline phrase expects.
type DeadlineState string

const (
	DeadlineCompleted DeadlineState = "COMPLETED"       // 完成
	DeadlineStaged    DeadlineState = "STAGED_RESULTS"  // 取得阶段性成效
	DeadlineNotable   DeadlineState = "NOTABLE_RESULTS" // 取得明显成效
	DeadlineOngoing   DeadlineState = "ONGOING"         // 持续推进
)

// RankingGroup is the group an evaluatee is ranked in (DESIGN R1).
type RankingGroup string

const (
	GroupDistricts   RankingGroup = "DISTRICTS"   // 旗县区组, including 稀土高新区
	GroupDepartments RankingGroup = "DEPARTMENTS" // 市直部门组
)

// Unit is a district, development zone or department.
type Unit struct {
	bun.BaseModel `bun:"table:units"`

	ID        int64     `bun:"id,pk,autoincrement"`
	Name      string    `bun:"name"`
	Kind      UnitKind  `bun:"kind"`
	Aliases   []string  `bun:"aliases,array"`
	SortKey   int       `bun:"sort_key"`
	Version   int       `bun:"version"`
	CreatedAt time.Time `bun:"created_at,nullzero,default:now()"`
	UpdatedAt time.Time `bun:"updated_at,nullzero,default:now()"`
}

// Weights are the four methods' weights in percent (DESIGN R4).
type Weights struct {
	DailyMonitoring decimal.Decimal `bun:"weight_dm"`
	FieldVisits     decimal.Decimal `bun:"weight_fv"`
	PublicOpinion   decimal.Decimal `bun:"weight_po"`
	ThirdParty      decimal.Decimal `bun:"weight_tp"`
}

// DefaultWeights are the method's own: 60/20/10/10.
func DefaultWeights() Weights {
	return Weights{
		DailyMonitoring: decimal.NewFromInt(60),
		FieldVisits:     decimal.NewFromInt(20),
		PublicOpinion:   decimal.NewFromInt(10),
		ThirdParty:      decimal.NewFromInt(10),
	}
}

// Sum is the total of the four weights; a valid plan has 100.
func (w Weights) Sum() decimal.Decimal {
	return w.DailyMonitoring.Add(w.FieldVisits).Add(w.PublicOpinion).Add(w.ThirdParty)
}

// Plan is one year's evaluation plan.
type Plan struct {
	bun.BaseModel `bun:"table:plans"`

	ID                   int64           `bun:"id,pk,autoincrement"`
	Name                 string          `bun:"name"`
	Year                 int             `bun:"year"`
	TotalPoints          decimal.Decimal `bun:"total_points"`
	Weights              Weights         `bun:"embed:"`
	MissingComponentRule MissingRule     `bun:"missing_rule"`
	// Thresholds of the consistency flags (server/consistency).
	Thresholds ConsistencyThresholds `bun:"embed:flag_"`
	Version    int                   `bun:"version"`
	CreatedAt  time.Time             `bun:"created_at,nullzero,default:now()"`
	UpdatedAt  time.Time             `bun:"updated_at,nullzero,default:now()"`
}

// Period is one half year of a plan.
type Period struct {
	bun.BaseModel `bun:"table:periods"`

	ID          int64          `bun:"id,pk,autoincrement"`
	PlanID      int64          `bun:"plan_id"`
	Half        int            `bun:"half"`
	Name        string         `bun:"name"`
	State       workflow.State `bun:"state"`
	PublishedAt *time.Time     `bun:"published_at"`
	// EntryClosesOn and PublicityEndsOn are the last days (Asia/Shanghai
	// calendar days, held at midnight UTC) of 填报 and of 公示; nil: none set.
	EntryClosesOn   *time.Time `bun:"entry_closes_on"`
	PublicityEndsOn *time.Time `bun:"publicity_ends_on"`
	Version         int        `bun:"version"`
}

var periodYear = regexp.MustCompile(`^(\d{4})年`)

// EnglishName names the period in English messages: "H1 2024" for the
// "2024年上半年" every plan's periods are created with (store.CreatePlan),
// so an English sentence carries no Chinese data.
func (p Period) EnglishName() string {
	m := periodYear.FindStringSubmatch(p.Name)
	if m == nil || (p.Half != 1 && p.Half != 2) {
		return p.Name
	}
	return fmt.Sprintf("H%d %s", p.Half, m[1])
}

// Dimension is a 方面, the top level of the indicator system.
type Dimension struct {
	bun.BaseModel `bun:"table:dimensions"`

	ID      int64           `bun:"id,pk,autoincrement"`
	PlanID  int64           `bun:"plan_id"`
	Number  int             `bun:"number"`
	Name    string          `bun:"name"`
	Points  decimal.Decimal `bun:"points"`
	Version int             `bun:"version"`
}

// Indicator is a 指标大项.
type Indicator struct {
	bun.BaseModel `bun:"table:indicators"`

	ID          int64           `bun:"id,pk,autoincrement"`
	DimensionID int64           `bun:"dimension_id"`
	Number      int             `bun:"number"`
	Name        string          `bun:"name"`
	Points      decimal.Decimal `bun:"points"`
	Version     int             `bun:"version"`

	// PlanID is read through the dimension so request-scoped loaders can
	// fetch a whole plan's level at once.
	PlanID int64 `bun:"plan_id,scanonly"`
}

// Deadline is a task's deadline phrase and what it was understood to mean.
type Deadline struct {
	Phrase     string         `bun:"phrase"`
	Month      *int           `bun:"month"`
	State      *DeadlineState `bun:"state"`
	Continuing bool           `bun:"continuing"`
}

// Task is a 重点任务, the unit of scoring.
type Task struct {
	bun.BaseModel `bun:"table:tasks"`

	ID          int64            `bun:"id,pk,autoincrement"`
	IndicatorID int64            `bun:"indicator_id"`
	Number      int              `bun:"number"`
	Text        string           `bun:"text"`
	Points      *decimal.Decimal `bun:"points"`
	Deadline    Deadline         `bun:"embed:deadline_"`
	Version     int              `bun:"version"`

	PlanID int64 `bun:"plan_id,scanonly"`
}

// Evaluatee is a unit evaluated under a plan.
type Evaluatee struct {
	bun.BaseModel `bun:"table:evaluatees,alias:evaluatee"`

	ID      int64        `bun:"id,pk,autoincrement"`
	PlanID  int64        `bun:"plan_id"`
	UnitID  int64        `bun:"unit_id"`
	Group   RankingGroup `bun:"ranking_group"`
	Version int          `bun:"version"`

	Unit *Unit `bun:"rel:belongs-to,join:unit_id=id"`
}

// TaskLeadUnit links a task to a unit that leads (scores) it.
type TaskLeadUnit struct {
	bun.BaseModel `bun:"table:task_lead_units"`

	TaskID int64 `bun:"task_id,pk"`
	UnitID int64 `bun:"unit_id,pk"`
}

// Assignment says an evaluatee carries a task.
type Assignment struct {
	bun.BaseModel `bun:"table:assignments"`

	EvaluateeID int64 `bun:"evaluatee_id,pk"`
	TaskID      int64 `bun:"task_id,pk"`
}

// Decimal is the exact number type of points and scores.
type Decimal = decimal.Decimal
