-- 民意调查 / 第三方评估 weights: the import accepts up to six decimals
-- (0.333333 and 0.666667 for thirds) and up to 1,000,000,000 (respondent
-- counts), but numeric(7, 2) kept two decimals and rounded the rest away
-- silently (issue 7). Store what the import accepts.
ALTER TABLE source_values ALTER COLUMN weight TYPE numeric(16, 6);
