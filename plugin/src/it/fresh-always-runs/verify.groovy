def log = new File(basedir, 'build.log').text
assert (log =~ /test   session_summary +WARNED .*fresh_ts/).size() == 2 : 'the fresh check ran on both runs'
assert log =~ /skip   session_summary +unchanged since its last publish/
def xml = new File(basedir, 'target/session-reports/TEST-session.session_summary.xml').text
assert xml.contains('unchanged since the last publish (fingerprint ') : 'the other checks were skipped with the reason'
return true
