package main

import (
	"fmt"
	"time"

	"github.com/kaoping/kaoping/server/auth"
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
	} {
		if v := getenv(key); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil || d < 0 || (d == 0 && key != "KAOPING_PASSWORD_MAX_AGE") {
				return cfg, fmt.Errorf("%s=%q: want a positive duration such as 30m", key, v)
			}
			*dst = d
		}
	}
	return cfg, nil
}
