package main

import (
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/kaoping/kaoping/graph"
	"github.com/kaoping/kaoping/server/auth"
)

// everyone is every role: operations any signed-in user may do.
var everyone = auth.AllRoles

// rule is who may run an operation, and a request that reaches its
// resolver (the arguments need not be valid: an INVALID or NOT_FOUND answer
// still proves the caller got past the access check).
type rule struct {
	roles  []auth.Role // nil: public
	query  string
	upload string // variable path of an Upload, sent as multipart
}

const idArgs = `(id: "999999", version: 1)`

// mutationRules is the access table. TestEveryMutationHasARule fails when a
// mutation is added to the schema without a line here.
var mutationRules = map[string]rule{
	"login":                    {nil, `mutation { login(input: {username: "nobody", password: "wrong"}) { totpRequired } }`, ""},
	"logout":                   {everyone, `mutation { logout }`, ""},
	"changePassword":           {everyone, `mutation { changePassword(input: {currentPassword: "wrong", newPassword: "x"}) { restricted } }`, ""},
	"beginTotpEnrollment":      {everyone, `mutation { beginTotpEnrollment { secret } }`, ""},
	"confirmTotpEnrollment":    {everyone, `mutation { confirmTotpEnrollment(code: "000000") { restricted } }`, ""},
	"setMyLocale":              {everyone, `mutation { setMyLocale(locale: EN) { restricted } }`, ""},
	"setMyEmail":               {everyone, `mutation { setMyEmail(input: {email: "a@example.gov.cn"}) { restricted } }`, ""},
	"createUser":               {[]auth.Role{auth.RoleAdmin}, `mutation { createUser(input: {username: "newuser", displayName: "x", roles: [LEADER], password: "weak"}) { id } }`, ""},
	"updateUser":               {[]auth.Role{auth.RoleAdmin}, `mutation { updateUser(input: {id: "999999", version: 1, displayName: "x", roles: [LEADER], enabled: true}) { id } }`, ""},
	"resetPassword":            {[]auth.Role{auth.RoleAdmin}, `mutation { resetPassword(input: {id: "999999", password: "Abcdefg1!"}) { id } }`, ""},
	"unlockUser":               {[]auth.Role{auth.RoleAdmin}, `mutation { unlockUser(id: "999999") { id } }`, ""},
	"createUnit":               {[]auth.Role{auth.RoleAdmin}, `mutation { createUnit(input: {name: "", kind: DEPARTMENT, sortKey: 1}) { id } }`, ""},
	"updateUnit":               {[]auth.Role{auth.RoleAdmin}, `mutation { updateUnit(input: {id: "999999", version: 1, name: "x", kind: DEPARTMENT, aliases: [], sortKey: 1}) { id } }`, ""},
	"deleteUnit":               {[]auth.Role{auth.RoleAdmin}, `mutation { deleteUnit` + idArgs + ` }`, ""},
	"createPlan":               {taskForce, `mutation { createPlan(input: {name: "", year: 2024}) { id } }`, ""},
	"updatePlan":               {taskForce, `mutation { updatePlan(input: {id: "999999", version: 1, name: "x", year: 2024, weights: {dailyMonitoring: "60", fieldVisits: "20", publicOpinion: "10", thirdParty: "10"}, missingComponentRule: REDISTRIBUTE}) { id } }`, ""},
	"deletePlan":               {taskForce, `mutation { deletePlan` + idArgs + ` }`, ""},
	"copyPlan":                 {taskForce, `mutation { copyPlan(input: {planId: "999999", year: 2099}) { id } }`, ""},
	"createDimension":          {taskForce, `mutation { createDimension(input: {planId: "999999", number: 1, name: "x", points: "1"}) { id } }`, ""},
	"updateDimension":          {taskForce, `mutation { updateDimension(input: {id: "999999", version: 1, number: 1, name: "x", points: "1"}) { id } }`, ""},
	"deleteDimension":          {taskForce, `mutation { deleteDimension` + idArgs + ` }`, ""},
	"createIndicator":          {taskForce, `mutation { createIndicator(input: {dimensionId: "999999", number: 1, name: "x", points: "1"}) { id } }`, ""},
	"updateIndicator":          {taskForce, `mutation { updateIndicator(input: {id: "999999", version: 1, number: 1, name: "x", points: "1"}) { id } }`, ""},
	"deleteIndicator":          {taskForce, `mutation { deleteIndicator` + idArgs + ` }`, ""},
	"createTask":               {taskForce, `mutation { createTask(input: {indicatorId: "999999", number: 1, text: "x", deadline: {phrase: "", continuing: false}, leadUnitIds: ["1"]}) { id } }`, ""},
	"updateTask":               {taskForce, `mutation { updateTask(input: {id: "999999", version: 1, number: 1, text: "x", deadline: {phrase: "", continuing: false}, leadUnitIds: ["1"]}) { id } }`, ""},
	"deleteTask":               {taskForce, `mutation { deleteTask` + idArgs + ` }`, ""},
	"createEvaluatee":          {taskForce, `mutation { createEvaluatee(input: {planId: "999999", unitId: "1", group: DISTRICTS}) { id } }`, ""},
	"updateEvaluatee":          {taskForce, `mutation { updateEvaluatee(input: {id: "999999", version: 1, group: DISTRICTS}) { id } }`, ""},
	"deleteEvaluatee":          {taskForce, `mutation { deleteEvaluatee` + idArgs + ` }`, ""},
	"setTaskAssignments":       {taskForce, `mutation { setTaskAssignments(input: {taskId: "999999", evaluateeIds: []}) { id } }`, ""},
	"previewPlanImport":        {taskForce, `mutation($file: Upload!) { previewPlanImport(file: $file) { title } }`, "variables.file"},
	"importPlan":               {taskForce, `mutation($file: Upload!) { importPlan(input: {file: $file, name: "", year: 2024}) { plan { id } } }`, "variables.file"},
	"setPeriodWindows":         {taskForce, `mutation { setPeriodWindows(input: {periodId: "999999", version: 1}) { id } }`, ""},
	"fileObjection":            {contact, `mutation { fileObjection(input: {periodId: "999999", evaluateeId: "999999", reason: "x"}) { id } }`, ""},
	"answerObjection":          {taskForce, `mutation { answerObjection(input: {objectionId: "999999", version: 1, uphold: false, answer: "x"}) { id } }`, ""},
	"movePeriod":               {taskForce, `mutation { movePeriod(input: {periodId: "999999", version: 1, to: OPEN}) { id } }`, ""},
	"saveProgressReport":       {contact, `mutation { saveProgressReport(input: {periodId: "999999", evaluateeId: "999999", taskId: "1", state: IN_PROGRESS, narrative: "x", version: 0}) { id } }`, ""},
	"uploadEvidence":           {contact, `mutation($file: Upload!) { uploadEvidence(reportId: "999999", file: $file) { id } }`, "variables.file"},
	"deleteEvidence":           {contact, `mutation { deleteEvidence(id: "999999") }`, ""},
	"saveScores":               {scorer, `mutation { saveScores(input: {periodId: "999999", entries: [], submit: false}) { id } }`, ""},
	"submitScores":             {scorer, `mutation { submitScores(input: {periodId: "999999"}) { id } }`, ""},
	"importScoreSheet":         {scorer, `mutation($file: Upload!) { importScoreSheet(periodId: "999999", file: $file) { errors { row } } }`, "variables.file"},
	"allocateTaskPoints":       {scorer, `mutation { allocateTaskPoints(input: {indicatorId: "999999", allocations: [{taskId: "1", points: "1"}]}) { id } }`, ""},
	"verifyScores":             {taskForce, `mutation { verifyScores(input: {items: [{scoreId: "999999", version: 1, action: ACCEPT}]}) { id } }`, ""},
	"planFieldVisit":           {[]auth.Role{auth.RoleTaskForce, auth.RoleInspector}, `mutation { planFieldVisit(input: {periodId: "999999", evaluateeId: "999999", date: "2024-05-20", inspectorIds: ["1"]}) { id } }`, ""},
	"syncFieldVisit":           {inspector, `mutation { syncFieldVisit(input: {visitId: "999999", findings: [], photos: []}) { visit { id } } }`, ""},
	"submitFieldVisit":         {inspector, `mutation($file: Upload!) { submitFieldVisit(input: {visitId: "999999", version: 1, signedBy: "x", signature: $file}) { id } }`, "variables.file"},
	"reviewFieldVisit":         {taskForce, `mutation { reviewFieldVisit(input: {visitId: "999999", version: 1, action: ACCEPT}) { id } }`, ""},
	"reopenFieldVisit":         {taskForce, `mutation { reopenFieldVisit(input: {visitId: "999999", version: 1, reason: "x"}) { id } }`, ""},
	"updateFieldVisit":         {[]auth.Role{auth.RoleTaskForce, auth.RoleInspector}, `mutation { updateFieldVisit(input: {visitId: "999999", version: 1, date: "2024-05-20", inspectorIds: ["1"]}) { id } }`, ""},
	"cancelFieldVisit":         {[]auth.Role{auth.RoleTaskForce, auth.RoleInspector}, `mutation { cancelFieldVisit(input: {visitId: "999999", version: 1, reason: "x"}) { id } }`, ""},
	"saveView":                 {analysts, `mutation { saveView(input: {name: "x", spec: {measures: [SCORE_SUM], rows: [LEAD_UNIT]}}) { id } }`, ""},
	"duplicateView":            {analysts, `mutation { duplicateView(id: "999999") { id } }`, ""},
	"deleteView":               {analysts, `mutation { deleteView(id: "999999", version: 1) }`, ""},
	"importSourceValues":       {taskForce, `mutation($file: Upload!) { importSourceValues(input: {periodId: "999999", method: PUBLIC_OPINION, file: $file, dryRun: true}) { written } }`, "variables.file"},
	"markNotificationsRead":    {notAdmin, `mutation { markNotificationsRead(all: true) }`, ""},
	"setConsistencyThresholds": {taskForce, `mutation { setConsistencyThresholds(input: {planId: "999999", version: 1, highRate: "0.8", lowRate: "0.2", leadSpread: "0.5"}) { id } }`, ""},
}

