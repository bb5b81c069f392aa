package graph

import (
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/kaoping/kaoping/server/auth"
)

// RoleTable renders who may call which operation, from the @allow
// directives of the schema (the rules the server enforces), as the
// Markdown table README.md shows; server's TestRoleTableMatchesREADME
// keeps the two equal. Operations every role may use are listed once, in
// the last row; public ones (me, login) are not listed.
func RoleTable() string {
	s := NewExecutableSchema(Config{}).Schema()
	queries, mutations := map[auth.Role][]string{}, map[auth.Role][]string{}
	var everyoneReads, everyoneChanges []string
	collect := func(def *ast.Definition, into map[auth.Role][]string, everyone *[]string) {
		for _, f := range def.Fields {
			d := f.Directives.ForName("allow")
			if d == nil {
				continue
			}
			var roles []auth.Role
			for _, c := range d.Arguments.ForName("roles").Value.Children {
				roles = append(roles, auth.Role(c.Value.Raw))
			}
			if len(roles) == len(auth.AllRoles) {
				*everyone = append(*everyone, f.Name)
				continue
			}
			for _, r := range roles {
				into[r] = append(into[r], f.Name)
			}
		}
	}
	collect(s.Query, queries, &everyoneReads)
	collect(s.Mutation, mutations, &everyoneChanges)
	var b strings.Builder
	b.WriteString("| role | reads (queries) | changes (mutations) |\n| --- | --- | --- |\n")
	cell := func(names []string) string {
		if len(names) == 0 {
			return "–"
		}
		return "`" + strings.Join(names, "`, `") + "`"
	}
	// Alphabetical, so the table does not move when the schema's files are
	// split or reordered.
	for _, r := range auth.AllRoles {
		slices.Sort(queries[r])
		slices.Sort(mutations[r])
		b.WriteString("| " + string(r) + " " + r.Label() + " | " + cell(queries[r]) + " | " + cell(mutations[r]) + " |\n")
	}
	slices.Sort(everyoneReads)
	slices.Sort(everyoneChanges)
	b.WriteString("| every role | " + cell(everyoneReads) + " | " + cell(everyoneChanges) + " |")
	return b.String()
}
