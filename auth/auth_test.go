package auth_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/radiator-hq/radiator/auth"
)

// fast keeps the tests quick; the format and the check are the same.
var fast = auth.Params{Memory: 1024, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}

func TestPasswordRoundTrip(t *testing.T) {
	hash, err := auth.HashPassword("correct horse battery", fast)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=1024,t=1,p=1$") {
		t.Errorf("hash %q is not in the PHC format with its parameters", hash)
	}
	if err := auth.CheckPassword(hash, "correct horse battery"); err != nil {
		t.Errorf("CheckPassword(right) = %v, want nil", err)
	}
	if err := auth.CheckPassword(hash, "correct horse battery "); !errors.Is(err, auth.ErrMismatch) {
		t.Errorf("CheckPassword(wrong) = %v, want ErrMismatch", err)
	}
	again, _ := auth.HashPassword("correct horse battery", fast)
	if again == hash {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
}

func TestCheckPasswordMalformed(t *testing.T) {
	for _, h := range []string{"", "plain", "$2a$10$abcdefghijk", "$argon2id$v=19$m=x$a$b", "$argon2id$v=18$m=1024,t=1,p=1$c2FsdA$a2V5"} {
		err := auth.CheckPassword(h, "pw")
		if err == nil || errors.Is(err, auth.ErrMismatch) {
			t.Errorf("CheckPassword(%q) = %v, want a format error", h, err)
		}
	}
}

func TestDummyHashIsWellFormed(t *testing.T) {
	if err := auth.CheckPassword(auth.DummyHash, "anything"); !errors.Is(err, auth.ErrMismatch) {
		t.Fatalf("CheckPassword(DummyHash) = %v, want ErrMismatch (a malformed dummy would answer faster)", err)
	}
	if !strings.Contains(auth.DummyHash, "m=65536,t=3,p=2") {
		t.Error("DummyHash must use DefaultParams so it costs what a real check costs")
	}
}

func TestSecrets(t *testing.T) {
	a, err := auth.NewSecret(auth.TokenPrefix)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := auth.NewSecret(auth.TokenPrefix)
	if a == b || !strings.HasPrefix(a, "rdt_") || len(a) < 40 {
		t.Errorf("secrets %q and %q: want distinct, prefixed, long", a, b)
	}
	first, again := auth.HashSecret(a), auth.HashSecret(a)
	if first != again || first == auth.HashSecret(b) || len(first) != 64 {
		t.Error("HashSecret is not a stable SHA-256 hex digest")
	}
}
