package evaluation

import (
	"context"
	"time"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/store"
)

// WindowsInput is a period's windows as the 专班 sets them: the last day of
// 填报 and the last day of 公示 (calendar days in Asia/Shanghai), each
// optional.
type WindowsInput struct {
	PeriodID        int64
	Version         int
	EntryClosesOn   *time.Time
	PublicityEndsOn *time.Time
}

// SetPeriodWindows sets when a period's 填报 closes and its 公示 ends. Only
// the 专班 sets them; 公示 cannot end before 填报 closes.
func (s *Service) SetPeriodWindows(ctx context.Context, tx store.DB, id *auth.Identity, in WindowsInput) (*store.Period, error) {
	if !id.Has(auth.RoleTaskForce) {
		return nil, forbidden("仅专班可设置考评周期的时间窗口", "Only the task force can set a period's time windows")
	}
	if in.EntryClosesOn != nil && in.PublicityEndsOn != nil && in.PublicityEndsOn.Before(*in.EntryClosesOn) {
		return nil, apperr.Field("input.publicityEndsOn", "afterEntry", "公示截止日期不能早于填报截止日期",
			"publicity cannot end before entry closes")
	}
	p, err := store.FindPeriod(ctx, tx, in.PeriodID)
	if err != nil {
		return nil, err
	}
	if p.Version != in.Version {
		return nil, apperr.StaleVersion(apperr.Period, in.PeriodID, p)
	}
	if err := store.SetPeriodWindows(ctx, tx, p, in.EntryClosesOn, in.PublicityEndsOn); err != nil {
		return nil, err
	}
	return p, nil
}
