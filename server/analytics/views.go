package analytics

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/store"
)

// View is a saved view as its reader sees it. Problems lists what in the
// stored spec no longer exists (a measure or grouping renamed since); such
// parts are left out of Spec, so the view opens with a message instead of
// failing.
type View struct {
	store.SavedView
	Spec     Spec
	Problems []string
	// Mine: the reader owns it and may change and delete it.
	Mine bool
}

// ViewInput is what a user saves. ID nil creates a view.
type ViewInput struct {
	ID          *int64
	Version     int
	Name        string
	Description string
	Spec        Spec
	SharedWith  []auth.Role
}

// shareable are the roles a view may be shared with: those who may open
// views at all.
var shareable = readers

func roleNames(id *auth.Identity) []string {
	out := make([]string, len(id.Roles))
	for i, r := range id.Roles {
		out[i] = string(r)
	}
	return out
}

func mayOpen(id *auth.Identity, v *store.SavedView) bool {
	if v.OwnerID != nil && *v.OwnerID == id.UserID {
		return true
	}
	return slices.ContainsFunc(id.Roles, func(r auth.Role) bool { return slices.Contains(v.SharedRoles, string(r)) })
}

// thaw reads a stored spec, dropping (and naming) what the whitelist no
// longer knows.
func thaw(v store.SavedView, id *auth.Identity) View {
	out := View{SavedView: v, Mine: v.OwnerID != nil && *v.OwnerID == id.UserID}
	if err := json.Unmarshal(v.Spec, &out.Spec); err != nil {
		out.Problems = append(out.Problems, "视图的定义无法读取,请重新设置后保存")
		out.Spec = Spec{}
		return out
	}
	s := &out.Spec
	s.Measures = slices.DeleteFunc(s.Measures, func(m store.Measure) bool {
		if !m.Known() {
			out.Problems = append(out.Problems, fmt.Sprintf("度量 %s 已不存在,已从视图中移除", m))
		}
		return !m.Known()
	})
	drop := func(g store.Grouping) bool {
		if !g.Known() {
			out.Problems = append(out.Problems, fmt.Sprintf("分组 %s 已不存在,已从视图中移除", g))
		}
		return !g.Known()
	}
	s.Rows = slices.DeleteFunc(s.Rows, drop)
	s.Columns = slices.DeleteFunc(s.Columns, drop)
	s.Filters = slices.DeleteFunc(s.Filters, func(f Filter) bool { return drop(f.Grouping) })
	return out
}

// ListViews returns the views id owns or that are shared with one of its roles.
func ListViews(ctx context.Context, db store.DB, id *auth.Identity) ([]View, error) {
	if err := mayRead(id); err != nil {
		return nil, err
	}
	vs, err := store.ListViews(ctx, db, id.UserID, roleNames(id))
	if err != nil {
		return nil, fmt.Errorf("list views of %s: %w", id.Username, err)
	}
	out := make([]View, len(vs))
	for i, v := range vs {
		out[i] = thaw(v, id)
	}
	return out, nil
}

// OpenView returns one view id may open; NotFound for one it may not (its
// existence is nobody else's business).
func OpenView(ctx context.Context, db store.DB, id *auth.Identity, viewID int64) (*View, error) {
	if err := mayRead(id); err != nil {
		return nil, err
	}
	v, err := store.FindView(ctx, db, viewID)
	if err != nil {
		return nil, err
	}
	if !mayOpen(id, v) {
		return nil, apperr.NotFoundf(apperr.View, viewID)
	}
	out := thaw(*v, id)
	return &out, nil
}

