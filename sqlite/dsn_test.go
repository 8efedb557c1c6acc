package sqlite

import (
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/radiator-hq/radiator"
)

func openTest(t *testing.T) *DB {
	t.Helper()
	db, err := Open(t.Context(), filepath.Join(t.TempDir(), "radiator.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestPragmas checks the settings on several pooled connections at once:
// each new connection must get them, not only the first.
func TestPragmas(t *testing.T) {
	db := openTest(t)
	var conns []*sql.Conn
	for range 3 {
		c, err := db.db.Conn(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns = append(conns, c)
	}
	for i, c := range conns {
		for _, p := range []struct{ pragma, want string }{
			{"journal_mode", "wal"},
			{"busy_timeout", "5000"},
			{"foreign_keys", "1"},
			{"synchronous", "1"}, // NORMAL
		} {
			var got string
			if err := c.QueryRowContext(t.Context(), "PRAGMA "+p.pragma).Scan(&got); err != nil {
				t.Fatalf("connection %d: PRAGMA %s: %v", i, p.pragma, err)
			}
			if got != p.want {
				t.Errorf("connection %d: PRAGMA %s = %s, want %s", i, p.pragma, got, p.want)
			}
		}
	}
}

// TestMapError checks that the schema's constraints, the net under the
// store's own checks, come back with the contract's codes, told apart by
// SQLite's extended result codes.
func TestMapError(t *testing.T) {
	db := openTest(t)
	const at = "2025-03-03T09:00:00.000000000Z"
	if _, err := db.db.ExecContext(t.Context(), `INSERT INTO products (key, name, description, version, created_at, updated_at)
		VALUES ('MAIL', 'Mail', '', 1, ?, ?)`, at, at); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		query string
		want  string
	}{
		{"unique", `INSERT INTO products (key, name, description, version, created_at, updated_at)
			VALUES ('MAIL', 'Mail again', '', 1, '` + at + `', '` + at + `')`, radiator.ECONFLICT},
		{"foreign key", `INSERT INTO teams (product_id, forum_id, name, description, version, created_at, updated_at)
			VALUES (999, 999, 'Lost', '', 1, '` + at + `', '` + at + `')`, radiator.ECONFLICT},
		{"check", `INSERT INTO products (key, name, description, version, created_at, updated_at)
			VALUES ('CHAT', 'Chat', '', 0, '` + at + `', '` + at + `')`, radiator.EINVALID},
		{"not null", `INSERT INTO products (key, name, description, version, created_at, updated_at)
			VALUES ('CHAT', 'Chat', NULL, 1, '` + at + `', '` + at + `')`, radiator.EINVALID},
		{"syntax", `INSERT INTO nowhere VALUES (1)`, radiator.EINTERNAL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := db.db.ExecContext(t.Context(), tt.query)
			if err == nil {
				t.Fatal("the statement succeeded; want a constraint failure")
			}
			if got := radiator.ErrorCode(mapError(err)); got != tt.want {
				t.Errorf("mapError(%v) code = %q, want %q", err, got, tt.want)
			}
		})
	}
}
