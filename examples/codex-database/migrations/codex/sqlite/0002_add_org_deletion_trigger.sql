-- Custom sqlite migration of database "codex": write its SQL below, and the SQL that undoes it in the .down.sql file.
-- Put a line holding only "--> statement-breakpoint" between two statements.
-- After editing, and before applying it anywhere, run `strata hash` to record the checksum.
-- SQLite's equivalent of the PostgreSQL trigger of the same name: a BEFORE trigger cannot assign
-- NEW here, so once organization_id has gone from a value to NULL (the organization was deleted,
-- ON DELETE SET NULL) this trigger unpublishes the row with a second update.
CREATE TRIGGER trigger_unpublish_on_org_delete
  AFTER UPDATE OF organization_id ON content
  FOR EACH ROW
  WHEN OLD.organization_id IS NOT NULL AND NEW.organization_id IS NULL
BEGIN
  UPDATE content SET status = 'draft', published_at = NULL WHERE id = NEW.id;
END;