var (
	contact   = []auth.Role{auth.RoleEvaluateeContact}
	scorer    = []auth.Role{auth.RoleLeadScorer}
	inspector = []auth.Role{auth.RoleInspector}
	readers   = []auth.Role{auth.RoleTaskForce, auth.RoleLeader, auth.RoleAnalyst, auth.RoleEvaluateeContact}
)

var taskForce = []auth.Role{auth.RoleTaskForce}

// notAdmin is every role but the administrator, who is told nothing
// (三员分立): the home page and the bell.
var notAdmin = []auth.Role{auth.RoleTaskForce, auth.RoleLeadScorer, auth.RoleEvaluateeContact, auth.RoleInspector, auth.RoleLeader, auth.RoleAnalyst, auth.RoleAuditor}

// analysts may aggregate and keep views (issue 12).
var analysts = []auth.Role{auth.RoleTaskForce, auth.RoleLeader, auth.RoleAnalyst}

// sensitiveQueries are queries only some roles may run.
var sensitiveQueries = map[string]rule{
	"users":                  {[]auth.Role{auth.RoleAdmin}, `{ users { id } }`, ""},
	"auditLog":               {[]auth.Role{auth.RoleAuditor}, `{ auditLog { total } }`, ""},
	"progressReports":        {[]auth.Role{auth.RoleEvaluateeContact, auth.RoleLeadScorer, auth.RoleTaskForce, auth.RoleInspector, auth.RoleLeader, auth.RoleAnalyst}, `{ progressReports(periodId: "999999", evaluateeId: "999999") { id } }`, ""},
	"scoreSheet":             {[]auth.Role{auth.RoleLeadScorer, auth.RoleTaskForce}, `{ scoreSheet(periodId: "999999") { editable } }`, ""},
	"verificationQueue":      {taskForce, `{ verificationQueue(periodId: "999999") { id } }`, ""},
	"sourceValues":           {[]auth.Role{auth.RoleTaskForce, auth.RoleLeader, auth.RoleAnalyst}, `{ sourceValues(periodId: "999999", method: PUBLIC_OPINION) { id } }`, ""},
	"ranking":                {readers, `{ ranking(periodId: "999999", group: DISTRICTS) { preview } }`, ""},
	"annualRanking":          {readers, `{ annualRanking(planId: "999999", group: DISTRICTS) { preview } }`, ""},
	"myFieldVisits":          {inspector, `{ myFieldVisits { id } }`, ""},
	"fieldVisits":            {[]auth.Role{auth.RoleTaskForce, auth.RoleLeader}, `{ fieldVisits(periodId: "999999") { id } }`, ""},
	"fieldVisit":             {[]auth.Role{auth.RoleInspector, auth.RoleTaskForce, auth.RoleLeader}, `{ fieldVisit(id: "999999") { id } }`, ""},
	"inspectors":             {[]auth.Role{auth.RoleTaskForce, auth.RoleInspector}, `{ inspectors { id } }`, ""},
	"fieldVisitChecklist":    {[]auth.Role{auth.RoleTaskForce, auth.RoleInspector}, `{ fieldVisitChecklist(periodId: "999999", evaluateeId: "999999") { task { id } } }`, ""},
	"evaluateeFieldFindings": {[]auth.Role{auth.RoleTaskForce, auth.RoleLeader}, `{ evaluateeFieldFindings(periodId: "999999", evaluateeId: "999999") { visitId } }`, ""},
	"breakdown":              {readers, `{ breakdown(periodId: "999999", evaluateeId: "999999") { preview } }`, ""},
	"rankChanges":            {[]auth.Role{auth.RoleTaskForce, auth.RoleLeader, auth.RoleAnalyst}, `{ rankChanges(periodId: "999999", group: DISTRICTS) { previousName } }`, ""},
	"annualRankChanges":      {[]auth.Role{auth.RoleTaskForce, auth.RoleLeader, auth.RoleAnalyst}, `{ annualRankChanges(planId: "999999", group: DISTRICTS) { previousName } }`, ""},
	"aggregate":              {analysts, `{ aggregate(spec: {measures: [SCORE_SUM], rows: [LEAD_UNIT]}) { live } }`, ""},
	"aggregateLimits":        {analysts, `{ aggregateLimits { maxRows } }`, ""},
	"savedViews":             {analysts, `{ savedViews { id } }`, ""},
	"savedView":              {analysts, `{ savedView(id: "999999") { id } }`, ""},
	// Plans and the unit catalogue are for the evaluation roles (and the
	// admin, who keeps the catalogue); the auditor reads the log only.
	"plans":             {evaluationRoles, `{ plans { id } }`, ""},
	"plan":              {evaluationRoles, `{ plan(id: "999999") { id } }`, ""},
	"task":              {evaluationRoles, `{ task(id: "999999") { id } }`, ""},
	"evaluatees":        {evaluationRoles, `{ evaluatees(planId: "999999") { id } }`, ""},
	"period":            {evaluationRoles, `{ period(id: "999999") { id } }`, ""},
	"units":             {append([]auth.Role{auth.RoleAdmin}, evaluationRoles...), `{ units { id } }`, ""},
	"auditLogUnits":     {[]auth.Role{auth.RoleAuditor}, `{ auditLogUnits { id } }`, ""},
	"flaggedScoreCount": {taskForce, `{ flaggedScoreCount(periodId: "999999") }`, ""},
	"whatIf":            {whatIfRoles, `{ whatIf(periodId: "999999", evaluateeId: "999999") { assumption } }`, ""},
	"whatIfTry":         {whatIfRoles, `{ whatIfTry(periodId: "999999", evaluateeId: "999999", changes: [{taskId: "1", value: "1"}]) { rank } }`, ""},
}

