-- 0017 — a report keeps its point when its parcel is deleted. Re-seeding the illustrative sample deletes
-- its parcels; a report made on one of them blocked the seeding (reports_parcel_id_fkey) and would
-- otherwise have had to go. A citizen's report is never lost for it: its point (geom_4326, NOT NULL) still
-- says where it is, only the link to the vanished parcel is cleared — as study_parcels does (0013).
ALTER TABLE reports DROP CONSTRAINT reports_parcel_id_fkey;
ALTER TABLE reports ADD CONSTRAINT reports_parcel_id_fkey FOREIGN KEY (parcel_id) REFERENCES parcels (id) ON DELETE SET NULL;
