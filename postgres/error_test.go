package postgres

import (
	"errors"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/radiator-hq/radiator"
)

func TestFormatError(t *testing.T) {
	plain := errors.New("connection reset")
	own := radiator.Invalidf("name", "is required")
	tests := []struct {
		name string
		err  error
		code string
	}{
		{"nil", nil, ""},
		{"unique violation", &pgconn.PgError{Code: "23505", Message: "duplicate key"}, radiator.ECONFLICT},
		{"foreign key violation", &pgconn.PgError{Code: "23503"}, radiator.ECONFLICT},
		{"check violation", &pgconn.PgError{Code: "23514"}, radiator.EINVALID},
		{"serialization failure", &pgconn.PgError{Code: "40001"}, radiator.ECONFLICT},
		{"deadlock", &pgconn.PgError{Code: "40P01"}, radiator.ECONFLICT},
		{"wrapped unique violation", fmt.Errorf("insert product: %w", &pgconn.PgError{Code: "23505"}), radiator.ECONFLICT},
		{"other SQLSTATE", &pgconn.PgError{Code: "42P01", Message: "relation does not exist"}, radiator.EINTERNAL},
		// The message is never read: a unique violation's words on an
		// internal error do not make it a conflict.
		{"message is not the code", &pgconn.PgError{Code: "XX000", Message: "duplicate key value violates unique constraint"}, radiator.EINTERNAL},
		{"not a database error", plain, radiator.EINTERNAL},
		{"already a radiator error", own, radiator.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := formatError(tt.err)
			if code := radiator.ErrorCode(got); code != tt.code {
				t.Errorf("formatError(%v) code = %q, want %q", tt.err, code, tt.code)
			}
			if tt.err != nil && !errors.Is(got, tt.err) {
				t.Errorf("formatError(%v) = %v, which does not wrap the original", tt.err, got)
			}
		})
	}
}

func TestMigrations(t *testing.T) {
	ms, err := migrations()
	if err != nil {
		t.Fatalf("migrations() = %v", err)
	}
	if len(ms) == 0 || ms[0].name != "0001_init.sql" {
		t.Fatalf("migrations() = %d files, want 0001_init.sql first", len(ms))
	}
	for i, m := range ms {
		if m.version != i+1 || m.sql == "" {
			t.Errorf("migration %d = version %d, %d bytes; want version %d and SQL", i, m.version, len(m.sql), i+1)
		}
	}
}
