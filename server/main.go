// Command server is the Kaoping binary: GraphQL API, SPA and the
// administrative subcommands, configured from the environment.
//
//	server [serve]                 migrate, then serve on ADDR (default :8080)
//	server migrate                 apply pending migrations
//	server demo                    load demo data into an empty database
//	server import-plan [--json] [--name N] [--year Y] FILE
//	                               import a method document (.txt or .docx);
//	                               --json prints the parsed plan and problems and writes nothing
//	server user create --username U --password P --role ROLE[,ROLE] [--unit NAME] [--name DISPLAY]
//	server user reset-password --username U --password P
//	server audit verify            check the audit log's hash chain
//	server backup FILE             pg_dump the whole database into FILE
//	server restore [--replace] FILE
//	                               pg_restore FILE into an empty database (or over this one)
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/kaoping/kaoping/migrations"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/demo"
	"github.com/kaoping/kaoping/server/mail"
	"github.com/kaoping/kaoping/server/notify"
	"github.com/kaoping/kaoping/server/store"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "kaoping:", err)
		os.Exit(1)
	}
}

// run is the whole program, so tests can start it like a user would.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := loadConfig(getenv)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	cmd := "serve"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serve(ctx, cfg, log, nil)
	case "migrate":
		return withStore(ctx, cfg, func(st *store.Store) error {
			applied, err := migrations.Apply(ctx, st.SQL())
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "applied %d migration(s)\n", len(applied))
			return nil
		})
	case "demo":
		return withStore(ctx, cfg, func(st *store.Store) error {
			if _, err := migrations.Apply(ctx, st.SQL()); err != nil {
				return err
			}
			loaded, err := demo.Load(ctx, st)
			if err != nil {
				return err
			}
			if !loaded {
				fmt.Fprintln(stdout, "database already has plans; demo data not loaded")
				return nil
			}
			fmt.Fprintln(stdout, "demo data loaded")
			return nil
		})
	case "import-plan":
		return importPlan(ctx, cfg, args, stdout, stderr)
	case "user":
		return userCommand(ctx, cfg, args, stdout, stderr)
	case "audit":
		return auditCommand(ctx, cfg, args, stdout)
	case "results":
		return resultsCommand(ctx, cfg, args, stdout)
	case "backup":
		return backupCommand(ctx, cfg, args, stdout, stderr)
	case "restore":
		return restoreCommand(ctx, cfg, args, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, "usage: server [serve|migrate|demo|import-plan [--json] [--name N] [--year Y] FILE|user create|user reset-password|audit verify|results verify|backup FILE|restore [--replace] FILE]")
		return nil
	default:
		return fmt.Errorf("unknown command %q (want serve, migrate, demo, import-plan, user, audit, results, backup or restore)", cmd)
	}
}

func withStore(ctx context.Context, cfg Config, fn func(*store.Store) error) error {
	st, err := store.Open(ctx, cfg.DatabaseURL, store.Options{StatementTimeout: cfg.StatementTimeout})
	if err != nil {
		return err
	}
	defer st.Close()
	return fn(st)
}

// serve migrates, then serves until ctx ends. ready, when not nil, receives
// the listening address (tests listen on :0).
//
// When ctx ends (SIGTERM, SIGINT) the server drains: it refuses new
// requests with a retryable 503, answers /healthz with 503 "draining" so a
// load balancer takes it out, lets requests in flight finish for up to
// cfg.DrainTimeout, then closes the listener and returns nil. Requests still
// running at the deadline are cut off and serve fails, so the exit code
// tells an orchestrator whether work was lost.
func serve(ctx context.Context, cfg Config, log *slog.Logger, ready chan<- string) error {
	return withStore(ctx, cfg, func(st *store.Store) error {
		applied, err := migrations.Apply(ctx, st.SQL())
		if err != nil {
			return err
		}
		if len(applied) > 0 {
			log.Info("migrated", "applied", applied)
		}
		ln, err := net.Listen("tcp", cfg.Addr)
		if err != nil {
			return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
		}
		state := &serverState{}
		srv := &http.Server{
			Handler:           newServer(st, auth.NewService(st, cfg.Auth), log, cfg, state),
			ReadHeaderTimeout: 10 * time.Second,
			MaxHeaderBytes:    64 << 10,
		}
		log.Info("serving", "addr", ln.Addr().String())
		if ready != nil {
			ready <- ln.Addr().String()
		}
		if cfg.ReminderInterval > 0 {
			// The reminders before windows close (server/notify): every
			// server runs the job, an advisory lock lets one work at a time.
			jobCtx, stopJob := context.WithCancel(ctx)
			defer stopJob()
			go reminderJob(st, cfg, log).Run(jobCtx)
		}
		if cfg.Mail.Enabled() {
			// E-mail copies of notifications (server/notify/email.go):
			// every server runs a mailer; locked rows keep copies single.
			mailCtx, stopMail := context.WithCancel(ctx)
			defer stopMail()
			log.Info("e-mail on", "relay", cfg.Mail.Addr, "from", cfg.Mail.From)
			go (&notify.Mailer{
				Store: st, Sender: &mail.Sender{Config: cfg.Mail}, Now: time.Now,
				BaseURL: cfg.PublicURL, Interval: cfg.MailInterval, Log: log,
			}).Run(mailCtx)
		}
		errc := make(chan error, 1)
		go func() { errc <- srv.Serve(ln) }()
		select {
		case err := <-errc:
			return err
		case <-ctx.Done():
		}
		log.Info("draining", "timeout", cfg.DrainTimeout.String())
		drainCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.DrainTimeout)
		defer cancel()
		select {
		case <-state.drain():
		case <-drainCtx.Done():
		}
		if err := srv.Shutdown(drainCtx); err != nil {
			_ = srv.Close()
			return fmt.Errorf("drain: requests still running after %s were cut off: %w", cfg.DrainTimeout, err)
		}
		log.Info("drained")
		return nil
	})
}

// reminderJob is the scheduled reminder job on cfg's clock.
func reminderJob(st *store.Store, cfg Config, log *slog.Logger) *notify.Job {
	now := cfg.Today
	if now == nil {
		now = time.Now
	}
	return &notify.Job{Store: st, Now: now, Days: cfg.ReminderDays, Interval: cfg.ReminderInterval, Log: log}
}