var whatIfRoles = []auth.Role{auth.RoleTaskForce, auth.RoleLeader, auth.RoleEvaluateeContact}

var evaluationRoles = []auth.Role{auth.RoleTaskForce, auth.RoleLeadScorer, auth.RoleEvaluateeContact, auth.RoleInspector, auth.RoleLeader, auth.RoleAnalyst}

func schema() *ast.Schema {
	return graph.NewExecutableSchema(graph.Config{}).Schema()
}

// allowedRoles reads a field's @allow directive.
func allowedRoles(f *ast.FieldDefinition) ([]auth.Role, bool) {
	d := f.Directives.ForName("allow")
	if d == nil {
		return nil, false
	}
	var roles []auth.Role
	for _, c := range d.Arguments.ForName("roles").Value.Children {
		roles = append(roles, auth.Role(c.Value.Raw))
	}
	return roles, true
}

func TestEveryMutationHasARule(t *testing.T) {
	t.Parallel()
	for _, f := range schema().Mutation.Fields {
		if strings.HasPrefix(f.Name, "__") {
			continue
		}
		r, ok := mutationRules[f.Name]
		if !ok {
			t.Errorf("mutation %s has no line in mutationRules: decide who may run it", f.Name)
			continue
		}
		roles, hasDirective := allowedRoles(f)
		if r.roles == nil {
			if hasDirective || !slices.Contains(publicOperationsForTest, f.Name) {
				t.Errorf("mutation %s is public in the table but not in the schema", f.Name)
			}
			continue
		}
		if !hasDirective {
			t.Errorf("mutation %s has no @allow directive", f.Name)
		} else if !sameRoles(roles, r.roles) {
			t.Errorf("mutation %s: schema allows %v, table says %v", f.Name, roles, r.roles)
		}
	}
	for name := range mutationRules {
		if schema().Mutation.Fields.ForName(name) == nil {
			t.Errorf("mutationRules names %s, which the schema does not have", name)
		}
	}
	for name, r := range sensitiveQueries {
		roles, ok := allowedRoles(schema().Query.Fields.ForName(name))
		if !ok || !sameRoles(roles, r.roles) {
			t.Errorf("query %s: schema allows %v, want %v", name, roles, r.roles)
		}
	}
}

