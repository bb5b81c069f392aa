package results

import "math/big"

// The oracle is a second implementation of DESIGN §2, written from the
// design document alone, in exact rationals (math/big.Rat). It shares no
// code with server/scoring, so a slip in one is caught by the other. Field
// visits are not stored yet, so 实地调研 is always missing here.

// oPlan is a plan as the oracle reads it.
type oPlan struct {
	weights [4]*big.Rat // DM, FV, PO, TP in percent
	zero    bool        // missing rule: ZERO (else REDISTRIBUTE)
	dims    []oDim
}

type oDim struct {
	points *big.Rat
	inds   []oInd
}

type oInd struct {
	points *big.Rat
	tasks  []oTask
}

type oTask struct {
	id     int64
	points *big.Rat // nil: shares what the indicator has left
}

// oEntry is one lead unit's score as entered (two decimals).
type oEntry struct {
	value    *big.Rat
	verified bool
}

// oInput is one evaluatee's half year.
type oInput struct {
	carried map[int64]bool
	entries map[int64][]oEntry // task → entries of its lead units
	po, tp  [][2]*big.Rat      // imported (value, weight)
}

func r(n, d int64) *big.Rat { return big.NewRat(n, d) }

// taskPoints is §2.1: own points, or an equal share of what is left.
func (p oPlan) taskPoints() map[int64]*big.Rat {
	out := map[int64]*big.Rat{}
	for _, d := range p.dims {
		for _, i := range d.inds {
			left, open := new(big.Rat).Set(i.points), int64(0)
			for _, t := range i.tasks {
				if t.points == nil {
					open++
				} else {
					left.Sub(left, t.points)
				}
			}
			if left.Sign() < 0 {
				left.SetInt64(0)
			}
			for _, t := range i.tasks {
				if t.points != nil {
					out[t.id] = t.points
				} else {
					out[t.id] = new(big.Rat).Quo(left, r(open, 1))
				}
			}
		}
	}
	return out
}

// roundHalfUp rounds a non-negative x to two decimals, as a fraction.
func roundHalfUp(x *big.Rat) *big.Rat {
	// floor(100x + 1/2) / 100
	y := new(big.Rat).Mul(x, r(100, 1))
	y.Add(y, r(1, 2))
	q := new(big.Int).Quo(y.Num(), y.Denom()) // non-negative: Quo is floor
	return new(big.Rat).SetFrac(q, big.NewInt(100))
}

// maxEntry is §2.2: the highest enterable score, the points rounded half up.
func maxEntry(points *big.Rat) *big.Rat { return roundHalfUp(points) }

// halfYear is §2.2–2.7: H, or nil when there is no half-year score.
func (p oPlan) halfYear(in oInput) *big.Rat {
	pts := p.taskPoints()
	var comps [4]*big.Rat // nil = missing

	// 日常监测.
	sumTerms, sumPd, left := new(big.Rat), new(big.Rat), 0
	for _, d := range p.dims {
		sumS, sumP, carried := new(big.Rat), new(big.Rat), 0
		for _, i := range d.inds {
			for _, t := range i.tasks {
				if !in.carried[t.id] {
					continue
				}
				carried++
				sumP.Add(sumP, pts[t.id])
				// Mean of the verified entries; full marks on a share
				// count as the exact share.
				total, n := new(big.Rat), int64(0)
				for _, e := range in.entries[t.id] {
					if !e.verified {
						continue
					}
					v := e.value
					if v.Cmp(maxEntry(pts[t.id])) == 0 {
						v = pts[t.id]
					}
					total.Add(total, v)
					n++
				}
				if n > 0 {
					sumS.Add(sumS, total.Quo(total, r(n, 1)))
				}
			}
		}
		if carried == 0 || sumP.Sign() == 0 {
			continue // left out
		}
		term := new(big.Rat).Mul(d.points, sumS)
		sumTerms.Add(sumTerms, term.Quo(term, sumP))
		sumPd.Add(sumPd, d.points)
		left++
	}
	if left > 0 && sumPd.Sign() != 0 {
		dm := new(big.Rat).Mul(r(100, 1), sumTerms)
		comps[0] = dm.Quo(dm, sumPd)
	}

	// 民意调查, 第三方评估: weighted means.
	mean := func(vals [][2]*big.Rat) *big.Rat {
		if len(vals) == 0 {
			return nil
		}
		num, den := new(big.Rat), new(big.Rat)
		for _, v := range vals {
			num.Add(num, new(big.Rat).Mul(v[0], v[1]))
			den.Add(den, v[1])
		}
		return num.Quo(num, den)
	}
	comps[2], comps[3] = mean(in.po), mean(in.tp)

	// H.
	num, present, any := new(big.Rat), new(big.Rat), false
	for m, c := range comps {
		if c == nil {
			continue
		}
		any = true
		num.Add(num, new(big.Rat).Mul(p.weights[m], c))
		present.Add(present, p.weights[m])
	}
	if !any {
		return nil
	}
	den := r(100, 1)
	if !p.zero {
		den = present
	}
	if den.Sign() == 0 {
		return nil
	}
	return num.Quo(num, den)
}

// oRanked is one evaluatee's place in its group.
type oRanked struct {
	id    int64
	score *big.Rat // published; nil = no score
}

// ranks is §2.9 for one group: a rank is one more than the number of
// evaluatees with a higher published score, so equal scores share a rank
// (1, 2, 2, 4); evaluatees without a score come after all of them.
func ranks(rows []oRanked) map[int64]int {
	out, scored := map[int64]int{}, 0
	for _, x := range rows {
		if x.score == nil {
			continue
		}
		scored++
		higher := 0
		for _, y := range rows {
			if y.score != nil && y.score.Cmp(x.score) > 0 {
				higher++
			}
		}
		out[x.id] = higher + 1
	}
	for _, x := range rows {
		if x.score == nil {
			out[x.id] = scored + 1
		}
	}
	return out
}

// annual is §2.8: (published H1 + published H2) / 2 rounded half up; H1 alone
// is provisional; nothing without H1.
func annual(h1, h2 *big.Rat) (y *big.Rat, provisional, ok bool) {
	if h1 == nil {
		return nil, false, false
	}
	p1 := roundHalfUp(h1)
	if h2 == nil {
		return p1, true, true
	}
	sum := new(big.Rat).Add(p1, roundHalfUp(h2))
	return roundHalfUp(sum.Quo(sum, r(2, 1))), false, true
}
