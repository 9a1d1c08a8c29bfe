import dev.sessionplugin.core.TestProjects

// The inner join of the two CSVs, computed without the plugin, and what was published.
def expected = TestProjects.innerJoinOfCsvs(basedir.toPath())
def published = { TestProjects.publishedRows(basedir.toPath()) }
def log = new File(basedir, 'build.log').text

assert expected.size() == 7
assert published() == expected
assert log =~ /swap   session_summary +OK +7 rows/
assert log =~ /stage  user_session_channel +OK +8 rows/
assert log =~ /checks: 2 passed, 0 warned, 0 failed; succeeded/
// The second run changed nothing, so it rebuilt nothing, said why, and left the same table.
assert log =~ /skip   session_summary +unchanged since its last publish/
assert log.contains('nothing changed since the last verified publish')
assert new File(basedir, 'target/session-reports/TEST-session.session_summary.xml').text.contains('unchanged since the last publish (fingerprint ')
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/session-reports/run_results.json'))
assert json.status == 'success'
assert json.checks_not_run*.name.sort() == ['no_duplicate_rows', 'unique_sessionId']
assert new File(basedir, 'target/session-reports/TEST-session.session_summary.xml').text.contains('tests="2" failures="0" errors="0" skipped="2"')
return true
