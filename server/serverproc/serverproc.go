// Package serverproc runs the real kaoping binary as a child process on a
// free loopback port, for the commands that measure or break it from the
// outside (server/soak, server/bench): start it, wait until /healthz says
// it is ready, kill it as a crash would, start it again, stop it as an
// orchestrator would, and keep its log when something went wrong.
package serverproc

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"sync"
	"time"

	"github.com/kaoping/kaoping/server/load"
)

// Server is one kaoping serve process, restartable.
type Server struct {
	binary   string
	env      []string
	mu       sync.Mutex
	cmd      *exec.Cmd
	url      string
	logs     *os.File
	logNames []string
	exited   chan struct{}
}

var servingAddr = regexp.MustCompile(`msg=serving addr=(\S+)`)

// Start runs `binary serve` with the environment of this process plus env
// (KEY=value) on a free loopback port and waits until it is healthy.
func Start(ctx context.Context, binary string, env ...string) (*Server, error) {
	s := &Server{binary: binary, env: env}
	return s, s.Restart(ctx)
}

// URL is where the server listens now (it changes with each start).
func (s *Server) URL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.url
}

// Restart starts the process again (after Kill9), on a new port.
func (s *Server) Restart(ctx context.Context) error {
	logs, err := os.CreateTemp("", "kaoping-serve-*.log")
	if err != nil {
		return err
	}
	cmd := exec.Command(s.binary, "serve")
	cmd.Env = append(append(os.Environ(), s.env...), "ADDR=127.0.0.1:0")
	pr, pw := io.Pipe()
	cmd.Stderr = io.MultiWriter(logs, pw)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start %s: %w", s.binary, err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); pw.Close(); close(exited) }()
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			if m := servingAddr.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case addr <- m[1]:
				default:
				}
			}
		}
		_, _ = io.Copy(io.Discard, pr)
	}()
	select {
	case a := <-addr:
		s.mu.Lock()
		s.cmd, s.url, s.logs, s.exited = cmd, "http://"+a, logs, exited
		s.logNames = append(s.logNames, logs.Name())
		s.mu.Unlock()
	case <-exited:
		return fmt.Errorf("server exited at start; log in %s", logs.Name())
	case <-time.After(2 * time.Minute):
		_ = cmd.Process.Kill()
		return errors.New("server did not start within 2 minutes")
	case <-ctx.Done():
		_ = cmd.Process.Kill()
		return ctx.Err()
	}
	// Ready once /healthz says so (it checks the database and migrations).
	// The process gives no other signal of readiness, so this polls.
	cl := load.NewClient(s.URL())
	deadline := time.Now().Add(time.Minute)
	for {
		if _, err := cl.Get(ctx, "/healthz"); err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return errors.New("server not healthy within a minute")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// KeepLogs removes the server's logs, or when keep names them for a look.
func (s *Server) KeepLogs(keep bool) {
	for _, name := range s.logNames {
		if keep {
			fmt.Println("server log", name)
		} else {
			os.Remove(name)
		}
	}
}

// PID is the process id of the running server.
func (s *Server) PID() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cmd.Process.Pid
}

// Kill9 ends the server as a crash would and waits for it to be gone.
func (s *Server) Kill9() {
	s.mu.Lock()
	cmd, exited := s.cmd, s.exited
	s.mu.Unlock()
	_ = cmd.Process.Kill()
	<-exited
}

// Stop ends the server as an orchestrator would (SIGTERM, then drain).
func (s *Server) Stop() {
	s.mu.Lock()
	cmd, exited, logs := s.cmd, s.exited, s.logs
	s.mu.Unlock()
	if cmd == nil {
		return
	}
	_ = cmd.Process.Signal(os.Interrupt)
	select {
	case <-exited:
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		<-exited
	}
	logs.Close()
}
