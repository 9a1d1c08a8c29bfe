-- External stage on the files' S3 folder; a public bucket needs neither integration nor credentials.
CREATE STAGE IF NOT EXISTS raw.user_session_channel_stage
  URL = 's3://s3-geospatial/readonly/';
