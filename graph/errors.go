package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/validate"
)

// presentError is the single place errors leave the server. Application
// errors keep their code, message and field errors; anything else becomes a
// generic INTERNAL error and its details go to the log with the request id,
// so no SQL, stack or path ever reaches a client.
func presentError(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		if gqlErr.Extensions == nil {
			gqlErr.Extensions = map[string]any{}
		}
		if id := RequestID(ctx); id != "" {
			gqlErr.Extensions["requestId"] = id
		}
		var gerr *gqlerror.Error
		if errors.As(err, &gerr) && gerr.Err == nil && gerr.Extensions["code"] != nil {
			// Parser and validation errors gqlgen built itself.
			return gqlErr
		}
		var text *validate.TextProblem
		if errors.As(err, &text) {
			// A String argument with a control character (graph/scalar):
			// the decoder knew the path, not the field's name.
			err = text.Field(argumentPath(ctx, gqlErr.Path))
		}
		if refusedIntrospection(err) {
			// gqlgen's own refusal for a role outside IntrospectionRoles: a
			// permission answer, not a fault to log.
			err = errIntrospectionForbidden
		}
		if e, ok := apperr.As(err); ok {
			gqlErr.Message = e.Message
			gqlErr.Extensions["code"] = string(e.Code)
			gqlErr.Extensions["messageEn"] = e.MessageEn
			if len(e.Fields) > 0 {
				gqlErr.Extensions["fields"] = e.Fields
			}
			if e.Current != nil {
				gqlErr.Extensions["current"] = e.Current
			}
			return gqlErr
		}
		if errors.As(err, &gerr) && gerr.Err == nil {
			// An input coercion error ("… is not a valid ID") names the
			// argument and says what is wrong; it carries nothing internal.
			gqlErr.Extensions["code"] = "INVALID"
			return gqlErr
		}
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
			gqlErr.Message = "请求超时,请稍后重试"
			gqlErr.Extensions["messageEn"] = "The request timed out; please try again later"
			gqlErr.Extensions["code"] = "TIMEOUT"
			return gqlErr
		}
		if store.Unavailable(err) {
			// A read that failed even on a fresh connection: the database
			// is down or restarting. Nothing was written; the client may retry.
			log.WarnContext(ctx, "database unavailable", "requestId", RequestID(ctx), "path", gqlErr.Path.String(), "err", err)
			gqlErr.Message = store.ErrorUnavailable.Message
			gqlErr.Extensions["messageEn"] = store.ErrorUnavailable.MessageEn
			gqlErr.Extensions["code"] = string(apperr.Unavailable)
			return gqlErr
		}
		log.ErrorContext(ctx, "graphql error", "requestId", RequestID(ctx), "path", gqlErr.Path.String(), "err", err)
		gqlErr.Message = "服务器内部错误,请联系管理员并提供请求编号"
		gqlErr.Extensions["messageEn"] = "Internal server error; please contact the administrator and quote the request ID"
		gqlErr.Extensions["code"] = string(apperr.Internal)
		return gqlErr
	}
}

var errIntrospectionForbidden = apperr.New(apperr.Forbidden, "只有分析人员和专班可以查询接口结构(introspection)",
	"Only analysts and the task force may query the API's structure (introspection)")

// refusedIntrospection tells gqlgen's "introspection disabled" (a plain
// error, graphql/execution_context_state.go) from real failures.
func refusedIntrospection(err error) bool {
	for ; err != nil; err = errors.Unwrap(err) {
		if err.Error() == "introspection disabled" {
			return true
		}
	}
	return false
}

// argumentPath writes the path of an argument error below its field as
// field errors are written ("input.entries[2].comment").
func argumentPath(ctx context.Context, path ast.Path) string {
	if fc := graphql.GetFieldContext(ctx); fc != nil {
		if n := len(fc.Path()); n <= len(path) {
			path = path[n:]
		}
	}
	var b strings.Builder
	for _, p := range path {
		switch p := p.(type) {
		case ast.PathIndex:
			fmt.Fprintf(&b, "[%d]", int(p))
		case ast.PathName:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(string(p))
		}
	}
	return b.String()
}

// recoverPanic logs a resolver panic with its stack and answers INTERNAL.
func recoverPanic(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		log.ErrorContext(ctx, "resolver panic", "requestId", RequestID(ctx), "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		return errors.New("internal panic")
	}
}

type requestIDKey struct{}

// WithRequestID stores the request id for errors and logs.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID returns the id WithRequestID stored, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}
