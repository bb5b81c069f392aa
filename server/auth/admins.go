package auth

import (
	"context"
	"slices"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/store"
)

// KeepAnAdministrator refuses an update that would leave no enabled
// administrator: nobody could then create accounts, reset passwords or
// unlock anyone, and only a database superuser could repair it. u is the
// account as it is now; enabled and roles are what the update sets. Run it
// in the update's transaction (it locks the administrators' rows).
func KeepAnAdministrator(ctx context.Context, db store.DB, u *store.User, enabled bool, roles []Role) error {
	wasAdmin := u.Enabled && slices.Contains(u.Roles, string(RoleAdmin))
	staysAdmin := enabled && slices.Contains(roles, RoleAdmin)
	if !wasAdmin || staysAdmin {
		return nil
	}
	admins, err := store.LockEnabledAdmins(ctx, db)
	if err != nil {
		return err
	}
	if slices.ContainsFunc(admins, func(id int64) bool { return id != u.ID }) {
		return nil
	}
	if !enabled {
		return apperr.Field("input.enabled", "lastAdmin", "这是最后一个启用的系统管理员,不能停用;请先启用或创建另一个系统管理员",
			"this is the last enabled administrator and cannot be disabled")
	}
	return apperr.Field("input.roles", "lastAdmin", "这是最后一个启用的系统管理员,不能取消其系统管理员角色;请先启用或创建另一个系统管理员",
		"the last enabled administrator cannot lose the admin role")
}
