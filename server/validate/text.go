package validate

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kaoping/kaoping/server/apperr"
)

// TextProblem is the first character of a text input that breaks the text
// rule (CheckText). It is an error so that the GraphQL decoder can return
// it; the edge names the field with Field.
type TextProblem struct {
	Pos     int  // 1-based character position
	Rune    rune // the control character
	BadUTF8 bool // the text is not valid UTF-8 (Pos and Rune unset)
}

func (p *TextProblem) Error() string {
	if p.BadUTF8 {
		return "text is not valid UTF-8"
	}
	return fmt.Sprintf("text contains a control character (U+%04X) at position %d", p.Rune, p.Pos)
}

// CheckText checks one text input wherever it comes from: valid UTF-8
// without control characters other than tab, line feed and carriage
// return. PostgreSQL cannot store NUL in text (the statement fails), and
// other control characters are invisible in every page and export that
// shows the text, so they are refused up front. It returns nil when s is
// fine.
func CheckText(s string) *TextProblem {
	if !utf8.ValidString(s) {
		return &TextProblem{BadUTF8: true}
	}
	pos := 0
	for _, r := range s {
		pos++
		if unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' {
			return &TextProblem{Pos: pos, Rune: r}
		}
	}
	return nil
}

// Field is the INVALID error about field (a path such as
// "input.displayName" or "input.entries[2].comment").
func (p *TextProblem) Field(field string) *apperr.Error {
	label := labelOf(field)
	if p.BadUTF8 {
		return apperr.Field(field, "text", label+"不是有效的 UTF-8 文本", field+" is not valid UTF-8 text")
	}
	return apperr.Field(field, "text",
		fmt.Sprintf("%s第%d个字符是不可见的控制字符(U+%04X),请删除后重试", label, p.Pos, p.Rune),
		fmt.Sprintf("%s contains a control character (U+%04X) at position %d", field, p.Rune, p.Pos))
}

// Text is CheckText as an error naming field.
func Text(field, s string) error {
	if p := CheckText(s); p != nil {
		return p.Field(field)
	}
	return nil
}

// labelOf names a field path by its last part's Chinese label, e.g.
// "input.entries[2].comment" → "说明".
func labelOf(field string) string {
	last := field
	if i := strings.LastIndex(last, "."); i >= 0 {
		last = last[i+1:]
	}
	if i := strings.Index(last, "["); i >= 0 {
		last = last[:i]
	}
	if l, ok := labels[last]; ok {
		return l
	}
	return "「" + field + "」"
}
