package http

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/radiator-hq/radiator"
)

// requestInfo is what the server knows of a request beyond the request
// itself: its ID, and who made it once they are authenticated. The trace
// middleware creates it and logs it when the request is done.
type requestInfo struct {
	id       string
	personID int64
}

type requestKey struct{}

// requestID returns the ID of the request ctx belongs to, or "".
func requestID(ctx context.Context) string {
	if info, ok := ctx.Value(requestKey{}).(*requestInfo); ok {
		return info.id
	}
	return ""
}

// trace gives each request an ID, taking a well-formed X-Request-Id from a
// proxy and making one otherwise, answers it in X-Request-Id, and logs one
// line per request when it is done.
func (s *Server) trace(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		info := &requestInfo{id: r.Header.Get("X-Request-Id")}
		if !validRequestID(info.id) {
			info.id = newRequestID()
		}
		w.Header().Set("X-Request-Id", info.id)
		rec := &recorder{ResponseWriter: w}
		next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), requestKey{}, info)))
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		s.Logger.InfoContext(r.Context(), "request",
			"method", r.Method,
			"path", r.URL.Path,
			"status", rec.status,
			"bytes", rec.bytes,
			"duration_ms", time.Since(start).Milliseconds(),
			"request_id", info.id,
			"person_id", info.personID)
	})
}

// validRequestID accepts IDs of up to 64 letters, digits, dashes,
// underscores and dots: enough for any proxy's, too little to forge log
// lines with.
func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, c := range id {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '.':
		default:
			return false
		}
	}
	return true
}

func newRequestID() string {
	b := make([]byte, 8)
	rand.Read(b) // never fails on supported platforms
	return hex.EncodeToString(b)
}

// recorder notes the status and size of a response for the request log.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (rec *recorder) WriteHeader(status int) {
	if rec.status == 0 {
		rec.status = status
	}
	rec.ResponseWriter.WriteHeader(status)
}

func (rec *recorder) Write(b []byte) (int, error) {
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	n, err := rec.ResponseWriter.Write(b)
	rec.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer, for
// flushing and deadlines.
func (rec *recorder) Unwrap() http.ResponseWriter { return rec.ResponseWriter }

// recoverPanic answers a panicking handler with a 500 and logs the panic
// with its stack, so that one bad request does not end the process.
func (s *Server) recoverPanic(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.Logger.ErrorContext(r.Context(), "panic",
				"panic", fmt.Sprint(v), "stack", string(debug.Stack()), "request_id", requestID(r.Context()))
			if rec, ok := w.(*recorder); ok && rec.status != 0 {
				return // too late for another status
			}
			s.answerError(w, r, radiator.EINTERNAL, "Internal error.", "")
		}()
		next.ServeHTTP(w, r)
	})
}

// contentSecurityPolicy allows our own scripts, styles and images only.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'"

// securityHeaders sets the headers that make every answer safer in a
// browser.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}
