package main

import (
	"net/http"
	"time"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/circular"
	"github.com/kaoping/kaoping/server/leadership"
	"github.com/kaoping/kaoping/server/overdue"
	"github.com/kaoping/kaoping/server/store"
)

// leaders are the roles that read whole rankings (the GraphQL fields
// rankChanges and annualRankChanges allow the same).
var leaders = []auth.Role{auth.RoleTaskForce, auth.RoleLeader, auth.RoleAnalyst}

// rankingExport is a group's ranking as .xlsx: ?periodId=…&group=… for a half
// year, ?planId=…&group=… for the year.
func rankingExport(st *store.Store) func(r *http.Request, id *auth.Identity) (string, []byte, error) {
	return func(r *http.Request, id *auth.Identity) (string, []byte, error) {
		group := store.RankingGroup(r.URL.Query().Get("group"))
		if group != store.GroupDistricts && group != store.GroupDepartments {
			return "", nil, apperr.Field("group", "oneof", "参数 group 须为 DISTRICTS 或 DEPARTMENTS", "group must be DISTRICTS or DEPARTMENTS")
		}
		if r.URL.Query().Has("planId") {
			planID, err := queryID(r, "planId")
			if err != nil {
				return "", nil, err
			}
			return leadership.AnnualWorkbook(r.Context(), st.DB, id, planID, group)
		}
		periodID, err := queryID(r, "periodId")
		if err != nil {
			return "", nil, err
		}
		return leadership.HalfYearWorkbook(r.Context(), st.DB, id, periodID, group)
	}
}

// circularExport is a period's 通报 as .xlsx: ?periodId=…
func circularExport(st *store.Store) func(r *http.Request, id *auth.Identity) (string, []byte, error) {
	return func(r *http.Request, id *auth.Identity) (string, []byte, error) {
		periodID, err := queryID(r, "periodId")
		if err != nil {
			return "", nil, err
		}
		return circular.Workbook(r.Context(), st.DB, id, periodID)
	}
}

// overdueRoles read the 督办 board (the GraphQL field overdueTasks allows
// the same; overdue.Board narrows each to what it may see).
var overdueRoles = []auth.Role{auth.RoleTaskForce, auth.RoleLeader, auth.RoleInspector, auth.RoleAnalyst, auth.RoleEvaluateeContact, auth.RoleLeadScorer}

// overdueExport is the 督办 board as .xlsx: ?planId=… and the page's
// filters (evaluateeId, leadUnitId, group), judged on the board's day.
func overdueExport(st *store.Store, today func() time.Time) func(r *http.Request, id *auth.Identity) (string, []byte, error) {
	return func(r *http.Request, id *auth.Identity) (string, []byte, error) {
		planID, err := queryID(r, "planId")
		if err != nil {
			return "", nil, err
		}
		f := overdue.Filter{PlanID: planID, Group: store.RankingGroup(r.URL.Query().Get("group"))}
		for name, to := range map[string]*int64{"evaluateeId": &f.EvaluateeID, "leadUnitId": &f.LeadUnitID} {
			if r.URL.Query().Get(name) == "" {
				continue
			}
			if *to, err = queryID(r, name); err != nil {
				return "", nil, err
			}
		}
		return overdue.Workbook(r.Context(), st.DB, id, f, today())
	}
}
