package radiator_test

import (
	"go/build"
	"strings"
	"testing"
)

// TestRootImportsOnlyStandardLibrary guards the architecture: the domain
// knows nothing of SQL drivers, HTTP frameworks or any other module.
func TestRootImportsOnlyStandardLibrary(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range pkg.Imports {
		first, _, _ := strings.Cut(imp, "/")
		if strings.Contains(first, ".") || imp == "database/sql" || imp == "net/http" {
			t.Errorf("package radiator imports %q; the domain may use the standard library only, without database/sql or net/http", imp)
		}
	}
}
