package postgres

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// errPoolClosed is returned when a connection is asked of a closed DB.
var errPoolClosed = errors.New("postgres: database is closed")

// idleCheckAfter is how long a connection may sit idle before it is pinged
// on reuse, as pgxpool does: a server restart or a dropped network leaves
// dead connections behind, and a request should not be the one to find out.
const idleCheckAfter = time.Second

// pool hands out at most max connections at a time and keeps the idle ones
// for reuse. pgxpool would do this, but it needs github.com/jackc/puddle,
// which this module does not require; this is the small part of it that
// Radiator uses.
type pool struct {
	config *pgx.ConnConfig
	slots  chan struct{} // one token per connection handed out

	mu     sync.Mutex
	idle   []idleConn // most recently used last
	closed bool
}

type idleConn struct {
	conn  *pgx.Conn
	since time.Time
}

// newPool returns a pool of connections made from config. The setting
// pool_max_conns, as pgxpool spells it, bounds its size; it defaults to
// the number of CPUs, and at least 4.
func newPool(config *pgx.ConnConfig) (*pool, error) {
	size := max(4, runtime.NumCPU())
	if s, ok := config.RuntimeParams["pool_max_conns"]; ok {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("pool_max_conns must be a positive number, not %q", s)
		}
		size = n
		delete(config.RuntimeParams, "pool_max_conns")
	}
	return &pool{config: config, slots: make(chan struct{}, size)}, nil
}

// acquire returns a connection, waiting for a free slot when all are in
// use. Every connection acquired must be released.
func (p *pool) acquire(ctx context.Context) (*pgx.Conn, error) {
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	for {
		p.mu.Lock()
		if p.closed {
			p.mu.Unlock()
			<-p.slots
			return nil, errPoolClosed
		}
		if len(p.idle) == 0 {
			p.mu.Unlock()
			break
		}
		ic := p.idle[len(p.idle)-1]
		p.idle = p.idle[:len(p.idle)-1]
		p.mu.Unlock()
		if ic.conn.IsClosed() {
			continue
		}
		if time.Since(ic.since) > idleCheckAfter {
			if err := ic.conn.Ping(ctx); err != nil {
				closeConn(ic.conn)
				continue
			}
		}
		return ic.conn, nil
	}
	conn, err := pgx.ConnectConfig(ctx, p.config)
	if err != nil {
		<-p.slots
		return nil, err
	}
	return conn, nil
}

// release gives back a connection from acquire. A connection that is
// broken, busy or still inside a transaction is closed rather than reused.
func (p *pool) release(conn *pgx.Conn) {
	defer func() { <-p.slots }()
	if conn.IsClosed() || conn.PgConn().IsBusy() || conn.PgConn().TxStatus() != 'I' {
		closeConn(conn)
		return
	}
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		closeConn(conn)
		return
	}
	p.idle = append(p.idle, idleConn{conn: conn, since: time.Now()})
	p.mu.Unlock()
}

// close closes the idle connections and makes the ones in use close when
// they are released.
func (p *pool) close() {
	p.mu.Lock()
	idle := p.idle
	p.idle, p.closed = nil, true
	p.mu.Unlock()
	for _, ic := range idle {
		closeConn(ic.conn)
	}
}

// closeConn closes a connection, giving the server a moment to hear it.
func closeConn(conn *pgx.Conn) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = conn.Close(ctx) // nothing useful to do about a connection that will not close cleanly
}
