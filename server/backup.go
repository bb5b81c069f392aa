package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/kaoping/kaoping/server/store"
)

// Backups are PostgreSQL's own: pg_dump's custom format of the whole
// database (evidence files are rows too), restored by pg_restore in one
// transaction, so a restore either yields the complete copy or changes
// nothing. The binary only finds the tools and refuses the mistakes that
// lose data: a half-written backup file, a restore over a live database.

// backupCommand is `kaoping backup FILE`.
func backupCommand(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	if len(args) != 1 || strings.HasPrefix(args[0], "-") {
		return errors.New("usage: kaoping backup FILE")
	}
	file := args[0]
	pgDump, err := postgresTool("pg_dump")
	if err != nil {
		return err
	}
	// Write beside the target and rename at the end: a backup that failed
	// half-way never sits under the name of a good one.
	tmp := file + ".partial"
	cmd := exec.CommandContext(ctx, pgDump, "--format=custom", "--no-owner", "--no-privileges",
		"--file="+tmp, "--dbname="+cfg.DatabaseURL)
	cmd.Stdout, cmd.Stderr = stderr, stderr
	if err := cmd.Run(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("pg_dump: %w", err)
	}
	if err := os.Rename(tmp, file); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	info, err := os.Stat(file)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup written to %s (%d bytes)\n", file, info.Size())
	return nil
}

// restoreCommand is `kaoping restore [--replace] FILE`: into an empty
// database, or with --replace over the one DATABASE_URL names.
func restoreCommand(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	replace := false
	if len(args) == 2 && args[0] == "--replace" {
		replace, args = true, args[1:]
	}
	if len(args) != 1 || strings.HasPrefix(args[0], "-") {
		return errors.New("usage: kaoping restore [--replace] FILE")
	}
	file := args[0]
	if _, err := os.Stat(file); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	pgRestore, err := postgresTool("pg_restore")
	if err != nil {
		return err
	}
	if !replace {
		err := withStore(ctx, cfg, func(st *store.Store) error {
			tables, err := store.CountTables(ctx, st.DB)
			if err != nil {
				return fmt.Errorf("inspect target database: %w", err)
			}
			if tables > 0 {
				return fmt.Errorf("the target database has %d tables: restore into a new, empty database (CREATE DATABASE …), or pass --replace to overwrite it", tables)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	argv := []string{"--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--dbname=" + cfg.DatabaseURL}
	if replace {
		argv = append(argv, "--clean", "--if-exists")
	}
	cmd := exec.CommandContext(ctx, pgRestore, append(argv, file)...)
	cmd.Stdout, cmd.Stderr = stderr, stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("pg_restore (nothing was changed): %w", err)
	}
	fmt.Fprintf(stdout, "restored %s; check it with: kaoping audit verify\n", file)
	return nil
}

// postgresTool finds a PostgreSQL client program on PATH or, like
// scripts/lib.sh, among the newest installed server binaries (a dump needs
// a pg_dump at least as new as the server).
func postgresTool(name string) (string, error) {
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/" + name)
	slices.SortFunc(found, func(a, b string) int { return majorVersion(a) - majorVersion(b) })
	if len(found) > 0 {
		return found[len(found)-1], nil
	}
	return "", fmt.Errorf("%s not found on PATH or in /usr/lib/postgresql/*/bin: install the PostgreSQL client (Debian: postgresql-client)", name)
}

func majorVersion(path string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(path))))
	return v
}