var publicOperationsForTest = []string{"login", "me", "enumLabels"}

func sameRoles(a, b []auth.Role) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	sort.Slice(x, func(i, j int) bool { return x[i] < x[j] })
	sort.Slice(y, func(i, j int) bool { return y[i] < y[j] })
	return slices.Equal(x, y)
}

// TestRoleMatrix runs every mutation and sensitive query as every role and
// as nobody, and checks the answer: denied for roles not allowed, past the
// access check for the others. Every attempt must leave an audit record.
func TestRoleMatrix(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, true)
	ops := map[string]rule{}
	for k, v := range mutationRules {
		ops[k] = v
	}
	for k, v := range sensitiveQueries {
		ops[k] = v
	}
	names := make([]string, 0, len(ops))
	for n := range ops {
		names = append(names, n)
	}
	sort.Strings(names)

	run := func(name string, r rule) []gqlError {
		if r.upload != "" {
			return a.upload(r.query, map[string]any{"file": nil}, r.upload, "x.txt", []byte("一、方面(100分)"), nil)
		}
		return a.do(r.query, nil, nil)
	}
	for _, role := range auth.AllRoles {
		username := a.mustUser("市政府办公室", role)
		for _, name := range names {
			r := ops[name]
			a.login(username, testPassword) // logout in the table ends the session
			errs := run(name, r)
			allowed := r.roles == nil || slices.Contains(r.roles, role)
			code := codeOf(errs)
			denied := code == "FORBIDDEN" || code == "UNAUTHENTICATED" && name != "login"
			if allowed && denied {
				t.Errorf("%s as %s: denied (%v), want allowed", name, role, errs)
			}
			if !allowed && (code != "FORBIDDEN" || errs[0].Message != "没有权限执行此操作") {
				t.Errorf("%s as %s: %v, want FORBIDDEN", name, role, errs)
			}
		}
	}
	// Signed out, nothing but login works.
	a.do(`mutation { logout }`, nil, nil)
	for _, name := range names {
		if name == "login" {
			continue
		}
		if errs := run(name, ops[name]); codeOf(errs) != "UNAUTHENTICATED" {
			t.Errorf("%s signed out: %v, want UNAUTHENTICATED", name, errs)
		}
	}

	// Audit completeness: every mutation left a record for every role.
	var recs []struct {
		Operation string
		Outcome   string
		Username  string
	}
	if err := a.st.DB.NewRaw(`SELECT operation, outcome, username FROM audit_log`).Scan(t.Context(), &recs); err != nil {
		t.Fatal(err)
	}
	seen := map[string]map[string]bool{} // operation → usernames
	for _, r := range recs {
		if seen[r.Operation] == nil {
			seen[r.Operation] = map[string]bool{}
		}
		seen[r.Operation][r.Username] = true
	}
	for name := range mutationRules {
		for _, role := range auth.AllRoles {
			if u := a.mustUser("市政府办公室", role); !seen[name][u] {
				t.Errorf("no audit record of %s by %s", name, u)
			}
		}
	}
}
