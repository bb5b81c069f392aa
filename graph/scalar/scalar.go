// Package scalar holds the Go side of the API's custom GraphQL scalars.
package scalar

import (
	"encoding/json"
	"io"
	"strconv"

	"github.com/99designs/gqlgen/graphql"
	"github.com/shopspring/decimal"

	"github.com/kaoping/kaoping/server/apperr"
)

// MarshalID writes a database serial as a GraphQL ID string (gqlgen binds the
// ID scalar to int64 through this pair of functions).
func MarshalID(id int64) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(strconv.FormatInt(id, 10)))
	})
}

// UnmarshalID accepts "12" or 12.
func UnmarshalID(v any) (int64, error) {
	switch v := v.(type) {
	case string:
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id < 1 {
			return 0, apperr.Newf(apperr.Invalid, "“%s”不是有效的编号", "%q is not a valid ID", v)
		}
		return id, nil
	case json.Number:
		return UnmarshalID(string(v))
	case int64:
		return UnmarshalID(strconv.FormatInt(v, 10))
	case int:
		return UnmarshalID(strconv.Itoa(v))
	default:
		return 0, apperr.Newf(apperr.Invalid, "编号应为字符串,收到 %T", "an ID must be a string, got %T", v)
	}
}

// MarshalDecimal writes the shortest exact representation, e.g. "0.5", "12".
// Decimals travel as strings so that scores such as 0.35 never pass through
// binary floating point on the way.
func MarshalDecimal(d decimal.Decimal) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(d.String()))
	})
}

// UnmarshalDecimal accepts "0.5" or 0.5; a JSON number is read from its
// literal text, not through float64.
func UnmarshalDecimal(v any) (decimal.Decimal, error) {
	switch v := v.(type) {
	case string:
		d, err := decimal.NewFromString(v)
		if err != nil {
			return decimal.Decimal{}, apperr.Newf(apperr.Invalid, "“%s”不是有效的数字", "%q is not a valid number", v)
		}
		return d, nil
	case json.Number:
		return UnmarshalDecimal(string(v))
	case int64:
		return decimal.NewFromInt(v), nil
	case int:
		return decimal.NewFromInt(int64(v)), nil
	case float64:
		// Only reached when a client bypasses JSON number decoding; the
		// float's shortest form is what the client wrote.
		return decimal.NewFromString(strconv.FormatFloat(v, 'f', -1, 64))
	default:
		return decimal.Decimal{}, apperr.Newf(apperr.Invalid, "应为数字,收到 %T", "a number was expected, got %T", v)
	}
}
