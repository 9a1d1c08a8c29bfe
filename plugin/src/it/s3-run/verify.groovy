import dev.sessionplugin.core.TestProjects

// The inner join of the two CSVs, computed here independently of the plugin.
def read = { name -> new File(basedir, 'data/' + name).readLines().drop(1)*.split(',').collect { it*.replace('"', '') } }
def stamps = read('session_timestamp.csv').collectEntries { [(it[0]): it[1]] }
def expected = read('user_session_channel.csv').findAll { stamps.containsKey(it[1]) }
        .collect { "${it[0]}|${it[1]}|${it[2]}|${stamps[it[1]]}".toString() }.sort()
def published = { TestProjects.query(basedir.toPath(), "SELECT userId, sessionId, channel, " +
        "strftime(ts, '%Y-%m-%d %H:%M:%S.%g') FROM analytics.session_summary ORDER BY sessionId") }
def log = new File(basedir, 'build.log').text
assert published() == expected : 'the same table as from the local files'
assert log.contains('extract s3://s3-geospatial/readonly/user_session_channel.csv')
assert log.contains('extract 2 object(s): 0 downloaded, 2 unchanged') : 'the second run downloads nothing'
assert log.contains('from s3://s3-geospatial/readonly/session_timestamp.csv')
return true
