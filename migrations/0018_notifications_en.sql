-- Notifications in English too (issue 13: English complete for every page).
-- The server writes each notification's title and body in both languages;
-- the bell shows the one of the UI's language. Rows written before this
-- keep the English empty, and the SPA then shows their Chinese.
ALTER TABLE notifications
    ADD COLUMN title_en text NOT NULL DEFAULT '',
    ADD COLUMN body_en  text NOT NULL DEFAULT '';
