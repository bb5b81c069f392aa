package main

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/kaoping/kaoping/server/analytics"
	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/store"
)

// viewExport is an analyst's view as .xlsx or .csv: ?spec=<the view as
// JSON, as the page's URL carries it>&title=…. The same aggregate as the
// GraphQL field, so the same numbers.
func viewExport(st *store.Store, today func() time.Time, f analytics.Format) func(r *http.Request, id *auth.Identity) (string, []byte, error) {
	return func(r *http.Request, id *auth.Identity) (string, []byte, error) {
		var spec analytics.Spec
		if err := json.Unmarshal([]byte(r.URL.Query().Get("spec")), &spec); err != nil {
			return "", nil, apperr.Field("spec", "json", "参数 spec 不是有效的视图定义", "spec is not a view as JSON")
		}
		return analytics.Export(r.Context(), st.DB, id, spec, r.URL.Query().Get("title"), f, today())
	}
}
