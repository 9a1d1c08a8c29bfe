-- External stage on the files' S3 folder, replaced every run so it always points where the descriptor (or
-- -Dsession.sources) says; a public bucket needs neither integration nor credentials.
CREATE OR REPLACE STAGE raw.events_stage
  URL = 's3://shop-data/exports/';
