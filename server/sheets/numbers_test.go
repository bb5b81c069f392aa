package sheets

import (
	"strings"
	"testing"
)

func TestParseAmount(t *testing.T) {
	t.Parallel()
	cases := []struct {
		raw  string
		want string // decimal, or "blank", "nan", "precise"
	}{
		{"0.35", "0.35"},
		{"0.35000000000000003", "0.35"}, // float artefact
		{"0.34999999999999998", "0.35"},
		{"30.000000000000004", "30"},
		{"1.2300000000000002", "1.23"},
		{"3.5E-1", "0.35"},
		{" 7 ", "7"},
		{"１２．５", "12.5"}, // full-width
		{"2.50", "2.5"},
		{"0.351", "precise"},
		{"0.3500000001", "precise"}, // typed, not an artefact
		{"0.35000000000001", "precise"},
		{"", "blank"},
		{"   ", "blank"},
		{"abc", "nan"},
		{"NaN", "nan"},
		{"1,5", "nan"},
		{"#VALUE!", "nan"},
	}
	for _, c := range cases {
		d, ne := parseAmount(c.raw)
		var got string
		switch ne {
		case numOK:
			got = d.String()
		case numBlank:
			got = "blank"
		case numNotNumber:
			got = "nan"
		case numTooPrecise:
			got = "precise"
		}
		if got != c.want {
			t.Errorf("parseAmount(%q) = %s, want %s", c.raw, got, c.want)
		}
	}
}

func TestParseKey(t *testing.T) {
	t.Parallel()
	cases := []struct {
		raw string
		min int64
		ok  bool
		v   int64
	}{
		{"12", 1, true, 12},
		{"12.0", 1, true, 12},
		{"9007199254740993", 1, true, 9007199254740993},
		{"1.5", 1, false, 0},
		{"0", 1, false, 0},
		{"0", 0, true, 0},
		{"-3", 0, false, 0},
		{"99999999999999999999", 1, false, 0},
		{"", 1, false, 0},
		{"12%", 1, false, 0},
	}
	for _, c := range cases {
		v, ok := parseKey(c.raw, c.min)
		if ok != c.ok || v != c.v {
			t.Errorf("parseKey(%q, %d) = %d, %v", c.raw, c.min, v, ok)
		}
	}
}

func TestCleanText(t *testing.T) {
	t.Parallel()
	if got := cleanText("a\x00b\x1fc\td\ne"); got != "abc\td\ne" {
		t.Errorf("control characters kept: %q", got)
	}
	long := strings.Repeat("😀", maxCellChars) // two UTF-16 units each
	got := cleanText(long)
	if utf16Len(got) > maxCellChars || !strings.HasSuffix(got, "（已截断）") {
		t.Errorf("long text: %d units", utf16Len(got))
	}
	if s := strings.Repeat("字", maxCellChars); cleanText(s) != s {
		t.Error("text at the limit was changed")
	}
}

func TestNormHeader(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"分值（0–100）": "分值", " 分 值 ": "分值", "满意度(%)": "满意度", "得分*": "得分", "考评对象\n": "考评对象",
	} {
		if got := normHeader(in); got != want {
			t.Errorf("normHeader(%q) = %q, want %q", in, got, want)
		}
	}
}
