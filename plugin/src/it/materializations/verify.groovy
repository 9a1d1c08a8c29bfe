import dev.sessionplugin.core.TestProjects

def dir = basedir.toPath()
def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] --- session-maven-plugin:/)
assert runs.length == 4 : 'three runs'

// Run 1 built everything; run 2 added day three to the published sessions
assert runs[1].contains('full build: first build')
assert runs[2].contains('(incremental append: batch of 4 row(s) over the published table, applied to it at publish)')
// Run 3: the batch repeated session s001; its check failed and nothing was published
assert runs[3] =~ /FAILED +1 failing .* unique_sessionId/
assert runs[3].contains('nothing was published')

// What a full rebuild from day three's files holds, computed here from the CSVs, not by the plugin
def csv = { String name -> new File(basedir, "data-day3/${name}.csv").readLines().drop(1)*.split(',') }
def stamps = csv('session_timestamp').collectEntries { [(it[0]): it[1]] }
def sessions = csv('user_session_channel').findAll { stamps.containsKey(it[1]) }
        .collect { [user: it[0], session: it[1], channel: it[2], ts: stamps[it[1]], day: stamps[it[1]].substring(0, 10)] }
def expectSessions = sessions.collect { "${it.user}|${it.session}|${it.channel}|${it.ts}|${it.day}" as String }.sort()
def expectDaily = sessions.groupBy { [it.day, it.channel] }.collect { k, v ->
    "${k[0]}|${k[1]}|${v.size()}|${v*.user.unique().size()}" as String }.sort()
def expectUsers = sessions.groupBy { it.user }.collect { u, v ->
    "${u}|${v.size()}|${v*.ts.min()}|${v*.ts.max()}" as String }.sort()

def q = { String sql -> TestProjects.query(dir, sql).sort() }
def ts = { String col -> "strftime(${col}, '%Y-%m-%d %H:%M:%S.%g')" }
assert q("SELECT userId, sessionId, channel, ${ts('ts')}, CAST(day AS VARCHAR) FROM analytics.sessions") == expectSessions
assert q("SELECT CAST(day AS VARCHAR), channel, sessions, users FROM analytics.daily_channels") == expectDaily
assert q("SELECT userId, sessions, ${ts('first_seen')}, ${ts('last_seen')} FROM analytics.user_activity") == expectUsers

// Staging models are views, the ephemeral join was never created, the rest are tables (the failed run kept its
// shadows for inspection, and the batch its incremental shadow reads)
assert q("SELECT table_name || ':' || table_type FROM information_schema.tables WHERE table_schema = 'analytics' " +
        "AND table_name NOT LIKE '%shadow' AND table_name NOT LIKE '%batch'") ==
        ['daily_channels:BASE TABLE', 'sessions:BASE TABLE', 'stg_session_timestamp:VIEW',
         'stg_user_session_channel:VIEW', 'user_activity:BASE TABLE']

// The compile catalog knows each model's materialization and the descriptions of its columns
def catalog = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/session/catalog.json'))
assert catalog.models.sessions.materialization == 'incremental'
assert catalog.models.stg_session_timestamp.materialization == 'view'
assert catalog.models.sessions.columns.find { it.name == 'ts' }.description == 'when the session started'
assert !catalog.models.containsKey('sessions_joined')
return true
