import dev.sessionplugin.core.TestProjects

// The inner join of the two CSVs, computed without the plugin, and what was published.
def expected = TestProjects.innerJoinOfCsvs(basedir.toPath())
def published = { TestProjects.publishedRows(basedir.toPath()) }
def log = new File(basedir, 'build.log').text

assert expected.size() == 7
assert published() == expected
assert log.contains('swap   session_summary')
assert log =~ /stage  user_session_channel +OK +8 rows/
assert log =~ /checks: 2 passed, 0 warned, 0 failed; succeeded/
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/session-reports/run_results.json'))
assert json.status == 'success'
assert json.steps.find { it.step == 'swap' }.rows == 7
assert new File(basedir, 'target/session-reports/TEST-session.session_summary.xml').text.contains('tests="2" failures="0"')
return true
