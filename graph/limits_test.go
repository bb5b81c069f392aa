package graph

import (
	"context"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

func TestShapeLimitRefusesDeepDocuments(t *testing.T) {
	t.Parallel()
	limits := Limits{Depth: 10, Aliases: 30, RootFields: 20}
	nested := func(depth int) string {
		return strings.Repeat("a { ", depth-1) + "b" + strings.Repeat(" }", depth-1)
	}
	cases := []struct {
		name  string
		query string
		code  string
	}{
		{"depth 10 is allowed", "{ " + nested(10) + " }", ""},
		{"depth 11 is refused", "{ " + nested(11) + " }", "TOO_DEEP"},
		{"depth through fragments counts", "{ ...F } fragment F on Query { " + nested(11) + " }", "TOO_DEEP"},
		{"aliases in fragments count", "{ ...F } fragment F on Query { " + strings.Repeat("x: a ", 31) + " }", "TOO_MANY_ALIASES"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := parser.ParseQuery(&ast.Source{Input: tc.query})
			if err != nil {
				t.Fatal(err)
			}
			oc := &graphql.OperationContext{Doc: doc, Operation: doc.Operations[0]}
			gerr := shapeLimit{limits: limits}.MutateOperationContext(context.Background(), oc)
			code := ""
			if gerr != nil {
				code, _ = gerr.Extensions["code"].(string)
			}
			if code != tc.code {
				t.Errorf("got %v, want %q", gerr, tc.code)
			}
		})
	}
}
