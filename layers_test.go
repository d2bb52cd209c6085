package main

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Each package imports only the layers below it: domain nothing of ours,
// views only domain (the panes read no files: what they need of files the
// app hands them), store only domain and its own formats.
func TestLayers(t *testing.T) {
	const mod = "github.com/tend-cli/tend/"
	allowed := map[string][]string{
		"domain":        {"domain/"},
		"views":         {"domain"},
		"store":         {"domain", "domain/", "store/"},
		"store/formats": {"domain", "store/formats/"},
	}
	for dir, ok := range allowed {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: %v", dir, err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			file, err := parser.ParseFile(token.NewFileSet(), f, src, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range file.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				ours, isOurs := strings.CutPrefix(p, mod)
				if !isOurs {
					continue
				}
				fine := false
				for _, a := range ok {
					fine = fine || ours == strings.TrimSuffix(a, "/") || strings.HasSuffix(a, "/") && strings.HasPrefix(ours, a)
				}
				if !fine {
					t.Errorf("%s imports %s: %s may import only %v", f, p, dir, ok)
				}
			}
		}
	}
}
