package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/kaoping/kaoping/migrations"
	"github.com/kaoping/kaoping/server/importer"
	"github.com/kaoping/kaoping/server/plans"
	"github.com/kaoping/kaoping/server/store"
)

// importPlan is `server import-plan`. Lead units are matched against the
// database's unit catalogue when the database is reachable; --json then only
// reads. Without a reachable database --json still parses, and every lead
// unit is listed as new (the note on stderr says why).
func importPlan(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import-plan", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the parsed plan and its problems as JSON; write nothing")
	name := fs.String("name", "", "plan name (default: the document's title)")
	year := fs.Int("year", time.Now().Year(), "plan year")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("usage: server import-plan [--json] [--name N] [--year Y] FILE")
	}
	data, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return fmt.Errorf("read %s: %w", fs.Arg(0), err)
	}

	st, openErr := store.Open(ctx, cfg.DatabaseURL, store.Options{StatementTimeout: cfg.StatementTimeout})
	if openErr != nil && !*asJSON {
		return openErr
	}
	var catalogue []importer.Unit
	if openErr == nil {
		defer st.Close()
		if pending, err := migrations.Pending(ctx, st.SQL()); err == nil && len(pending) == 0 {
			units, err := store.ListUnits(ctx, st.DB)
			if err != nil {
				return err
			}
			catalogue = store.CatalogueOf(units)
		} else if *asJSON {
			fmt.Fprintln(stderr, "note: database not migrated; lead units are not matched against a unit catalogue")
		}
	} else {
		fmt.Fprintf(stderr, "note: database unreachable (%v); lead units are not matched against a unit catalogue\n", openErr)
	}
	doc := importer.Parse(data, importer.Options{Units: catalogue})

	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(doc)
	}
	if _, err := migrations.Apply(ctx, st.SQL()); err != nil {
		return err
	}
	planName := *name
	if planName == "" {
		planName = doc.Title
	}
	var plan *store.Plan
	var created []store.Unit
	err = st.InTx(ctx, func(ctx context.Context, tx store.Tx) error {
		var err error
		// The command line acts as the machine's operator: no identity.
		plan, created, err = plans.Import(ctx, tx, nil, planName, *year, doc)
		return err
	})
	if err != nil {
		return err
	}
	for _, p := range doc.Problems {
		fmt.Fprintf(stderr, "line %d: %s %s: %s\n", p.Line, p.Severity, p.Code, p.Message)
	}
	fmt.Fprintf(stdout, "imported plan %d %q: %d dimension(s), %d new unit(s), %d problem(s)\n",
		plan.ID, plan.Name, len(doc.Dimensions), len(created), len(doc.Problems))
	return nil
}
