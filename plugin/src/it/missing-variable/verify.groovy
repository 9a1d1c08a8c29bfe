def log = new File(basedir, 'build.log').text

assert log.contains("models/session_summary.sql.mustache:4: unknown template variable 'vars.since'")
assert log.contains("declare 'since' under 'vars:' in pipeline.yaml")
return true
