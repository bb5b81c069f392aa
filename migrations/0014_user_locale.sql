-- The language each user reads the SPA in, remembered on the account so it
-- follows them to another browser or phone (issue 13: the choice remembered
-- per user). The values are the SPA's locale codes.
ALTER TABLE users
    ADD COLUMN locale text NOT NULL DEFAULT 'zh-CN' CONSTRAINT users_locale CHECK (locale IN ('zh-CN', 'en'));
