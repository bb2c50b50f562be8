-- Custom sqlite migration of database "codex": write its SQL below, and the SQL that undoes it in the .down.sql file.
-- Put a line holding only "--> statement-breakpoint" between two statements.
-- After editing, and before applying it anywhere, run `strata hash` to record the checksum.
DROP TRIGGER trigger_unpublish_on_org_delete;
