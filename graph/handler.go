package graph

import (
	"log/slog"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/kaoping/kaoping/server/store"
)

// Limits bound what one request may ask of the server.
type Limits struct {
	Complexity    int   // gqlgen's complexity budget
	MaxUploadSize int64 // bytes in one multipart request
}

// DefaultLimits suit a city-sized plan: the full seed plan tree with every
// task's evaluatees costs well under the complexity budget.
var DefaultLimits = Limits{Complexity: 20000, MaxUploadSize: 20 << 20}

// NewHandler builds the GraphQL handler with explicit transports (no GET
// queries, no websockets) and the error presenter.
func NewHandler(st *store.Store, log *slog.Logger, limits Limits) *handler.Server {
	srv := handler.New(NewExecutableSchema(Config{Resolvers: &Resolver{Store: st}}))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.POST{})
	srv.AddTransport(transport.MultipartForm{MaxUploadSize: limits.MaxUploadSize, MaxMemory: 8 << 20})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.Use(extension.FixedComplexityLimit(limits.Complexity))
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})
	srv.Use(extension.Introspection{})
	srv.SetErrorPresenter(presentError(log))
	srv.SetRecoverFunc(recoverPanic(log))
	return srv
}
