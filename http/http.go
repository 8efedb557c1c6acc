// Package http serves Radiator over HTTP: the server-rendered pages, the
// static files, the JSON API under /api/v1 and the health checks. It
// depends on the domain and the store contract, never on a store.
package http

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/radiator-hq/radiator"
)

// DefaultSessionTTL is how long a browser stays signed in.
const DefaultSessionTTL = 12 * time.Hour

// Server serves Radiator. Set its fields before calling Handler.
type Server struct {
	Store  radiator.Store
	Logger *slog.Logger
	// Clock tells the time for sessions and for which sprint is current.
	Clock radiator.Clock
	// SessionTTL is how long a session lasts; DefaultSessionTTL by default.
	SessionTTL time.Duration
	// SecureCookies sets the Secure attribute on the session cookie even on
	// plain HTTP requests, for servers behind a proxy that terminates TLS
	// without sending X-Forwarded-Proto. The attribute is always set on TLS
	// requests and when X-Forwarded-Proto is https.
	SecureCookies bool

	pages  map[string]*template.Template
	static staticFiles
}

// NewServer returns a server on store that logs to logger (nothing when
// logger is nil), with the system clock and the default session length. It
// parses the embedded templates and checksums the static files once, here.
func NewServer(store radiator.Store, logger *slog.Logger) *Server {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{
		Store:      store,
		Logger:     logger,
		Clock:      radiator.SystemClock{},
		SessionTTL: DefaultSessionTTL,
		static:     mustLoadStatic(),
	}
	s.pages = mustParsePages(s.templateFuncs())
	return s
}

// Handler returns the whole application: pages, static files, the API and
// the health checks, wrapped in the request ID, logging, panic recovery and
// security header middleware.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		h := rt.handler
		if !rt.public {
			h = s.requireAuth(h)
		}
		mux.HandleFunc(rt.pattern(), h)
	}
	return s.trace(s.recoverPanic(securityHeaders(mux)))
}

// statusOf maps each error code to the HTTP status it answers. A test
// fails when a code of radiator.Codes is missing.
var statusOf = map[string]int{
	radiator.EINVALID:      http.StatusUnprocessableEntity,
	radiator.EUNAUTHORIZED: http.StatusUnauthorized,
	radiator.EFORBIDDEN:    http.StatusForbidden,
	radiator.ENOTFOUND:     http.StatusNotFound,
	radiator.ECONFLICT:     http.StatusConflict,
	radiator.EINTERNAL:     http.StatusInternalServerError,
	radiator.EMALFORMED:    http.StatusBadRequest,
	radiator.ETOOLARGE:     http.StatusRequestEntityTooLarge,
}

// Error answers err: as a JSON error object under /api/, as an error page
// elsewhere, with the status of its code. Internal errors are logged here,
// once, with the request ID, and shown as "Internal error.".
func (s *Server) Error(w http.ResponseWriter, r *http.Request, err error) {
	code := radiator.ErrorCode(err)
	if code == radiator.EINTERNAL {
		s.Logger.ErrorContext(r.Context(), "internal error",
			"error", err.Error(), "request_id", requestID(r.Context()),
			"method", r.Method, "path", r.URL.Path)
	}
	s.answerError(w, r, code, radiator.ErrorMessage(err), radiator.ErrorField(err))
}

// answerError writes an error answer without logging it.
func (s *Server) answerError(w http.ResponseWriter, r *http.Request, code, message, field string) {
	status, ok := statusOf[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	if isAPI(r) {
		writeAPIError(w, status, code, message, field)
		return
	}
	s.renderError(w, r, status, message)
}

// apiError is the body of every API error answer.
type apiError struct {
	Error apiErrorBody `json:"error"`
}

type apiErrorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field"`
}

func writeAPIError(w http.ResponseWriter, status int, code, message, field string) {
	// Encoding three strings cannot fail.
	b, _ := json.Marshal(apiError{apiErrorBody{Code: code, Message: message, Field: field}})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// isAPI reports whether r is a request to the JSON API, which answers
// errors as JSON rather than pages.
func isAPI(r *http.Request) bool {
	return r.URL.Path == "/api" || strings.HasPrefix(r.URL.Path, "/api/")
}

// writeJSON answers v as JSON with the given status. It encodes to a buffer
// first so that an encoding failure still answers a clean error.
func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		s.Error(w, r, fmt.Errorf("encode response: %w", err))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}
