// Package mail sends plain-text e-mail through an SMTP relay. It knows
// nothing of notifications: notify decides what to send, mail only how.
package mail

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/base64"
	"fmt"
	"mime"
	"net"
	"strings"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Security is how the connection to the relay is protected.
type Security string

const (
	StartTLS Security = "starttls" // plain TCP upgraded with STARTTLS (port 587), the default
	TLS      Security = "tls"      // TLS from the first byte (port 465)
	None     Security = "none"     // no encryption: a relay on the same host or network only
)

// Config is the relay: KAOPING_SMTP_ADDR (host:port; empty turns e-mail
// off), KAOPING_SMTP_FROM, KAOPING_SMTP_USERNAME, KAOPING_SMTP_PASSWORD and
// KAOPING_SMTP_SECURITY.
type Config struct {
	Addr     string
	From     string
	Username string
	Password string
	Security Security
	// Timeout bounds one delivery round: dial, greeting and every message.
	Timeout time.Duration
}

// Enabled says whether e-mail is configured.
func (c Config) Enabled() bool { return c.Addr != "" }

// Check reports a configuration that cannot work, naming the variable.
func (c Config) Check() error {
	if !c.Enabled() {
		return nil
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return fmt.Errorf("KAOPING_SMTP_ADDR=%q: want host:port", c.Addr)
	}
	if !strings.Contains(c.From, "@") {
		return fmt.Errorf("KAOPING_SMTP_FROM=%q: want the sender's address", c.From)
	}
	switch c.Security {
	case StartTLS, TLS, None:
	default:
		return fmt.Errorf("KAOPING_SMTP_SECURITY=%q: want starttls, tls or none", c.Security)
	}
	if (c.Username == "") != (c.Password == "") {
		return fmt.Errorf("KAOPING_SMTP_USERNAME and KAOPING_SMTP_PASSWORD go together")
	}
	return nil
}

// Message is one e-mail to one recipient.
type Message struct {
	To      string
	Subject string
	Body    string
}

// Sender delivers messages to the relay.
type Sender struct {
	Config Config
	Now    func() time.Time // the Date header; nil is time.Now
}

// Send delivers msgs over one connection, in order, and returns how many
// the relay accepted before the first failure: the caller records those as
// sent and tries the rest later.
func (s *Sender) Send(ctx context.Context, msgs []Message) (int, error) {
	if len(msgs) == 0 {
		return 0, nil
	}
	timeout := s.Config.Timeout
	if timeout <= 0 {
		timeout = time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	c, err := s.dial(ctx)
	if err != nil {
		return 0, err
	}
	defer c.Close()
	if s.Config.Username != "" {
		if err := c.Auth(sasl.NewPlainClient("", s.Config.Username, s.Config.Password)); err != nil {
			return 0, fmt.Errorf("smtp auth as %s: %w", s.Config.Username, err)
		}
	}
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	for i, m := range msgs {
		body := compose(s.Config.From, m, now())
		if err := c.SendMail(s.Config.From, []string{m.To}, bytes.NewReader(body)); err != nil {
			return i, fmt.Errorf("send to %s: %w", m.To, err)
		}
	}
	// Every message was accepted already; a failed QUIT loses nothing.
	_ = c.Quit()
	return len(msgs), nil
}

func (s *Sender) dial(ctx context.Context) (*smtp.Client, error) {
	host, _, _ := net.SplitHostPort(s.Config.Addr)
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", s.Config.Addr)
	if err != nil {
		return nil, fmt.Errorf("connect to smtp %s: %w", s.Config.Addr, err)
	}
	// The whole round, not each read: a relay that stalls cannot hold the
	// mailer (and its locked rows) beyond the timeout.
	if deadline, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(deadline)
	}
	tlsConfig := &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
	var c *smtp.Client
	switch s.Config.Security {
	case TLS:
		c = smtp.NewClient(tls.Client(conn, tlsConfig))
	case None:
		c = smtp.NewClient(conn)
	default:
		c, err = smtp.NewClientStartTLS(conn, tlsConfig)
	}
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("starttls with smtp %s: %w", s.Config.Addr, err)
	}
	return c, nil
}

// compose writes an RFC 5322 message: UTF-8 headers encoded per RFC 2047,
// the body in base64 so that no line length or character needs care.
func compose(from string, m Message, date time.Time) []byte {
	var b bytes.Buffer
	header := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, v) }
	header("From", from)
	header("To", m.To)
	header("Subject", mime.QEncoding.Encode("utf-8", m.Subject))
	header("Date", date.Format(time.RFC1123Z))
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "base64")
	b.WriteString("\r\n")
	enc := base64.StdEncoding.EncodeToString([]byte(m.Body))
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n")
	return b.Bytes()
}
