-- Saved views of the analysts' aggregate (issue 12): a name, a description
-- and the view itself as the SPA and the aggregate API read it (measures,
-- rows, columns, filters, chart). Shared with roles: every holder of one of
-- shared_roles may open it; only its owner changes or deletes it. Built-in
-- views have no owner and ship with the app, so they are here rather than
-- in the demo loader: a production database gets them too.

CREATE TABLE saved_views (
    id              bigserial PRIMARY KEY,
    owner_id        bigint REFERENCES users (id) ON DELETE CASCADE,
    owner_name      text NOT NULL,
    name            text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 100),
    description     text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    spec            jsonb NOT NULL,
    shared_roles    text[] NOT NULL DEFAULT '{}',
    builtin         boolean NOT NULL DEFAULT false,
    version         integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT saved_views_owner_check CHECK (builtin OR owner_id IS NOT NULL)
);
CREATE INDEX saved_views_owner_idx ON saved_views (owner_id);

INSERT INTO saved_views (owner_name, name, description, spec, shared_roles, builtin) VALUES
('系统内置', '牵头单位评分校准',
 '每个牵头单位给出的得分率分布(均值、离散度、满分占比、不足一半占比),以及专班调整、退回其评分的频率和幅度。合计行是全体牵头单位的基准:明显高于基准的单位偏宽松,明显低于的偏严格。',
 '{"measures":["RATE_MEAN","RATE_STDDEV","FULL_MARKS_SHARE","BELOW_HALF_SHARE","ADJUSTED_SHARE","ADJUSTMENT_MEAN","RETURNED_SHARE","SCORE_COUNT"],"rows":["LEAD_UNIT"],"columns":[],"filters":[],"chart":"BAR"}',
 '{TASK_FORCE,LEADER,ANALYST}', true),
('系统内置', '各维度难度',
 '每个考评周期各维度的平均得分率:得分率越低,该维度越难拿分。',
 '{"measures":["RATE_MEAN"],"rows":["DIMENSION"],"columns":["PERIOD"],"filters":[],"chart":"HEATMAP"}',
 '{TASK_FORCE,LEADER,ANALYST}', true),
('系统内置', '变化最大的考评对象',
 '两个考评周期之间得分率变化最大的考评对象,按变化幅度排序。在筛选中选定两个周期即可比较任意两期。',
 '{"measures":["RATE"],"rows":["EVALUATEE"],"columns":["PERIOD"],"filters":[],"chart":"LINE","compare":true}',
 '{TASK_FORCE,LEADER,ANALYST}', true);
