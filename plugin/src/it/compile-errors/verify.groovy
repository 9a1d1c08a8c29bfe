def log = new File(basedir, 'build.log').text
assert log.contains("models/channel_counts.sql.mustache:2: model 'channel_counts' does not bind") : 'the model file and line'
assert log.contains('"chanel" not found') || log.contains('chanel') : 'the bad name'
assert log.contains('Candidate bindings') || log.contains('"channel"') : 'what the engine suggests'
assert log.contains("names unknown column 'channel_name'") : 'a check on a column the model does not produce'
assert !new File(basedir, 'target/session.duckdb').exists() : 'no data moved'
assert new File(basedir, 'target/session/catalog.json').text.contains('"session_summary"') : 'what did bind is cataloged'
return true
