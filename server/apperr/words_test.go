package apperr

import (
	"strings"
	"testing"
	"unicode"
)

func hasHan(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}

// Every noun a message can name must read in both languages: Chinese in
// Zh, and English (no Chinese at all) in En.
func TestWordsHaveBothLanguages(t *testing.T) {
	seen := map[What]bool{}
	for _, w := range Words {
		if !hasHan(w.Zh) {
			t.Errorf("%+v: Zh is not Chinese", w)
		}
		if w.En == "" || hasHan(w.En) {
			t.Errorf("%+v: En is missing or not English", w)
		}
		if seen[w] {
			t.Errorf("%+v listed twice", w)
		}
		seen[w] = true
	}
}

func TestConstructorsFillBothMessages(t *testing.T) {
	for _, e := range []*Error{
		New(Invalid, "错误", "wrong"),
		Newf(Conflict, "第 %d 条", "item %d", 3),
		Field("input.x", "required", "必填", "required"),
		NotFoundf(Task, 12),
		StaleVersion(Period, 3, nil),
	} {
		if !hasHan(e.Message) || e.MessageEn == "" || hasHan(e.MessageEn) {
			t.Errorf("%v: want Chinese Message and English MessageEn, got %q / %q", e.Code, e.Message, e.MessageEn)
		}
	}
	if got := StaleVersion(Period, 3, nil).MessageEn; !strings.HasPrefix(got, "Evaluation period 3 ") {
		t.Errorf("StaleVersion English = %q", got)
	}
}
