-- Consistency flags (疑点) compare a score with the evidence around it; the
-- thresholds are the plan's, as rates of a task's points, so a city can
-- tighten them without a release.
ALTER TABLE plans
    ADD COLUMN flag_high_rate   numeric(4, 3) NOT NULL DEFAULT 0.8 CHECK (flag_high_rate > 0 AND flag_high_rate <= 1),
    ADD COLUMN flag_low_rate    numeric(4, 3) NOT NULL DEFAULT 0.2 CHECK (flag_low_rate > 0 AND flag_low_rate < 1),
    ADD COLUMN flag_lead_spread numeric(4, 3) NOT NULL DEFAULT 0.5 CHECK (flag_lead_spread > 0 AND flag_lead_spread <= 1),
    ADD CONSTRAINT plans_flag_rates CHECK (flag_low_rate < flag_high_rate);
