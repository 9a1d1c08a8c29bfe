import dev.sessionplugin.core.TestProjects

def dir = basedir.toPath()
// one file per model or source, its statements in the order a run sends them
['stage/user_session_channel.load_csv.sql', 'ctas/session_summary.ctas_shadow.sql',
 'test/session_summary.unique_sessionId.sql', 'test/session_summary.no_duplicate_rows.sql',
 'swap/session_summary.drop_live.sql', 'swap/session_summary.promote_shadow.sql'].each {
    assert !TestProjects.rendered(dir, it).isBlank() : it
}
assert TestProjects.rendered(dir, 'ctas/session_summary.ctas_shadow.sql')
        .startsWith('CREATE OR REPLACE TABLE "analytics"."session_summary__shadow" AS')
assert new File(basedir, 'target/session/rendered/session_summary.sql').isFile()
assert !new File(basedir, 'target/session.duckdb').exists()
def log = new File(basedir, 'build.log').text
assert !log.contains('FAILED') : 'render runs nothing, so it judges nothing'
assert log.contains('checks: 2 rendered, none run; succeeded')
return true
