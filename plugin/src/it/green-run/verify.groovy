import dev.sessionplugin.core.TestProjects

// The inner join of the two CSVs, computed here independently of the plugin.
def read = { name -> new File(basedir, 'data/' + name).readLines().drop(1)*.split(',').collect { it*.replace('"', '') } }
def stamps = read('session_timestamp.csv').collectEntries { [(it[0]): it[1]] }
def expected = read('user_session_channel.csv').findAll { stamps.containsKey(it[1]) }
        .collect { "${it[0]}|${it[1]}|${it[2]}|${stamps[it[1]]}".toString() }.sort()
def published = { TestProjects.query(basedir.toPath(), "SELECT userId, sessionId, channel, " +
        "strftime(ts, '%Y-%m-%d %H:%M:%S.%g') FROM analytics.session_summary ORDER BY sessionId") }
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
