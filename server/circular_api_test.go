package main

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kaoping/kaoping/server/auth"
)

// The 通报 of the second half of twoHalves: 甲区 90 (▲1), 丙区 80 (新),
// 乙区 70 (▼2), on the page and in the .xlsx alike.
func TestCircularOfAHalfYear(t *testing.T) {
	t.Parallel()
	s := newTwoHalves(t)
	s.loginAs(auth.RoleLeader)

	var out struct {
		Circular struct {
			Title, PeriodName string
			Preview           bool
			PreviousName      *string
			Groups            []struct {
				Group, Title, Paragraph string
				Ranking                 []struct {
					Rank     int
					UnitName string
					Score    *string
					Change   string
				}
				Dimensions []struct {
					Name        string
					Top, Bottom []struct {
						Rank     int
						UnitName string
					}
				}
			}
		}
	}
	s.must(`query($p: ID!) { circular(periodId: $p) { title periodName preview previousName groups { group title paragraph
		ranking { rank unitName score change } dimensions { name top { rank unitName } bottom { rank unitName } } } } }`,
		map[string]any{"p": s.h2}, &out)
	c := out.Circular
	if !c.Preview || c.PreviousName == nil || *c.PreviousName != s.h1Name || len(c.Groups) != 1 {
		t.Fatalf("circular = %+v", c)
	}
	g := c.Groups[0]
	if g.Title != "旗县区组" || len(g.Ranking) != 3 || g.Ranking[0].UnitName != "甲区" || g.Ranking[0].Change != "▲1" || g.Ranking[1].Change != "新" {
		t.Errorf("group = %+v", g)
	}
	for _, want := range []string{"共 3 个单位参评", "甲区以 90.00 分位列第一", "乙区以 70.00 分位列末位", "甲区进步最大,上升 1 位"} {
		if !strings.Contains(g.Paragraph, want) {
			t.Errorf("paragraph %q lacks %q", g.Paragraph, want)
		}
	}
	if len(g.Dimensions) != 1 || len(g.Dimensions[0].Top) != 3 || len(g.Dimensions[0].Bottom) != 0 || g.Dimensions[0].Top[2].UnitName != "乙区" {
		t.Errorf("dimensions = %+v (three units: all in the top three, none left for the bottom)", g.Dimensions)
	}

	resp, err := s.client.Get(s.srv.URL + "/files/circular.xlsx?periodId=" + s.h2)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("export: %d %s", resp.StatusCode, data)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("旗县区组排名")
	if len(rows) != 8 || rows[4][0] != "名次" || rows[3][0] != g.Paragraph {
		t.Fatalf("sheet rows = %q", rows)
	}
	for i, w := range [][]string{{"1", "甲区", "90.00", "▲1"}, {"2", "丙区", "80.00", "新"}, {"3", "乙区", "70.00", "▼2"}} {
		if got := rows[5+i]; !equalStrings(got, w) {
			t.Errorf("row %d = %q, want %q", i, got, w)
		}
	}
	if v, _ := f.GetCellValue("旗县区组排名", "C6", excelize.Options{RawCellValue: true}); v != "90" {
		t.Errorf("C6 raw = %q, want the number 90", v)
	}
	if panes, _ := f.GetPanes("旗县区组排名"); !panes.Freeze || panes.YSplit != 5 {
		t.Errorf("panes = %+v, want the header row frozen", panes)
	}

	// A contact may not read the circular.
	s.loginAs(auth.RoleEvaluateeContact)
	if errs := s.do(`query($p: ID!) { circular(periodId: $p) { title } }`, map[string]any{"p": s.h2}, nil); len(errs) == 0 {
		t.Error("a contact read the circular")
	}
}
