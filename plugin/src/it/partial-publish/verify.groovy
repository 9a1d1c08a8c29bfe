import dev.sessionplugin.core.TestProjects

def log = new File(basedir, 'build.log').text
assert log.contains('held back: channel_counts, session_summary')
assert log.contains('published only what passed')
def tables = TestProjects.query(basedir.toPath(), "SELECT table_name FROM information_schema.tables WHERE " +
        "table_schema = 'analytics' AND table_name NOT LIKE '%shadow' ORDER BY 1")
assert tables == ['users']
// session:test -Dsession.published=true built nothing and skipped the checks of what is not published yet
def second = log.substring(log.lastIndexOf('session-maven-plugin'))
assert !(second =~ /(?m)^\[INFO\] (stage|ctas) /)
def xml = new File(basedir, 'target/session-reports/TEST-session.session_summary.xml').text
assert xml.contains('not published yet')
return true
