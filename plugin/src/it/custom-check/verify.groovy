import dev.sessionplugin.core.TestProjects

def log = new File(basedir, 'build.log').text
assert log.contains('check sessions_in_may on session_summary: 1 failing row, e.g. {sessionId=s07')
assert log.contains('nothing was published')
assert TestProjects.query(basedir.toPath(), "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'analytics' AND table_name = 'session_summary'") == ['0']
assert TestProjects.query(basedir.toPath(), 'SELECT sessionId FROM audit.session_summary__sessions_in_may') == ['s07']
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/session-reports/run_results.json'))
assert json.checks.find { it.name == 'sessions_in_may' }.type == 'custom'
return true
