// Package labels is the one catalogue of the words users read for enum
// values: period states, score states, methods, roles, ranking groups and
// the rest. The API serves it (Query.enumLabels) so the SPA keeps no copy,
// and the server's own exports (spreadsheets, file names) read it too, so a
// state is never called one thing on screen and another in a download.
//
// Every value has a zh-CN word (the default, and what the server's own
// exports use) and an English one; the API sends both, and the SPA shows
// the one of the language in use, so switching language needs no request.
package labels

// Label is the word for one value of one enum.
type Label struct {
	// Enum is the GraphQL enum's name (PeriodState), or for the few string
	// codes the API sends outside an enum, the name below (ScoreChangeAction).
	Enum  string
	Value string
	// Label is the zh-CN word.
	Label string
	// English is the word in the SPA's English.
	English string
}

// Codes that are strings in the API rather than GraphQL enums, but still
// shown as words: they are labelled here like enums.
const (
	// ScoreChangeAction is ScoreChange.action.
	ScoreChangeAction = "ScoreChangeAction"
	// SessionPending is Session.pending: what a restricted session must do.
	SessionPending = "SessionPending"
)

// catalogue lists each enum's values in the order the UI lists them.
var catalogue = []struct {
	enum   string
	values [][2]string
}{
	{"Role", [][2]string{{"ADMIN", "系统管理员"}, {"TASK_FORCE", "专班"}, {"LEAD_SCORER", "牵头单位评分员"},
		{"EVALUATEE_CONTACT", "考评对象联络员"}, {"INSPECTOR", "实地调研员"}, {"LEADER", "领导"}, {"ANALYST", "分析员"}, {"AUDITOR", "审计员"}}},
	{"UnitKind", [][2]string{{"DISTRICT", "旗县区"}, {"DEV_ZONE", "开发区"}, {"DEPARTMENT", "市直部门"}}},
	{"RankingGroup", [][2]string{{"DISTRICTS", "旗县区组"}, {"DEPARTMENTS", "市直部门组"}}},
	{"MissingComponentRule", [][2]string{{"REDISTRIBUTE", "按比例放大其余方式的权重"}, {"ZERO", "缺少的方式计 0 分"}}},
	{"ScoringMethod", [][2]string{{"DAILY_MONITORING", "日常监测"}, {"FIELD_VISITS", "实地调研"}, {"PUBLIC_OPINION", "民意调查"}, {"THIRD_PARTY", "第三方评估"}}},
	{"PeriodState", [][2]string{{"DRAFT", "筹备"}, {"OPEN", "填报"}, {"REVIEW", "审核"}, {"PUBLICITY", "公示"}, {"PUBLISHED", "发布"}}},
	{"PeriodAction", [][2]string{{"REPORT_PROGRESS", "报送进展"}, {"ENTER_SCORES", "录入分值"}, {"VERIFY_SCORES", "核实分值"},
		{"IMPORT_SOURCES", "导入民意调查、第三方评估数据"}, {"SEE_OWN_RESULTS", "查看本单位结果"}, {"MOVE_PERIOD", "变更周期阶段"}}},
	{"DeadlineState", [][2]string{{"COMPLETED", "完成"}, {"STAGED_RESULTS", "取得阶段性成效"}, {"NOTABLE_RESULTS", "取得明显成效"}, {"ONGOING", "持续推进"}}},
	{"ProgressState", [][2]string{{"NOT_STARTED", "未启动"}, {"IN_PROGRESS", "推进中"}, {"STAGED_RESULTS", "取得阶段性成效"},
		{"NOTABLE_RESULTS", "取得明显成效"}, {"COMPLETED", "已完成"}}},
	{"ScoreStatus", [][2]string{{"DRAFT", "草稿"}, {"SUBMITTED", "已提交"}, {"VERIFIED", "已核实"}, {"RETURNED", "已退回"}}},
	{"VerifyAction", [][2]string{{"ACCEPT", "核实通过"}, {"ADJUST", "调整分值"}, {"RETURN", "退回牵头单位"}}},
	{ScoreChangeAction, [][2]string{{"SAVE", "保存"}, {"SUBMIT", "提交"}, {"IMPORT", "模板导入"}, {"ACCEPT", "核实通过"}, {"ADJUST", "调整分值"}, {"RETURN", "退回"}}},
	{"VisitStatus", [][2]string{{"PLANNED", "待调研"}, {"SUBMITTED", "已提交待审核"}, {"ACCEPTED", "审核通过"}, {"RETURNED", "已退回"}, {"CANCELLED", "已取消"}}},
	{"AggregateMeasure", [][2]string{{"SCORE_SUM", "得分合计"}, {"SCORE_MEAN", "平均得分"}, {"SCORE_MIN", "最低得分"}, {"SCORE_MAX", "最高得分"},
		{"SCORE_STDDEV", "得分标准差"}, {"POINTS_SUM", "分值合计"}, {"RATE", "得分率"}, {"RATE_MEAN", "平均得分率"}, {"RATE_MIN", "最低得分率"},
		{"RATE_MAX", "最高得分率"}, {"RATE_STDDEV", "得分率标准差"}, {"SCORE_COUNT", "评分条数"}, {"EVALUATEE_COUNT", "考评对象数"},
		{"FULL_MARKS_SHARE", "满分占比"}, {"BELOW_HALF_SHARE", "不足一半占比"}, {"ADJUSTED_SHARE", "被专班调整占比"},
		{"ADJUSTMENT_MEAN", "平均调整幅度"}, {"RETURNED_SHARE", "被退回占比"}, {"FINDING_COUNT", "实地调研发现数"},
		{"FINDING_SHORTFALL_COUNT", "调研发现未完成数"}, {"OVERDUE_COUNT", "督办逾期任务数"}}},
	{"AggregateGrouping", [][2]string{{"PLAN_YEAR", "年度"}, {"PERIOD", "考评周期"}, {"RANKING_GROUP", "排名组"}, {"EVALUATEE", "考评对象"},
		{"DIMENSION", "方面"}, {"INDICATOR", "指标"}, {"TASK", "任务"}, {"LEAD_UNIT", "牵头单位"}, {"SCORE_STATE", "评分状态"}, {"DATA_SOURCE", "数据来源"}}},
	{"ViewChart", [][2]string{{"BAR", "柱状图"}, {"LINE", "折线图"}, {"HEATMAP", "热力图"}, {"RADAR", "雷达图"}}},
	{"ObjectionStatus", [][2]string{{"OPEN", "待答复"}, {"UPHELD", "异议成立"}, {"REJECTED", "异议不成立"}}},
	{"ConsistencyRule", [][2]string{{"HIGH_WITHOUT_PROGRESS", "高分但未见进展"}, {"LOW_DESPITE_COMPLETION", "低分但报已完成"},
		{"FIELD_VISIT_DISAGREES", "与实地调研不符"}, {"FULL_MARKS_PAST_DEADLINE", "逾期未达标却满分"},
		{"LEAD_UNITS_DISAGREE", "牵头单位评分差异大"}, {"SELF_ABOVE_MEDIAN", "自评高于他评中位数"}}},
	{"NotificationKind", [][2]string{{"SCORE_RETURNED", "分值被退回"}, {"OBJECTION_ANSWERED", "异议已答复"}, {"VISIT_RETURNED", "实地调研被退回"},
		{"ENTRY_CLOSING", "填报即将截止"}, {"PUBLICITY_ENDING", "公示即将结束"}}},
	{"Judgement", [][2]string{{"DONE", "已落实"}, {"PARTIAL", "部分落实"}, {"NOT_DONE", "未落实"}, {"NA", "不适用"}}},
	{"VisitReviewAction", [][2]string{{"ACCEPT", "审核通过"}, {"RETURN", "退回调研员"}}},
	{"SyncOutcome", [][2]string{{"APPLIED", "已保存"}, {"DUPLICATE", "此前已保存"}, {"CONFLICT", "有冲突"}, {"REFUSED", "已拒绝"}}},
	{SessionPending, [][2]string{{"PASSWORD_CHANGE", "修改初始密码"}, {"PASSWORD_EXPIRED", "更换已过期的密码"}, {"TOTP_ENROLLMENT", "绑定动态验证码"}}},
	{"Locale", [][2]string{{"ZH_CN", "简体中文"}, {"EN", "英文"}}},
}

