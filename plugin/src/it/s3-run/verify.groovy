import dev.sessionplugin.core.TestProjects

// The inner join of the two CSVs, computed without the plugin, and what was published.
def expected = TestProjects.innerJoinOfCsvs(basedir.toPath())
def published = { TestProjects.publishedRows(basedir.toPath()) }
def log = new File(basedir, 'build.log').text
assert published() == expected : 'the same table as from the local files'
assert log.contains('extract s3://s3-geospatial/readonly/user_session_channel.csv')
assert log.contains('extract 2 object(s): 0 downloaded, 2 unchanged') : 'the second run downloads nothing'
assert log.contains('from s3://s3-geospatial/readonly/session_timestamp.csv')
return true
