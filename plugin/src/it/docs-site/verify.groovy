import dev.sessionplugin.core.docs.SiteLinks

def log = new File(basedir, 'build.log').text
assert log =~ /docs 2 sources, 6 models, \d+ columns/

// The site: every source and model has a page naming each of its columns, and every link resolves
def site = new File(basedir, 'target/session-docs').toPath()
def catalog = new groovy.json.JsonSlurper().parse(site.resolve('catalog.json').toFile())
assert catalog.nodes*.name.sort() == ['daily_channels', 'session_timestamp', 'sessions', 'sessions_joined',
        'stg_session_timestamp', 'stg_user_session_channel', 'user_activity', 'user_session_channel']
catalog.nodes.each { node ->
    def page = site.resolve(node.page).toFile().text
    node.columns.each { assert page.contains("id=\"col-${it.name}\"") : "${node.page} lacks ${it.name}" }
}
assert SiteLinks.broken(site) == []

// Lineage through the ephemeral join down to the staging views; the last run's checks on the page
def sessions = catalog.nodes.find { it.id == 'model:sessions' }
assert sessions.columns.find { it.name == 'ts' }.from == ['model:stg_session_timestamp.ts']
assert sessions.columns.find { it.name == 'ts' }.description == 'when the session started'
assert sessions.checks.find { it.name == 'unique_sessionId' }.status == 'passed'
assert site.resolve('models/sessions.html').toFile().text.contains('<td class="status passed"')
assert catalog.nodes.find { it.id == 'model:sessions_joined' }.materialization == 'ephemeral'

// mvn site: the Pipeline page, and the site it links to written beside it
def pipeline = new File(basedir, 'target/site/pipeline.html')
assert pipeline.isFile()
assert pipeline.text.contains('session-docs/index.html')
assert pipeline.text.contains('daily_channels')
assert new File(basedir, 'target/site/session-docs/models/sessions.html').isFile()
return true
