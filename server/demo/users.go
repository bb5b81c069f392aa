package demo

import (
	"context"
	"fmt"

	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/store"
)

// Password is every demo account's password. Demonstration only: the run
// command and the README say so.
const Password = "Kaoping@2023"

// Account is a demo user.
type Account struct {
	Username, DisplayName, Unit string
	Roles                       []auth.Role
	// TOTPSecret is set for the roles that must use a second factor, so the
	// demo admin and auditor can sign in with any authenticator app.
	TOTPSecret string
}

// Accounts are the demo users, one or more per role.
var Accounts = []Account{
	{"admin", "系统管理员", "市政府办公室", []auth.Role{auth.RoleAdmin}, "KAOPINGDEMOADMIN2223AAAAAAAAAAAA"},
	{"auditor", "审计员 赵敏", "市政府办公室", []auth.Role{auth.RoleAuditor}, "KAOPINGDEMOAUDITOR23AAAAAAAAAAAA"},
	{"zhuanban1", "专班 张伟", "市政府办公室", []auth.Role{auth.RoleTaskForce}, ""},
	{"zhuanban2", "专班 李娜", "市政府办公室", []auth.Role{auth.RoleTaskForce}, ""},
	{"scorer", "审批服务局评分员 王磊", "市审批服务局", []auth.Role{auth.RoleLeadScorer}, ""},
	{"scorer_police", "公安局评分员 刘洋", "市公安局", []auth.Role{auth.RoleLeadScorer}, ""},
	{"scorer_office", "政府办评分员 陈静", "市政府办公室", []auth.Role{auth.RoleLeadScorer, auth.RoleTaskForce}, ""},
	{"contact", "昆都仑区联络员 孙丽", "昆都仑区", []auth.Role{auth.RoleEvaluateeContact}, ""},
	{"inspector", "实地调研员 周强", "市政府办公室", []auth.Role{auth.RoleInspector}, ""},
	{"leader", "市领导 吴刚", "市政府办公室", []auth.Role{auth.RoleLeader}, ""},
	{"analyst", "分析员 郑洁", "市政府办公室", []auth.Role{auth.RoleAnalyst}, ""},
}

func loadUsers(ctx context.Context, tx store.DB) error {
	units, err := store.ListUnits(ctx, tx)
	if err != nil {
		return err
	}
	unitID := map[string]int64{}
	for _, u := range units {
		unitID[u.Name] = u.ID
	}
	for _, a := range Accounts {
		hash, err := auth.HashPassword(Password)
		if err != nil {
			return err
		}
		id := unitID[a.Unit]
		u := store.User{Username: a.Username, DisplayName: a.DisplayName, UnitID: &id, PasswordHash: hash, Enabled: true}
		for _, r := range a.Roles {
			u.Roles = append(u.Roles, string(r))
		}
		if err := store.CreateUser(ctx, tx, &u); err != nil {
			return fmt.Errorf("create demo user %s: %w", a.Username, err)
		}
		if a.TOTPSecret != "" {
			if err := store.EnableTOTP(ctx, tx, u.ID, a.TOTPSecret, 0); err != nil {
				return err
			}
		}
	}
	return nil
}
