package importer

import (
	"regexp"
	"unicode"
	"unicode/utf8"
)

// span is a piece of document text kept twice, rune for rune: norm folds
// full-width punctuation, digits and spaces to ASCII, so that one set of
// patterns reads both spellings; orig is the text as written, which is what
// names, task texts and deadline phrases report. Because the folding maps one
// rune to one rune, a position in norm is the same position in orig.
type span struct {
	norm []rune
	orig []rune
}

func newSpan(s string) span {
	orig := []rune(s)
	norm := make([]rune, len(orig))
	for i, r := range orig {
		norm[i] = fold(r)
	}
	return span{norm: norm, orig: orig}
}

// fold maps the full-width forms Chinese documents mix freely with ASCII.
func fold(r rune) rune {
	switch {
	case r >= '０' && r <= '９':
		return r - '０' + '0'
	case r == '（':
		return '('
	case r == '）':
		return ')'
	case r == '，':
		return ','
	case r == '：':
		return ':'
	case r == '；':
		return ';'
	case r == '．':
		return '.'
	case isBlank(r):
		return ' '
	}
	return r
}

// isBlank is whitespace, plus the invisible characters Word and web pages
// leave in text.
func isBlank(r rune) bool {
	return unicode.IsSpace(r) || r == '\uFEFF' || r == '\u200B'
}

func (s span) String() string { return string(s.norm) }

// text is the span as written.
func (s span) text() string { return string(s.orig) }

func (s span) len() int { return len(s.norm) }

func (s span) empty() bool { return len(s.norm) == 0 }

func (s span) slice(i, j int) span { return span{norm: s.norm[i:j], orig: s.orig[i:j]} }

func (s span) last() rune {
	if s.empty() {
		return 0
	}
	return s.norm[len(s.norm)-1]
}

// trimFunc trims runes of the folded text for which cut is true.
func (s span) trimFunc(cut func(rune) bool) span {
	i, j := 0, len(s.norm)
	for i < j && cut(s.norm[i]) {
		i++
	}
	for j > i && cut(s.norm[j-1]) {
		j--
	}
	return s.slice(i, j)
}

func (s span) trim() span { return s.trimFunc(isBlank) }

// join returns s followed by t, in fresh storage so that neither is aliased.
func (s span) join(t span) span {
	n := span{norm: make([]rune, 0, s.len()+t.len()), orig: make([]rune, 0, s.len()+t.len())}
	n.norm = append(append(n.norm, s.norm...), t.norm...)
	n.orig = append(append(n.orig, s.orig...), t.orig...)
	return n
}

// find matches re against the folded text and returns the submatch
// positions as rune offsets (-1 for a group that did not take part).
func (s span) find(re *regexp.Regexp) []int {
	str := string(s.norm)
	loc := re.FindStringSubmatchIndex(str)
	for i, b := range loc {
		if b > 0 {
			loc[i] = utf8.RuneCountInString(str[:b])
		}
	}
	return loc
}

// group is the folded text of submatch g of a find result.
func (s span) group(loc []int, g int) string {
	if loc[2*g] < 0 {
		return ""
	}
	return string(s.norm[loc[2*g]:loc[2*g+1]])
}

// excerpt shortens a text for a message, so that a long task does not
// drown the message in it.
func excerpt(s string) string {
	const max = 30
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max]) + "…"
}
