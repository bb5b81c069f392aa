package main

import (
	"net/http"
	"strconv"
	"strings"
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

// evaluateeReaders open an evaluatee page: leaders, and a contact its own
// unit's (the GraphQL field evaluateeProfile allows the same).
var evaluateeReaders = []auth.Role{auth.RoleTaskForce, auth.RoleLeader, auth.RoleAnalyst, auth.RoleEvaluateeContact}

// evaluateeExport is the evaluatee page as .xlsx: ?periodId=…&evaluateeId=…
// (leadership.EvaluateeProfile decides who may see which unit).
func evaluateeExport(st *store.Store) func(r *http.Request, id *auth.Identity) (string, []byte, error) {
	return func(r *http.Request, id *auth.Identity) (string, []byte, error) {
		periodID, err := queryID(r, "periodId")
		if err != nil {
			return "", nil, err
		}
		evaluateeID, err := queryID(r, "evaluateeId")
		if err != nil {
			return "", nil, err
		}
		return leadership.EvaluateeWorkbook(r.Context(), st.DB, id, leadership.ProfileInput{PeriodID: periodID, EvaluateeID: evaluateeID})
	}
}

// compareExport is a comparison as .xlsx: ?periodId=…&evaluateeIds=1,2,…
func compareExport(st *store.Store) func(r *http.Request, id *auth.Identity) (string, []byte, error) {
	return func(r *http.Request, id *auth.Identity) (string, []byte, error) {
		periodID, err := queryID(r, "periodId")
		if err != nil {
			return "", nil, err
		}
		var ids []int64
		for _, s := range strings.Split(r.URL.Query().Get("evaluateeIds"), ",") {
			n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
			if err != nil || n <= 0 {
				return "", nil, apperr.Field("evaluateeIds", "ids", "参数 evaluateeIds 须为以逗号分隔的考评对象编号", "evaluateeIds must be evaluatee ids separated by commas")
			}
			ids = append(ids, n)
		}
		return leadership.CompareWorkbook(r.Context(), st.DB, id, leadership.CompareInput{PeriodID: periodID, EvaluateeIDs: ids})
	}
}

// heatmapExport is a group's dimension rates as .xlsx: ?periodId=…&group=…
func heatmapExport(st *store.Store) func(r *http.Request, id *auth.Identity) (string, []byte, error) {
	return func(r *http.Request, id *auth.Identity) (string, []byte, error) {
		group := store.RankingGroup(r.URL.Query().Get("group"))
		if group != store.GroupDistricts && group != store.GroupDepartments {
			return "", nil, apperr.Field("group", "oneof", "参数 group 须为 DISTRICTS 或 DEPARTMENTS", "group must be DISTRICTS or DEPARTMENTS")
		}
		periodID, err := queryID(r, "periodId")
		if err != nil {
			return "", nil, err
		}
		return leadership.HeatmapWorkbook(r.Context(), st.DB, id, periodID, group)
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
