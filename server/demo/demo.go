// Package demo loads the data a new installation shows: Baotou's units, the
// published method document imported as a plan, six clearly-marked sample
// (示例) dimensions that complete it to 100 points, the evaluatees in their
// ranking groups, a sensible assignment matrix and an account for every role.
package demo

import (
	"context"
	_ "embed"
	"fmt"

	"github.com/kaoping/kaoping/server/importer"
	"github.com/kaoping/kaoping/server/store"
)

// method is a copy of shared/seed/数字政府建设考评办法.txt, kept in the repo so
// the demo works from a clean checkout.
//
//go:embed method.txt
var method []byte

// samples completes the seed's one dimension with six sample dimensions in
// the document's own format, so they go through the same importer.
//
//go:embed samples.txt
var samples []byte

// PlanName is the demo plan's name.
const PlanName = "包头市数字政府建设考评(2023年度)"

// PlanYear is the demo plan's year.
const PlanYear = 2023

type unitSpec struct {
	name    string
	kind    store.UnitKind
	aliases []string
}

// units in the official order government lists follow: districts first, the
// zone last among them, then departments.
var units = []unitSpec{
	{"昆都仑区", store.UnitKindDistrict, nil},
	{"青山区", store.UnitKindDistrict, nil},
	{"东河区", store.UnitKindDistrict, nil},
	{"九原区", store.UnitKindDistrict, nil},
	{"石拐区", store.UnitKindDistrict, nil},
	{"白云鄂博矿区", store.UnitKindDistrict, []string{"白云矿区"}},
	{"土默特右旗", store.UnitKindDistrict, []string{"土右旗"}},
	{"固阳县", store.UnitKindDistrict, nil},
	{"达尔罕茂明安联合旗", store.UnitKindDistrict, []string{"达茂旗"}},
	{"稀土高新区", store.UnitKindDevZone, []string{"稀土高新技术产业开发区", "稀土高新区管委会"}},
	{"市政府办公室", store.UnitKindDepartment, []string{"政府办公室", "市政府办"}},
	{"市发改委", store.UnitKindDepartment, []string{"市发展改革委", "市发展和改革委员会"}},
	{"市教育局", store.UnitKindDepartment, nil},
	{"市工信局", store.UnitKindDepartment, []string{"市工业和信息化局"}},
	{"市公安局", store.UnitKindDepartment, nil},
	{"市人社局", store.UnitKindDepartment, []string{"市人力资源和社会保障局"}},
	{"市住建局", store.UnitKindDepartment, []string{"市住房和城乡建设局"}},
	{"市文旅广电局", store.UnitKindDepartment, []string{"市文旅局", "市文化旅游广电局"}},
	{"市卫健委", store.UnitKindDepartment, []string{"市卫生健康委"}},
	{"市体育局", store.UnitKindDepartment, nil},
	{"市医保局", store.UnitKindDepartment, []string{"市医疗保障局"}},
	{"市审批服务局", store.UnitKindDepartment, []string{"市行政审批和政务服务局"}},
	{"市委网信办", store.UnitKindDepartment, []string{"网信办"}},
}

// serviceLeads are the lead units whose tasks every district also carries:
// government services and the city-wide digital-government work are done at
// every level, while sector tasks stay with their departments.
var serviceLeads = map[string]bool{"市审批服务局": true, "市政府办公室": true}

