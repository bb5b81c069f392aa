// Package auth knows who is asking: accounts, password hashing and policy,
// sessions with idle and absolute expiry, lockout and throttling of failed
// logins, and TOTP second factors. The time comes from Service.Now so tests
// move it instead of sleeping.
package auth

import (
	"context"
	"slices"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/labels"
)

// Role is what a user may do (DESIGN §4).
type Role string

const (
	RoleAdmin            Role = "ADMIN"             // 系统管理员
	RoleTaskForce        Role = "TASK_FORCE"        // 专班
	RoleLeadScorer       Role = "LEAD_SCORER"       // 牵头单位评分员
	RoleEvaluateeContact Role = "EVALUATEE_CONTACT" // 考评对象联络员
	RoleInspector        Role = "INSPECTOR"         // 实地调研员
	RoleLeader           Role = "LEADER"            // 领导
	RoleAnalyst          Role = "ANALYST"           // 分析员
	RoleAuditor          Role = "AUDITOR"           // 审计员
)

// AllRoles in the order the UI lists them.
var AllRoles = []Role{RoleAdmin, RoleTaskForce, RoleLeadScorer, RoleEvaluateeContact, RoleInspector, RoleLeader, RoleAnalyst, RoleAuditor}

// Label is the role's Chinese name (server/labels).
func (r Role) Label() string { return labels.Of("Role", string(r)) }

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(AllRoles, r) }

// RequiresTOTP: administrators and auditors must use a second factor.
func (r Role) RequiresTOTP() bool { return r == RoleAdmin || r == RoleAuditor }

// Identity is the signed-in user as the rest of the request sees it.
type Identity struct {
	UserID      int64
	Username    string
	DisplayName string
	UnitID      *int64
	UnitName    string
	Roles       []Role
	// Pending lists what the user must do before anything else
	// (PASSWORD_CHANGE, PASSWORD_EXPIRED, TOTP_ENROLLMENT); while it is not
	// empty the session is restricted.
	Pending   []string
	TokenHash string
}

// Has reports whether the identity has any of roles.
func (id *Identity) Has(roles ...Role) bool {
	if id == nil {
		return false
	}
	for _, r := range roles {
		if slices.Contains(id.Roles, r) {
			return true
		}
	}
	return false
}

// Restricted reports whether the session may only do its pending steps.
func (id *Identity) Restricted() bool { return id != nil && len(id.Pending) > 0 }

// InUnit reports whether the identity belongs to unit.
func (id *Identity) InUnit(unit int64) bool {
	return id != nil && id.UnitID != nil && *id.UnitID == unit
}

type identityKey struct{}

// WithIdentity returns ctx carrying id.
func WithIdentity(ctx context.Context, id *Identity) context.Context {
	return context.WithValue(ctx, identityKey{}, id)
}

// From returns the request's identity, or nil when nobody is signed in.
func From(ctx context.Context) *Identity {
	id, _ := ctx.Value(identityKey{}).(*Identity)
	return id
}

// CheckSeparation enforces separation of duties (三员分立): the
// administrator and the auditor hold no other role, so whoever manages
// accounts or reads the audit log cannot also score, verify or publish.
func CheckSeparation(roles []Role, field string) error {
	for _, r := range roles {
		if (r == RoleAdmin || r == RoleAuditor) && len(roles) > 1 {
			return apperr.Field(field, "separation", "系统管理员、审计员角色不能与其他角色兼任(三员分立)",
				"the admin and auditor roles cannot be combined with any other role")
		}
	}
	return nil
}
