package main

import (
	"os"
	"testing"

	"github.com/kaoping/kaoping/server/auth"
)

// GraphiQL (issue 12) reads the schema by introspection. The query in
// testdata is the one GraphiQL sends (graphql-js getIntrospectionQuery with
// input-value deprecation, regenerate with
// `node -e "process.stdout.write(require('graphql').getIntrospectionQuery({inputValueDeprecation:true}))"`):
// it nests ofType deeper than the depth limit allows a data query.
func introspectionQuery(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("testdata/introspection.graphql")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestIntrospectionOnlyForAnalystsAndTaskForce: the analysts and the 专班
// get the full schema with its documentation; every other role and a
// caller without a session are refused, whatever the query.
func TestIntrospectionOnlyForAnalystsAndTaskForce(t *testing.T) {
	t.Parallel()
	full := introspectionQuery(t)
	small := `{ __type(name: "Query") { name fields { name description } } }`
	a := newAnonymousAPI(t, false)
	for _, q := range []string{full, small} {
		if errs := a.do(q, nil, nil); len(errs) == 0 {
			t.Error("introspection allowed without a session")
		}
	}
	for _, role := range []auth.Role{auth.RoleAnalyst, auth.RoleTaskForce} {
		a.loginAs(role)
		var out struct {
			Schema struct {
				QueryType struct{ Name string }
				Types     []struct {
					Name        string
					Description *string
					Fields      []struct {
						Name        string
						Description *string
					}
				}
			} `json:"__schema"`
		}
		a.must(full, nil, &out)
		if out.Schema.QueryType.Name != "Query" {
			t.Fatalf("%s: queryType = %q", role, out.Schema.QueryType.Name)
		}
		// The documentation GraphiQL's explorer shows: the schema's own
		// descriptions, e.g. of the aggregate query.
		documented := false
		for _, ty := range out.Schema.Types {
			if ty.Name != "Query" {
				continue
			}
			for _, f := range ty.Fields {
				if f.Name == "aggregate" && f.Description != nil && *f.Description != "" {
					documented = true
				}
			}
		}
		if !documented {
			t.Errorf("%s: Query.aggregate has no description in the introspection answer", role)
		}
		a.must(small, nil, nil)
	}
	for _, role := range []auth.Role{auth.RoleLeader, auth.RoleAdmin, auth.RoleLeadScorer, auth.RoleEvaluateeContact, auth.RoleInspector, auth.RoleAuditor} {
		a.loginAs(role)
		for _, q := range []string{full, small} {
			errs := a.do(q, nil, nil)
			if len(errs) == 0 {
				t.Errorf("%s: introspection allowed", role)
			} else if codeOf(errs) != "FORBIDDEN" {
				// A refusal, not a fault: INTERNAL would also log an error.
				t.Errorf("%s: introspection refused with %+v, want FORBIDDEN", role, errs)
			}
		}
		// The refusal is of introspection, not of the session: the same
		// role still reads what its screens read.
		a.must(`{ me { user { username } } }`, nil, nil)
	}
}
