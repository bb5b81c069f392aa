package scalar

import (
	"io"

	"github.com/99designs/gqlgen/graphql"

	"github.com/kaoping/kaoping/server/validate"
)

// The String scalar is bound to these functions (gqlgen.yml) so that every
// text argument, at any depth of any input, passes validate.CheckText once
// while it is decoded, before any resolver or SQL sees it: a NUL byte
// answers INVALID naming the field (the presenter adds the argument path)
// instead of failing in PostgreSQL.

// MarshalText writes a string as graphql.MarshalString does.
func MarshalText(s string) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) { graphql.MarshalString(s).MarshalGQL(w) })
}

// UnmarshalText decodes a String argument and checks its characters.
func UnmarshalText(v any) (string, error) {
	s, err := graphql.UnmarshalString(v)
	if err != nil {
		return "", err
	}
	if p := validate.CheckText(s); p != nil {
		return "", p
	}
	return s, nil
}
