def log = new File(basedir, 'build.log').text

import dev.sessionplugin.core.TestProjects
assert log.contains("data/session_timestamp.csv:4: source 'session_timestamp': malformed CSV row")
assert log.contains('s03,2019-13-45 99:00:00')
assert TestProjects.query(basedir.toPath(), "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'analytics'") == ['0']
// The message says it once and stops: no engine sniffer dump, no repeated cause.
assert !log.contains('Possible solutions') && !log.contains('sample_size')
assert (log =~ /(?m)^\[ERROR\].*Could not convert string/).size() == 1 : 'the engine message is not repeated per cause'
return true