// english is the English word of each value, by enum. It is a table of its
// own rather than a third column above, so an enum added to the catalogue
// merges without touching this one; TestEveryLabelHasEnglish then says what
// is missing.
var english = map[string]map[string]string{
	"Role": {"ADMIN": "System administrator", "TASK_FORCE": "Task force", "LEAD_SCORER": "Lead-unit scorer",
		"EVALUATEE_CONTACT": "Evaluatee contact", "INSPECTOR": "Field inspector", "LEADER": "Leader", "ANALYST": "Analyst", "AUDITOR": "Auditor"},
	"UnitKind":     {"DISTRICT": "District or county", "DEV_ZONE": "Development zone", "DEPARTMENT": "City department"},
	"RankingGroup": {"DISTRICTS": "Districts and counties", "DEPARTMENTS": "City departments"},
	"MissingComponentRule": {"REDISTRIBUTE": "Scale up the other methods' weights in proportion",
		"ZERO": "A missing method scores 0"},
	"ScoringMethod": {"DAILY_MONITORING": "Daily monitoring", "FIELD_VISITS": "Field visits", "PUBLIC_OPINION": "Public opinion survey",
		"THIRD_PARTY": "Third-party assessment"},
	"PeriodState": {"DRAFT": "Preparation", "OPEN": "Reporting", "REVIEW": "Review", "PUBLICITY": "Publicity", "PUBLISHED": "Published"},
	"PeriodAction": {"REPORT_PROGRESS": "Report progress", "ENTER_SCORES": "Enter scores", "VERIFY_SCORES": "Verify scores",
		"IMPORT_SOURCES": "Import public opinion and third-party data", "SEE_OWN_RESULTS": "See own unit's results",
		"MOVE_PERIOD": "Move the period to another stage"},
	"DeadlineState": {"COMPLETED": "Completed", "STAGED_RESULTS": "Interim results", "NOTABLE_RESULTS": "Notable results",
		"ONGOING": "Ongoing"},
	"ProgressState": {"NOT_STARTED": "Not started", "IN_PROGRESS": "In progress", "STAGED_RESULTS": "Interim results",
		"NOTABLE_RESULTS": "Notable results", "COMPLETED": "Completed"},
	"ScoreStatus":     {"DRAFT": "Draft", "SUBMITTED": "Submitted", "VERIFIED": "Verified", "RETURNED": "Returned"},
	"VerifyAction":    {"ACCEPT": "Accept", "ADJUST": "Adjust score", "RETURN": "Return to lead unit"},
	ScoreChangeAction: {"SAVE": "Saved", "SUBMIT": "Submitted", "IMPORT": "Imported from template", "ACCEPT": "Verified", "ADJUST": "Score adjusted", "RETURN": "Returned"},
	"VisitStatus": {"PLANNED": "To visit", "SUBMITTED": "Submitted for review", "ACCEPTED": "Accepted", "RETURNED": "Returned",
		"CANCELLED": "Cancelled"},
	"AggregateMeasure": {"FINDING_COUNT": "Field-visit findings", "FINDING_SHORTFALL_COUNT": "Findings not done", "OVERDUE_COUNT": "Overdue tasks", "SCORE_SUM": "Total score", "SCORE_MEAN": "Mean score", "SCORE_MIN": "Lowest score", "SCORE_MAX": "Highest score",
		"SCORE_STDDEV": "Score standard deviation", "POINTS_SUM": "Total points", "RATE": "Score rate", "RATE_MEAN": "Mean score rate",
		"RATE_MIN": "Lowest score rate", "RATE_MAX": "Highest score rate", "RATE_STDDEV": "Score rate standard deviation",
		"SCORE_COUNT": "Number of scores", "EVALUATEE_COUNT": "Number of evaluatees", "FULL_MARKS_SHARE": "Share at full marks",
		"BELOW_HALF_SHARE": "Share below half marks", "ADJUSTED_SHARE": "Share adjusted by the task force",
		"ADJUSTMENT_MEAN": "Mean adjustment", "RETURNED_SHARE": "Share returned"},
	"AggregateGrouping": {"PLAN_YEAR": "Year", "PERIOD": "Period", "RANKING_GROUP": "Ranking group", "EVALUATEE": "Evaluatee",
		"DIMENSION": "Dimension", "INDICATOR": "Indicator", "TASK": "Task", "LEAD_UNIT": "Lead unit", "SCORE_STATE": "Score status",
		"DATA_SOURCE": "Data source"},
	"ViewChart":       {"BAR": "Bar chart", "LINE": "Line chart", "HEATMAP": "Heat map", "RADAR": "Radar chart"},
	"ObjectionStatus": {"OPEN": "Awaiting answer", "UPHELD": "Upheld", "REJECTED": "Rejected"},
	"ConsistencyRule": {"HIGH_WITHOUT_PROGRESS": "High score without progress", "LOW_DESPITE_COMPLETION": "Low score though reported completed",
		"FIELD_VISIT_DISAGREES": "Disagrees with the field visit", "FULL_MARKS_PAST_DEADLINE": "Full marks though overdue",
		"LEAD_UNITS_DISAGREE": "Lead units' scores far apart", "SELF_ABOVE_MEDIAN": "Own score above the others' median"},
	"Judgement":         {"DONE": "Done", "PARTIAL": "Partly done", "NOT_DONE": "Not done", "NA": "Not applicable"},
	"VisitReviewAction": {"ACCEPT": "Accept", "RETURN": "Return to inspector"},
	"SyncOutcome":       {"APPLIED": "Saved", "DUPLICATE": "Saved earlier", "CONFLICT": "Conflict", "REFUSED": "Refused"},
	SessionPending: {"PASSWORD_CHANGE": "Change the initial password", "PASSWORD_EXPIRED": "Replace the expired password",
		"TOTP_ENROLLMENT": "Set up one-time codes"},
	"Locale": {"ZH_CN": "Chinese", "EN": "English"},
	"NotificationKind": {"SCORE_RETURNED": "Score returned", "OBJECTION_ANSWERED": "Objection answered", "VISIT_RETURNED": "Field visit returned",
		"ENTRY_CLOSING": "Reporting closes soon", "PUBLICITY_ENDING": "Publicity ends soon"},
}

var (
	all   []Label
	index = map[[2]string]string{}
)

// English is the English word for value of enum, falling back like Of (to
// the value itself), for sentences the server writes in both languages.
func English(enum, value string) string {
	if l := english[enum][value]; l != "" {
		return l
	}
	return value
}

func init() {
	for _, e := range catalogue {
		for _, v := range e.values {
			all = append(all, Label{Enum: e.enum, Value: v[0], Label: v[1], English: english[e.enum][v[0]]})
			index[[2]string{e.enum, v[0]}] = v[1]
		}
	}
}

// All is the catalogue, each enum's values in display order. The slice is
// shared: callers must not change it.
func All() []Label { return all }

// Of is the zh-CN word for value of enum; the value itself when the catalogue has
// none, so a forgotten label shows as a code rather than as nothing (the
// schema test keeps every GraphQL enum value labelled).
func Of(enum, value string) string {
	if l, ok := index[[2]string{enum, value}]; ok {
		return l
	}
	return value
}
