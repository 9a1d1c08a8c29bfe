-- The same CSV options without skipping the header, to read the header line through the stage.
CREATE OR REPLACE FILE FORMAT raw.events_header TYPE = CSV SKIP_HEADER = 0 FIELD_DELIMITER = ','
  FIELD_OPTIONALLY_ENCLOSED_BY = '"' ENCODING = 'UTF8' ESCAPE_UNENCLOSED_FIELD = NONE;
