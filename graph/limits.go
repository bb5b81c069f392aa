package graph

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/kaoping/kaoping/server/auth"
)

// Limits bound what one request may ask of the server (OWASP GraphQL
// cheat sheet): nesting depth, cost, aliases and root fields, tokens, body.
type Limits struct {
	Depth         int   // deepest selection (the full plan tree needs 7)
	Complexity    int   // gqlgen complexity with list-size-aware costs (complexity.go)
	Aliases       int   // aliased fields in one document
	RootFields    int   // fields at the root of one operation
	Tokens        int   // parser token limit
	MaxBodySize   int64 // bytes of a JSON request
	MaxUploadSize int64 // bytes of a multipart request
}

// DefaultLimits fit everything the SPA asks and refuse what no screen needs.
var DefaultLimits = Limits{
	Depth: 10, Complexity: 250_000, Aliases: 30, RootFields: 20, Tokens: 15_000,
	MaxBodySize: 1 << 20, MaxUploadSize: 20 << 20,
}

// shapeLimit refuses documents too deep or with too many aliases or root
// fields before any resolver runs.
type shapeLimit struct{ limits Limits }

var (
	_ graphql.HandlerExtension        = shapeLimit{}
	_ graphql.OperationContextMutator = shapeLimit{}
)

func (shapeLimit) ExtensionName() string                   { return "ShapeLimit" }
func (shapeLimit) Validate(graphql.ExecutableSchema) error { return nil }
func (l shapeLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	if n := len(oc.Operation.SelectionSet); n > l.limits.RootFields {
		return limitError("TOO_MANY_ROOT_FIELDS", fmt.Sprintf("一次请求最多%d个根字段,收到%d个", l.limits.RootFields, n))
	}
	aliases := 0
	depth := selectionDepth(oc.Operation.SelectionSet, oc.Doc.Fragments, &aliases, 0)
	if depth > l.limits.Depth {
		return limitError("TOO_DEEP", fmt.Sprintf("查询嵌套层级%d超过上限%d", depth, l.limits.Depth))
	}
	if aliases > l.limits.Aliases {
		return limitError("TOO_MANY_ALIASES", fmt.Sprintf("一次请求最多%d个别名,收到%d个", l.limits.Aliases, aliases))
	}
	return nil
}

// selectionDepth returns the depth of set, following fragments (which the
// validator has already checked for cycles) and counting aliases.
func selectionDepth(set ast.SelectionSet, frags ast.FragmentDefinitionList, aliases *int, guard int) int {
	if guard > 50 {
		return guard
	}
	deepest := 0
	for _, sel := range set {
		d := 0
		switch s := sel.(type) {
		case *ast.Field:
			if s.Alias != "" && s.Alias != s.Name {
				*aliases++
			}
			// An introspection query nests ofType deeper than any screen
			// nests data (GraphiQL's goes 13 deep); what it reads is the
			// schema, bounded by the schema and the token limit, and only
			// IntrospectionRoles may run it.
			if s.Name == "__schema" || s.Name == "__type" {
				d = 1
				break
			}
			d = 1 + selectionDepth(s.SelectionSet, frags, aliases, guard+1)
		case *ast.InlineFragment:
			d = selectionDepth(s.SelectionSet, frags, aliases, guard+1)
		case *ast.FragmentSpread:
			if f := frags.ForName(s.Name); f != nil {
				d = selectionDepth(f.SelectionSet, frags, aliases, guard+1)
			}
		}
		deepest = max(deepest, d)
	}
	return deepest
}

func limitError(code, msg string) *gqlerror.Error {
	return &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": code}}
}

// IntrospectionRoles may introspect the schema: the analysts and the 专班,
// who write their own queries in /graphiql (issue 12). The SPA needs no
// introspection (its documents are generated at build time), so everyone
// else, signed out or not, sees the API only through the screens.
var IntrospectionRoles = []auth.Role{auth.RoleAnalyst, auth.RoleTaskForce}

// introspectionForRoles turns introspection off unless the caller holds
// one of IntrospectionRoles.
type introspectionForRoles struct{}

var (
	_ graphql.HandlerExtension        = introspectionForRoles{}
	_ graphql.OperationContextMutator = introspectionForRoles{}
)

func (introspectionForRoles) ExtensionName() string                   { return "IntrospectionForRoles" }
func (introspectionForRoles) Validate(graphql.ExecutableSchema) error { return nil }
func (introspectionForRoles) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	oc.DisableIntrospection = !auth.From(ctx).Has(IntrospectionRoles...)
	return nil
}
