def log = new File(basedir, 'build.log').text
assert log =~ /unit +session_summary +OK +session_in_one_file_only_is_dropped/
assert log =~ /unit +session_summary +FAILED +expects_the_wrong_channel/
assert log.contains('1 of 2 unit tests failed')
assert log.contains('changed sessionId=s1: channel expected Google, got Naver;')
def xml = new File(basedir, 'target/session-reports/TEST-session-unit.session_summary.xml').text
assert xml.contains('tests="2"') && xml.contains('failures="1"')
assert xml.contains('<testcase name="session_in_one_file_only_is_dropped"')
assert xml =~ /<testcase name="expects_the_wrong_channel"[^>]*><failure message="1 missing, 1 unexpected/
assert !new File(basedir, 'target/session.duckdb').exists() : 'a failing unit test stops the run before anything is loaded'
return true
