package scalar

import (
	"encoding/json"
	"io"

	"github.com/99designs/gqlgen/graphql"

	"github.com/kaoping/kaoping/server/apperr"
)

// MarshalRawJSON writes prepared JSON as it is: bulk rows encoded once
// (results.PublishedRanking) go out without gqlgen resolving every field
// of every row again. The schema field that returns it documents its shape.
func MarshalRawJSON(v json.RawMessage) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		if len(v) == 0 {
			_, _ = io.WriteString(w, "null")
			return
		}
		_, _ = w.Write(v)
	})
}

// UnmarshalRawJSON refuses input: JSON is an output type only, so no
// client can slip unchecked structure past the typed inputs.
func UnmarshalRawJSON(any) (json.RawMessage, error) {
	return nil, apperr.New(apperr.Invalid, "JSON 类型只用于结果输出,不能作为输入", "the JSON type is for output only and cannot be an input")
}
