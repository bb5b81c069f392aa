package mail

import (
	"strings"
	"testing"
	"time"
)

func TestCheckNamesTheVariable(t *testing.T) {
	ok := Config{Addr: "smtp.example.gov.cn:587", From: "kaoping@example.gov.cn", Security: StartTLS}
	for _, tc := range []struct {
		name string
		edit func(*Config)
		want string // in the error; "" for none
	}{
		{"off", func(c *Config) { *c = Config{} }, ""},
		{"complete", func(c *Config) {}, ""},
		{"no port", func(c *Config) { c.Addr = "smtp.example.gov.cn" }, "KAOPING_SMTP_ADDR"},
		{"no sender", func(c *Config) { c.From = "" }, "KAOPING_SMTP_FROM"},
		{"unknown security", func(c *Config) { c.Security = "ssl" }, "KAOPING_SMTP_SECURITY"},
		{"user without password", func(c *Config) { c.Username = "kaoping" }, "KAOPING_SMTP_PASSWORD"},
	} {
		c := ok
		tc.edit(&c)
		err := c.Check()
		if (err == nil) != (tc.want == "") || (err != nil && !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("%s: Check() = %v, want an error naming %q", tc.name, err, tc.want)
		}
	}
}

func TestComposeEncodesChineseAndKeepsLinesShort(t *testing.T) {
	body := strings.Repeat("分值被专班退回。", 40)
	raw := string(compose("kaoping@example.gov.cn", Message{To: "zhang@example.gov.cn", Subject: "【考评】通知", Body: body}, time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)))
	if !strings.Contains(raw, "Subject: =?utf-8?q?") || !strings.Contains(raw, "Date: Wed, 02 Dec 2026 09:00:00 +0000") {
		t.Errorf("headers: %s", raw[:strings.Index(raw, "\r\n\r\n")])
	}
	for _, line := range strings.Split(raw, "\r\n") {
		if len(line) > 78 {
			t.Fatalf("line of %d characters: %q", len(line), line)
		}
	}
}
