import dev.sessionplugin.core.TestProjects

def log = new File(basedir, 'build.log').text
def expected = TestProjects.innerJoinOfCsvs(basedir.toPath())
assert expected.size() == 7
// The broken row failed the second run with its file, line and column.
assert log.contains("data-broken/session_timestamp.csv:4: source 'session_timestamp': malformed CSV row, column 'ts'")
// The third run trusted nothing the failed load had touched: it loaded the source again.
def third = log.substring(log.lastIndexOf('plan   1 models'))
assert third =~ /stage  session_timestamp +OK/
assert TestProjects.publishedRows(basedir.toPath()) == expected : 'the full table is published, not an empty one'
return true
