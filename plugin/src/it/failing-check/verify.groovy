import dev.sessionplugin.core.TestProjects

// The inner join of the two CSVs, computed without the plugin, and what was published.
def expected = TestProjects.innerJoinOfCsvs(basedir.toPath())
def published = { TestProjects.publishedRows(basedir.toPath()) }
def log = new File(basedir, 'build.log').text

assert published() == expected : 'the published table is unchanged'
assert log.contains('check unique_sessionId on session_summary: 1 failing row, e.g. {sessionId=s03, occurrences=2}')
assert log.contains('nothing was published')
def xml = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/session-reports/TEST-session.session_summary.xml'))
assert xml.@tests == '2' && xml.@failures == '2'
assert xml.testcase.find { it.@name == 'unique_sessionId' }.failure.@message.text().contains('sessionId=s03')
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/session-reports/run_results.json'))
assert json.status == 'failure'
assert json.checks.every { it.status == 'failed' && it.failing_rows == 1 }
assert TestProjects.query(basedir.toPath(), 'SELECT sessionId, occurrences FROM audit.session_summary__unique_sessionId') == ['s03|2']
return true
