package graph

import (
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
)

// NewHandler builds the GraphQL handler: explicit transports (POST JSON and
// multipart uploads; no GET, no websockets), the limits, the access rules
// and the error presenter.
func NewHandler(r *Resolver, limits Limits) *handler.Server {
	cfg := Config{Resolvers: r}
	cfg.Directives.Allow = allow
	listCosts(&cfg.Complexity)

	srv := handler.New(NewExecutableSchema(cfg))
	srv.AddTransport(transport.POST{})
	srv.AddTransport(transport.MultipartForm{MaxUploadSize: limits.MaxUploadSize, MaxMemory: 8 << 20})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.SetParserTokenLimit(limits.Tokens)
	srv.SetDisableSuggestion(true)
	srv.Use(introspectionForRoles{})
	srv.Use(shapeLimit{limits: limits})
	srv.Use(extension.FixedComplexityLimit(limits.Complexity))
	srv.AroundFields(r.fieldMiddleware)
	srv.SetErrorPresenter(presentError(r.Log))
	srv.SetRecoverFunc(recoverPanic(r.Log))
	return srv
}
