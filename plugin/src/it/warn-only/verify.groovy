import dev.sessionplugin.core.TestProjects

def log = new File(basedir, 'build.log').text
assert log =~ /test   session_summary +WARNED +4 failing/
assert log.contains('checks: 2 passed, 1 warned, 0 failed; succeeded')
assert TestProjects.query(basedir.toPath(), 'SELECT COUNT(*) FROM analytics.session_summary') == ['7']
def xml = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/session-reports/TEST-session.session_summary.xml'))
assert xml.@failures == '0' && xml.@tests == '3'
assert xml.testcase.find { it.@name == 'accepted_values_channel' }.'system-out'.text().startsWith('WARN check accepted_values_channel')
return true
