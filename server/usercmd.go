package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/kaoping/kaoping/migrations"
	"github.com/kaoping/kaoping/server/accounts"
	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/audit"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/store"
)

// userCommand is `server user create|reset-password`: the first account of a
// new installation, and accounts for scripts. Each change is audited as
// done by the command line.
func userCommand(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("usage: server user create|reset-password …")
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("user "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	username := fs.String("username", "", "login name")
	password := fs.String("password", "", "password (the user must change it at first login)")
	var roles, unit, display string
	if sub == "create" {
		fs.StringVar(&roles, "role", "", "role, or several separated by commas: "+roleList())
		fs.StringVar(&unit, "unit", "", "unit name (optional)")
		fs.StringVar(&display, "name", "", "display name (default: the username)")
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *username == "" || *password == "" {
		return fmt.Errorf("--username and --password are required")
	}
	return withStore(ctx, cfg, func(st *store.Store) error {
		if _, err := migrations.Apply(ctx, st.SQL()); err != nil {
			return err
		}
		svc := auth.NewService(st, cfg.Auth)
		ctx, changes := audit.WithChanges(ctx)
		var op string
		err := st.InTx(ctx, func(ctx context.Context, tx store.Tx) error {
			switch sub {
			case "create":
				op = "cli:user create"
				return createUser(ctx, tx, *username, *password, roles, unit, display)
			case "reset-password":
				op = "cli:user reset-password"
				u, err := store.FindUserByUsername(ctx, tx, *username)
				if err != nil {
					return err
				}
				if u == nil {
					return fmt.Errorf("no user %q", *username)
				}
				audit.Note(ctx, "users", u.ID, nil, map[string]string{"password": "(命令行重置,须在下次登录时修改)"})
				return svc.SetPasswordByAdmin(ctx, tx, u, *password, "--password")
			default:
				return fmt.Errorf("unknown command user %s (want create or reset-password)", sub)
			}
		})
		rec := &audit.Record{At: time.Now(), Username: "(命令行)", Operation: op, Outcome: audit.OK}
		if err != nil {
			d := err.Error()
			rec.Outcome, rec.Detail = audit.Failed, &d
		} else if aerr := rec.Apply(changes.List()); aerr != nil {
			return aerr
		}
		if op != "" {
			if werr := audit.Write(ctx, st.DB, rec); werr != nil {
				return werr
			}
		}
		if e, ok := apperr.As(err); ok {
			return fmt.Errorf("%s", e.Message)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "user %s: %s done\n", *username, sub)
		return nil
	})
}

func createUser(ctx context.Context, tx store.DB, username, password, roles, unitName, display string) error {
	in := accounts.New{Username: username, Password: password, DisplayName: display, RolesField: "--role", PasswordField: "--password"}
	for _, r := range strings.Split(roles, ",") {
		role := auth.Role(strings.TrimSpace(strings.ToUpper(r)))
		if !role.Valid() {
			return fmt.Errorf("unknown role %q (want %s)", r, roleList())
		}
		in.Roles = append(in.Roles, role)
	}
	if unitName != "" {
		units, err := store.ListUnits(ctx, tx)
		if err != nil {
			return err
		}
		for _, x := range units {
			if x.Name == unitName {
				in.UnitID = &x.ID
			}
		}
		if in.UnitID == nil {
			return fmt.Errorf("no unit named %q", unitName)
		}
	}
	// The command line acts as the machine's operator: no identity.
	_, err := accounts.Create(ctx, tx, nil, in)
	return err
}

func roleList() string {
	names := make([]string, len(auth.AllRoles))
	for i, r := range auth.AllRoles {
		names[i] = string(r)
	}
	return strings.Join(names, ", ")
}

// auditCommand is `server audit verify`: recompute the hash chain and name
// every record that was edited or whose predecessor was removed.
func auditCommand(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	if len(args) != 1 || args[0] != "verify" {
		return fmt.Errorf("usage: server audit verify")
	}
	return withStore(ctx, cfg, func(st *store.Store) error {
		checked, broken, err := audit.Verify(ctx, st.DB)
		if err != nil {
			return err
		}
		for _, b := range broken {
			fmt.Fprintf(stdout, "record %d: %s\n", b.ID, b.Reason)
		}
		if len(broken) > 0 {
			return fmt.Errorf("audit log chain broken at %d place(s) among %d records", len(broken), checked)
		}
		fmt.Fprintf(stdout, "audit log intact: %d records verified\n", checked)
		return nil
	})
}
