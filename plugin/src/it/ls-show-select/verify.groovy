def log = new File(basedir, 'build.log').text
// @session_summary: itself, what reads it (channel_counts, user_sessions) and what those read (users),
// less tag:slow (users).
def listed = (log =~ /\[INFO\] model   (\w+)/).collect { it[1] }
assert listed.take(3).sort() == ['channel_counts', 'session_summary', 'user_sessions'] : listed
assert log =~ /check   session_summary\.unique_sessionId +unique/
// 1+channel_counts as JSON: channel_counts and the model it reads.
assert log.contains('"name" : "channel_counts"') && log.contains('"tags" : [ "daily" ]')
assert log =~ /channel +\| sessions/
assert log =~ /"analytics"\."channel_counts": \d+ row\(s\), 2 shown/
assert log.contains("everything checked is in order") : "session:debug found nothing wrong"
assert log =~ /OK      schema analytics: exists/
return true
