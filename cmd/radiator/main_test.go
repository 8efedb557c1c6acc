package main

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestParseConfig(t *testing.T) {
	tests := []struct {
		name    string
		cmd     string
		args    []string
		env     map[string]string
		check   func(t *testing.T, c config)
		wantErr string
	}{
		{name: "defaults", cmd: "serve", check: func(t *testing.T, c config) {
			if c.Addr != "127.0.0.1:8080" || c.Data != "./radiator-data" || c.DB != filepath.Join("radiator-data", "radiator.db") || c.LogLevel != slog.LevelInfo {
				t.Errorf("defaults = %+v", c)
			}
		}},
		{name: "demo data folder", cmd: "demo", check: func(t *testing.T, c config) {
			if c.Data != "./radiator-demo" {
				t.Errorf("demo data = %q, want ./radiator-demo", c.Data)
			}
		}},
		{name: "environment", cmd: "serve", env: map[string]string{"RADIATOR_ADDR": ":9000", "RADIATOR_DB": "postgres://x/y", "RADIATOR_LOG_LEVEL": "debug"}, check: func(t *testing.T, c config) {
			if c.Addr != ":9000" || c.DB != "postgres://x/y" || c.LogLevel != slog.LevelDebug || !isPostgres(c.DB) {
				t.Errorf("from environment = %+v", c)
			}
		}},
		{name: "flag beats environment", cmd: "serve", args: []string{"--addr", "127.0.0.1:9001"}, env: map[string]string{"RADIATOR_ADDR": ":9000"}, check: func(t *testing.T, c config) {
			if c.Addr != "127.0.0.1:9001" {
				t.Errorf("addr = %q, want the flag's", c.Addr)
			}
		}},
		{name: "data folder moves the database", cmd: "serve", args: []string{"--data", "/srv/rad"}, check: func(t *testing.T, c config) {
			if c.DB != "/srv/rad/radiator.db" {
				t.Errorf("db = %q", c.DB)
			}
		}},
		{name: "bad log level", cmd: "serve", args: []string{"--log-level", "loud"}, wantErr: "--log-level"},
		{name: "bad address", cmd: "serve", args: []string{"--addr", "8080"}, wantErr: "--addr"},
		{name: "bad teams", cmd: "demo", args: []string{"--teams", "many"}, wantErr: "--teams"},
		{name: "too few teams", cmd: "demo", args: []string{"--teams", "2"}, wantErr: "--teams"},
		{name: "bad seed", cmd: "demo", env: map[string]string{"RADIATOR_SEED": "x"}, wantErr: "--seed"},
		{name: "stray argument", cmd: "serve", args: []string{"now"}, wantErr: "unexpected argument"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := parseConfig(tt.cmd, tt.args, env(tt.env), io.Discard)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("parseConfig error = %v, want one mentioning %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, c)
		})
	}
}

// TestServeLifecycle starts "radiator serve" on a fresh data folder, waits
// for the URL it prints, checks it answers, and stops it with the context
// as SIGINT would.
func TestServeLifecycle(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--data", dir, "--log-level", "warn"}, env(nil), strings.NewReader(""), pw, io.Discard)
		pw.Close()
	}()
	lines := bufio.NewScanner(pr)
	var url string
	for lines.Scan() {
		if u, ok := strings.CutPrefix(lines.Text(), "Radiator is running at "); ok {
			url = u
			break
		}
	}
	go func() {
		for lines.Scan() {
		}
	}()
	if url == "" {
		t.Fatalf("serve printed no URL; run returned %v", <-done)
	}
	for path, want := range map[string]int{"healthz": 200, "readyz": 200, "api/v1/teams": 401} {
		resp, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("GET /%s = %d, want %d", path, resp.StatusCode, want)
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve stopped with %v, want a clean shutdown", err)
		}
	case <-time.After(35 * time.Second):
		t.Fatal("serve did not stop after its context was cancelled")
	}
}

func TestUserAdd(t *testing.T) {
	dir := t.TempDir()
	var out strings.Builder
	args := []string{"add", "--data", dir, "--email", "Grace@Example.com", "--name", "Grace Hopper", "--admin"}
	err := run(context.Background(), append([]string{"user"}, args...), env(map[string]string{"RADIATOR_PASSWORD": "a long enough password"}), strings.NewReader(""), &out, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "grace@example.com") {
		t.Errorf("output %q does not name the new person", out.String())
	}
	err = run(context.Background(), append([]string{"user"}, args...), env(map[string]string{"RADIATOR_PASSWORD": "a long enough password"}), strings.NewReader(""), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "conflict") {
		t.Errorf("adding the same e-mail twice: %v, want a conflict", err)
	}
	err = run(context.Background(), []string{"user", "add", "--data", dir, "--email", "x@example.com", "--name", "X"}, env(nil), strings.NewReader("short\n"), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "at least") {
		t.Errorf("short password: %v, want refused", err)
	}
}
