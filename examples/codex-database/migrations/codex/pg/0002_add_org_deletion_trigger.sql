-- Custom pg migration of database "codex": write its SQL below, and the SQL that undoes it in the .down.sql file.
-- Put a line holding only "--> statement-breakpoint" between two statements.
-- After editing, and before applying it anywhere, run `strata hash` to record the checksum.
-- Deleting an organization sets content.organization_id to NULL (ON DELETE SET NULL); this
-- trigger unpublishes such content, so it does not appear on the creator's personal page.
CREATE FUNCTION unpublish_content_on_org_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.organization_id IS NOT NULL AND NEW.organization_id IS NULL THEN
    NEW.status := 'draft';
    NEW.published_at := NULL;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER trigger_unpublish_on_org_delete
  BEFORE UPDATE ON content
  FOR EACH ROW
  EXECUTE FUNCTION unpublish_content_on_org_delete();
