package apperr

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// What names a kind of object in both languages, for messages such as
// "任务 12 不存在" / "task 12 does not exist". The nouns are defined once
// here so the same object is called the same thing in every message.
// En is lower case; a message starting with it capitalises it.
type What struct{ Zh, En string }

var (
	Dimension         = What{"方面", "dimension"}
	Evaluatee         = What{"考评对象", "evaluatee"}
	Evidence          = What{"佐证材料", "evidence file"}
	FieldVisit        = What{"实地调研", "field visit"}
	File              = What{"文件", "file"}
	Finding           = What{"调研结论", "field-visit finding"}
	Indicator         = What{"指标", "indicator"}
	Objection         = What{"异议", "objection"}
	ObjectionEvidence = What{"异议材料", "objection attachment"}
	Period            = What{"考评周期", "evaluation period"}
	Photo             = What{"现场照片", "site photo"}
	Plan              = What{"考评方案", "evaluation plan"}
	ProgressReport    = What{"进展报告", "progress report"}
	Score             = What{"分值", "score"}
	Signature         = What{"签名", "signature"}
	Task              = What{"任务", "task"}
	Unit              = What{"单位", "unit"}
	User              = What{"用户", "user"}
	View              = What{"视图", "view"}
)

// Words lists every noun above, for the test that each has both languages.
var Words = []What{Dimension, Evaluatee, Evidence, FieldVisit, File, Finding, Indicator, Objection,
	ObjectionEvidence, Period, Photo, Plan, ProgressReport, Score, Signature, Task, Unit, User, View}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + strings.TrimPrefix(s, s[:n])
}
