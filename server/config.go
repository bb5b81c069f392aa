package main

import (
	"fmt"
	"strconv"
	"time"

	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/mail"
	"github.com/kaoping/kaoping/server/notify"
)

// Config is read from the environment once, at start.
type Config struct {
	DatabaseURL      string        // DATABASE_URL
	Addr             string        // ADDR, default :8080
	StatementTimeout time.Duration // KAOPING_STATEMENT_TIMEOUT, default 30s
	RequestTimeout   time.Duration // KAOPING_REQUEST_TIMEOUT, default 60s
	DrainTimeout     time.Duration // KAOPING_DRAIN_TIMEOUT, default 25s: how long SIGTERM waits for requests in flight
	Auth             auth.Config   // KAOPING_SESSION_IDLE, KAOPING_SESSION_MAX, KAOPING_PASSWORD_MAX_AGE
	// KAOPING_BENCH_STATEMENTS=1: every GraphQL answer says in the
	// X-Kaoping-Statements header how many SQL statements it ran (make
	// bench reads it). Off in production: it tells a client about the
	// server's internals.
	BenchStatements bool
	// Today is the clock the 督办 board judges deadlines by; nil is the
	// real one. Tests inject a date without moving the sessions' clock.
	Today func() time.Time
	// KAOPING_REMINDER_DAYS, default 3: reminders start this many days
	// before a window's last day (0: only on the last day).
	ReminderDays int
	// KAOPING_REMINDER_INTERVAL, default 15m: how often each server tries
	// a reminder round (one at a time across servers); 0 (tests) never.
	ReminderInterval time.Duration
	// Mail is the SMTP relay notifications are copied through
	// (KAOPING_SMTP_ADDR and friends, see server/mail); off when the
	// address is empty. KAOPING_SMTP_INTERVAL, default 1m: how often each
	// server sends what is due. KAOPING_PUBLIC_URL makes the e-mails'
	// links absolute, e.g. https://kaoping.example.gov.cn.
	Mail         mail.Config
	MailInterval time.Duration
	PublicURL    string
}

const defaultDatabaseURL = "postgres://postgres@127.0.0.1:5432/kaoping?sslmode=disable"

func loadConfig(getenv func(string) string) (Config, error) {
	cfg := Config{
		DatabaseURL:      getenv("DATABASE_URL"),
		Addr:             getenv("ADDR"),
		StatementTimeout: 30 * time.Second,
		RequestTimeout:   60 * time.Second,
		DrainTimeout:     25 * time.Second,
		Auth:             auth.DefaultConfig(),
		ReminderDays:     notify.DefaultReminderDays,
		ReminderInterval: 15 * time.Minute,
		Mail: mail.Config{
			Addr:     getenv("KAOPING_SMTP_ADDR"),
			From:     getenv("KAOPING_SMTP_FROM"),
			Username: getenv("KAOPING_SMTP_USERNAME"),
			Password: getenv("KAOPING_SMTP_PASSWORD"),
			Security: mail.Security(getenv("KAOPING_SMTP_SECURITY")),
		},
		MailInterval: time.Minute,
		PublicURL:    getenv("KAOPING_PUBLIC_URL"),
	}
	if cfg.Mail.Security == "" {
		cfg.Mail.Security = mail.StartTLS
	}
	if err := cfg.Mail.Check(); err != nil {
		return cfg, err
	}
	if v := getenv("KAOPING_REMINDER_DAYS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 60 {
			return cfg, fmt.Errorf("KAOPING_REMINDER_DAYS=%q: want a number of days from 0 to 60", v)
		}
		cfg.ReminderDays = n
	}
	switch v := getenv("KAOPING_BENCH_STATEMENTS"); v {
	case "", "0":
	case "1":
		cfg.BenchStatements = true
	default:
		return cfg, fmt.Errorf("KAOPING_BENCH_STATEMENTS=%q: want 1 or nothing", v)
	}
	if cfg.DatabaseURL == "" {
		cfg.DatabaseURL = defaultDatabaseURL
	}
	if cfg.Addr == "" {
		cfg.Addr = ":8080"
	}
	for key, dst := range map[string]*time.Duration{
		"KAOPING_STATEMENT_TIMEOUT": &cfg.StatementTimeout,
		"KAOPING_REQUEST_TIMEOUT":   &cfg.RequestTimeout,
		"KAOPING_DRAIN_TIMEOUT":     &cfg.DrainTimeout,
		"KAOPING_SESSION_IDLE":      &cfg.Auth.IdleTimeout,
		"KAOPING_SESSION_MAX":       &cfg.Auth.AbsoluteLifetime,
		"KAOPING_PASSWORD_MAX_AGE":  &cfg.Auth.PasswordMaxAge,
		"KAOPING_REMINDER_INTERVAL": &cfg.ReminderInterval,
		"KAOPING_SMTP_INTERVAL":     &cfg.MailInterval,
	} {
		if v := getenv(key); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil || d < 0 || (d == 0 && key != "KAOPING_PASSWORD_MAX_AGE" && key != "KAOPING_REMINDER_INTERVAL") {
				return cfg, fmt.Errorf("%s=%q: want a positive duration such as 30m", key, v)
			}
			*dst = d
		}
	}
	return cfg, nil
}