func (in *ViewInput) check() error {
	in.Name = strings.TrimSpace(in.Name)
	switch {
	case in.Name == "":
		return apperr.Field("name", "required", "请填写视图名称", "name is required")
	case utf8.RuneCountInString(in.Name) > 100:
		return apperr.Field("name", "max", "视图名称最多 100 字", "name is at most 100 characters")
	case utf8.RuneCountInString(in.Description) > 2000:
		return apperr.Field("description", "max", "说明最多 2000 字", "description is at most 2000 characters")
	}
	for i, r := range in.SharedWith {
		if !slices.Contains(shareable, r) {
			return apperr.Field(fmt.Sprintf("sharedWith[%d]", i), "oneof", "视图只能共享给专班、领导或分析员", "views are shared with TASK_FORCE, LEADER or ANALYST only")
		}
	}
	return in.Spec.Check()
}

// SaveView creates a view owned by id, or changes one id owns if nobody
// saved it since in.Version.
func SaveView(ctx context.Context, db store.DB, id *auth.Identity, in ViewInput) (*View, error) {
	if err := mayRead(id); err != nil {
		return nil, err
	}
	if err := in.check(); err != nil {
		return nil, err
	}
	spec, err := json.Marshal(in.Spec)
	if err != nil {
		return nil, fmt.Errorf("encode view: %w", err)
	}
	roles := make([]string, 0, len(in.SharedWith))
	for _, r := range in.SharedWith {
		if !slices.Contains(roles, string(r)) {
			roles = append(roles, string(r))
		}
	}
	var v *store.SavedView
	if in.ID == nil {
		v = &store.SavedView{OwnerID: &id.UserID, OwnerName: id.DisplayName, Name: in.Name, Description: in.Description, Spec: spec, SharedRoles: roles}
		if err := store.CreateView(ctx, db, v); err != nil {
			return nil, fmt.Errorf("create view %q: %w", in.Name, err)
		}
	} else {
		if v, err = owned(ctx, db, id, *in.ID, "修改", "change"); err != nil {
			return nil, err
		}
		v.Version, v.Name, v.Description, v.Spec, v.SharedRoles = in.Version, in.Name, in.Description, spec, roles
		if err := store.UpdateView(ctx, db, v); err != nil {
			return nil, fmt.Errorf("update view %d: %w", *in.ID, err)
		}
	}
	out := thaw(*v, id)
	return &out, nil
}

// owned returns view viewID if id owns it.
func owned(ctx context.Context, db store.DB, id *auth.Identity, viewID int64, zhVerb, enVerb string) (*store.SavedView, error) {
	v, err := store.FindView(ctx, db, viewID)
	if err != nil {
		return nil, err
	}
	if !mayOpen(id, v) {
		return nil, apperr.NotFoundf(apperr.View, viewID)
	}
	if v.OwnerID == nil || *v.OwnerID != id.UserID {
		return nil, apperr.New(apperr.Forbidden, fmt.Sprintf("只有视图的创建者可以%s它;可以复制一份再%s", zhVerb, zhVerb),
			fmt.Sprintf("Only the view's creator can %s it; you can duplicate it and %s the copy", enVerb, enVerb))
	}
	return v, nil
}

// DuplicateView copies a view id may open into a new one id owns, shared
// with nobody.
func DuplicateView(ctx context.Context, db store.DB, id *auth.Identity, viewID int64) (*View, error) {
	src, err := OpenView(ctx, db, id, viewID)
	if err != nil {
		return nil, err
	}
	name := []rune(src.Name + "(副本)")
	if len(name) > 100 {
		name = name[:100]
	}
	return SaveView(ctx, db, id, ViewInput{Name: string(name), Description: src.Description, Spec: src.Spec})
}

// DeleteView removes a view id owns.
func DeleteView(ctx context.Context, db store.DB, id *auth.Identity, viewID int64, version int) error {
	if err := mayRead(id); err != nil {
		return err
	}
	if _, err := owned(ctx, db, id, viewID, "删除", "delete"); err != nil {
		return err
	}
	if err := store.DeleteView(ctx, db, viewID, version); err != nil {
		return fmt.Errorf("delete view %d: %w", viewID, err)
	}
	return nil
}
