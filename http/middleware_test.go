package http

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestHealth(t *testing.T) {
	e := newEnv(t)
	for _, path := range []string{"/healthz", "/readyz"} {
		t.Run(path, func(t *testing.T) {
			w := e.serve(httptest.NewRequest("GET", path, nil)) // no credentials
			if w.Code != http.StatusOK || strings.TrimSpace(w.Body.String()) != "ok" {
				t.Errorf("GET %s = %d %q, want 200 ok", path, w.Code, w.Body)
			}
		})
	}
	t.Run("readyz without database", func(t *testing.T) {
		e := newEnv(t)
		e.store.Close()
		w := e.serve(httptest.NewRequest("GET", "/readyz", nil))
		if w.Code != http.StatusServiceUnavailable {
			t.Errorf("GET /readyz on a closed database = %d, want 503", w.Code)
		}
		if w := e.serve(httptest.NewRequest("GET", "/healthz", nil)); w.Code != http.StatusOK {
			t.Errorf("GET /healthz on a closed database = %d, want 200: the process is alive", w.Code)
		}
	})
}

func TestSecurityHeaders(t *testing.T) {
	e := newEnv(t)
	for _, path := range []string{"/healthz", "/login", "/api/v1/me", "/static/radiator.css", "/nowhere"} {
		t.Run(path, func(t *testing.T) {
			w := e.do("GET", path, "")
			for header, want := range map[string]string{
				"Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
				"X-Content-Type-Options":  "nosniff",
				"Referrer-Policy":         "same-origin",
			} {
				if got := w.Header().Get(header); got != want {
					t.Errorf("%s = %q, want %q", header, got, want)
				}
			}
		})
	}
}

func TestRequestID(t *testing.T) {
	tests := []struct {
		name, sent string
		kept       bool
	}{
		{"none sent", "", false},
		{"proxy's kept", "edge-42.a_b", true},
		{"forged line refused", "x\ny", false},
		{"too long refused", strings.Repeat("a", 65), false},
	}
	e := newEnv(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/healthz", nil)
			if tt.sent != "" {
				r.Header.Set("X-Request-Id", tt.sent)
			}
			w := e.serve(r)
			got := w.Header().Get("X-Request-Id")
			switch {
			case tt.kept && got != tt.sent:
				t.Errorf("X-Request-Id = %q, want the one sent, %q", got, tt.sent)
			case !tt.kept && (got == tt.sent || !validRequestID(got)):
				t.Errorf("X-Request-Id = %q, want a new, valid ID", got)
			}
		})
	}
}

// logLines decodes the JSON log lines with the given message.
func logLines(t testing.TB, logs, msg string) []map[string]any {
	t.Helper()
	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(logs), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line %q: %v", l, err)
		}
		if m["msg"] == msg {
			lines = append(lines, m)
		}
	}
	return lines
}

func TestRequestLog(t *testing.T) {
	e := newEnv(t)
	e.logs.Reset()
	w := e.do("GET", "/api/v1/me", "")
	if w.Code != http.StatusOK {
		t.Fatalf("GET /api/v1/me = %d", w.Code)
	}
	lines := logLines(t, e.logs.String(), "request")
	if len(lines) != 1 {
		t.Fatalf("logged %d request lines, want 1: %s", len(lines), e.logs)
	}
	l := lines[0]
	want := map[string]any{
		"method":     "GET",
		"path":       "/api/v1/me",
		"status":     float64(200),
		"bytes":      float64(w.Body.Len()),
		"request_id": w.Header().Get("X-Request-Id"),
		"person_id":  float64(e.admin.ID),
	}
	for k, v := range want {
		if l[k] != v {
			t.Errorf("log %s = %v, want %v", k, l[k], v)
		}
	}
	if _, ok := l["duration_ms"].(float64); !ok {
		t.Errorf("log has no duration_ms: %v", l)
	}
}

func TestRecoverPanic(t *testing.T) {
	e := newEnv(t)
	for _, path := range []string{"/api/v1/boom", "/boom"} {
		t.Run(path, func(t *testing.T) {
			e.logs.Reset()
			h := e.srv.trace(e.srv.recoverPanic(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
				panic("boom")
			})))
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
			if w.Code != http.StatusInternalServerError {
				t.Errorf("status = %d, want 500", w.Code)
			}
			if !strings.Contains(w.Body.String(), "Internal error.") || strings.Contains(w.Body.String(), "boom") {
				t.Errorf("body = %q, want Internal error. and no detail", w.Body)
			}
			if n := len(logLines(t, e.logs.String(), "panic")); n != 1 {
				t.Errorf("logged %d panics, want 1", n)
			}
			lines := logLines(t, e.logs.String(), "request")
			if len(lines) != 1 || lines[0]["status"] != float64(500) {
				t.Errorf("request log = %v, want one line with status 500", lines)
			}
		})
	}
}

// TestInternalErrorLogged checks that an unexpected error is shown as
// "Internal error." and logged once, with the request's ID.
func TestInternalErrorLogged(t *testing.T) {
	e := newEnv(t)
	e.store.Close()
	e.logs.Reset()
	w := e.do("GET", "/api/v1/products", "")
	if w.Code != http.StatusInternalServerError {
		t.Fatalf("GET /api/v1/products on a closed database = %d, want 500", w.Code)
	}
	if got := apiErr(t, w); got.Code != "internal" || got.Message != "Internal error." {
		t.Errorf("error = %+v, want internal, Internal error.", got)
	}
	lines := logLines(t, e.logs.String(), "internal error")
	if len(lines) != 1 {
		t.Fatalf("logged %d internal errors, want 1: %s", len(lines), e.logs)
	}
	if id := w.Header().Get("X-Request-Id"); lines[0]["request_id"] != id || lines[0]["error"] == "" {
		t.Errorf("internal error log = %v, want the error and request_id %s", lines[0], id)
	}
}
