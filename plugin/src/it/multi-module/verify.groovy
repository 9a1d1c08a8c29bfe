import dev.sessionplugin.core.TestProjects

def log = new File(basedir, 'build.log').text
assert log.contains('session:run skipped: this module has no pipeline.yaml')
def module = new File(basedir, 'pipeline').toPath()
assert TestProjects.publishedRows(module) == TestProjects.innerJoinOfCsvs(module)
return true
