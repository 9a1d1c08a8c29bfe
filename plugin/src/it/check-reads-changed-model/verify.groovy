import dev.sessionplugin.core.TestProjects

def log = new File(basedir, 'build.log').text
assert (log =~ /skip   children +unchanged since its last publish/).size() == 2 : 'children was not rebuilt'
assert (log =~ /test   children +FAILED +1 failing .*relationships_parent_id/).size() == 2 : 'its check ran both times'
assert !log.contains('nothing changed since the last verified publish')
assert TestProjects.query(basedir.toPath(), 'SELECT parent_id FROM analytics.parents ORDER BY 1') == ['1', '2']
return true
