import groovy.json.JsonSlurper

def catalog = new JsonSlurper().parse(new File(basedir, 'target/session/catalog.json'))
assert catalog.models.session_summary.columns*.name == ['userId', 'sessionId', 'channel', 'ts']
assert catalog.models.session_summary.columns*.type == ['VARCHAR', 'VARCHAR', 'VARCHAR', 'TIMESTAMP']
assert catalog.models.session_summary.upstream.sort() == ['session_timestamp', 'user_session_channel']
assert catalog.sources.session_timestamp.columns*.name == ['sessionId', 'ts']
assert !new File(basedir, 'target/session.duckdb').exists() : 'no data, no database file'
def log = new File(basedir, 'build.log').text
assert log =~ /compile 1 models, 2 sources bound in \d+ ms; 0 errors/
return true