// Load fills an empty database and reports whether it did; a database that
// already has a plan is left alone.
func Load(ctx context.Context, st *store.Store) (bool, error) {
	var loaded bool
	err := st.InTx(ctx, func(ctx context.Context, tx store.Tx) error {
		plans, err := store.ListPlans(ctx, tx)
		if err != nil {
			return err
		}
		if len(plans) > 0 {
			return nil
		}
		if err := loadUnits(ctx, tx); err != nil {
			return err
		}
		if err := loadPlan(ctx, tx); err != nil {
			return err
		}
		if err := loadUsers(ctx, tx); err != nil {
			return err
		}
		plans, err = store.ListPlans(ctx, tx)
		if err != nil {
			return err
		}
		if err := loadScores(ctx, tx, plans[0].ID); err != nil {
			return err
		}
		if err := loadVisits(ctx, tx, plans[0].ID); err != nil {
			return err
		}
		loaded = true
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("load demo data: %w", err)
	}
	return loaded, nil
}

func loadUnits(ctx context.Context, tx store.DB) error {
	for i, spec := range units {
		u := store.Unit{Name: spec.name, Kind: spec.kind, Aliases: spec.aliases, SortKey: (i + 1) * 10}
		if err := store.CreateUnit(ctx, tx, &u); err != nil {
			return fmt.Errorf("create unit %s: %w", spec.name, err)
		}
	}
	return nil
}

func loadPlan(ctx context.Context, tx store.DB) error {
	all, err := store.ListUnits(ctx, tx)
	if err != nil {
		return err
	}
	opts := importer.Options{Units: store.CatalogueOf(all)}
	doc := importer.Parse(method, opts)
	extra := importer.Parse(samples, opts)
	for _, p := range extra.Problems {
		// The samples continue the seed's numbering (二、…, task 30…) and
		// total 75 points on their own; anything else is a broken sample.
		if p.Code != "NUMBER_SEQUENCE" && p.Code != "PLAN_TOTAL" {
			return fmt.Errorf("sample dimensions, line %d: %s", p.Line, p.Message)
		}
	}
	doc.Dimensions = append(doc.Dimensions, extra.Dimensions...)
	doc.NewUnits = append(doc.NewUnits, extra.NewUnits...)

	plan, _, err := store.ImportPlan(ctx, tx, PlanName, PlanYear, doc)
	if err != nil {
		return err
	}
	return loadEvaluatees(ctx, tx, plan.ID)
}

// loadEvaluatees makes every district and the zone an evaluatee of the
// 旗县区组 and every department that leads a task one of the 市直部门组, then
// assigns tasks: a department carries what it leads, districts carry the
// service tasks.
func loadEvaluatees(ctx context.Context, tx store.DB, planID int64) error {
	all, err := store.ListUnits(ctx, tx)
	if err != nil {
		return err
	}
	tasks, err := store.TasksByPlans(ctx, tx, []int64{planID})
	if err != nil {
		return err
	}
	leads, err := store.LeadUnitsByPlans(ctx, tx, []int64{planID})
	if err != nil {
		return err
	}
	leading := map[int64]bool{}
	for _, us := range leads[planID] {
		for _, u := range us {
			leading[u.ID] = true
		}
	}
	evaluateeOf := map[int64]int64{} // unit → evaluatee
	var districts []int64
	for _, u := range all {
		group := store.GroupDepartments
		if u.Kind != store.UnitKindDepartment {
			group = store.GroupDistricts
		} else if !leading[u.ID] {
			continue
		}
		e := store.Evaluatee{PlanID: planID, UnitID: u.ID, Group: group}
		if err := store.CreateEvaluatee(ctx, tx, &e); err != nil {
			return fmt.Errorf("create evaluatee %s: %w", u.Name, err)
		}
		evaluateeOf[u.ID] = e.ID
		if group == store.GroupDistricts {
			districts = append(districts, e.ID)
		}
	}
	for _, t := range tasks[planID] {
		var carriers []int64
		service := false
		for _, u := range leads[planID][t.ID] {
			carriers = append(carriers, evaluateeOf[u.ID])
			service = service || serviceLeads[u.Name]
		}
		if service {
			carriers = append(carriers, districts...)
		}
		if err := store.SetTaskAssignments(ctx, tx, t.ID, carriers); err != nil {
			return fmt.Errorf("assign task %d: %w", t.Number, err)
		}
	}
	return nil
}
