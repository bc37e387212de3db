-- V65 (issue 14 item 1): an admin edits whom a location's places are for on /admin. The edit is kept: from then on a
-- start no longer replaces that location's location_group rows from the region file (NULL: the file still decides).
-- When, in epoch milliseconds UTC; who and what are in the audit log (location.groups).
ALTER TABLE location ADD COLUMN groups_edited_ms INTEGER;
