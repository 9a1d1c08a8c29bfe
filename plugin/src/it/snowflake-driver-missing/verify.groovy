def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] --- session-maven-plugin:/)
assert runs.length == 4 : 'three invocations'
// session:render wrote the Snowflake statements without any driver
assert dev.sessionplugin.core.TestProjects.rendered(basedir.toPath(),
        'stage/user_session_channel.put.user_session_channel.csv.sql').startsWith("PUT 'file://")
assert !runs[1].contains('NoClassDefFoundError')
// session:run stops before connecting and names the dependency to declare
assert runs[2].contains("the Snowflake JDBC driver is not on the plugin's class path")
assert runs[2] =~ /<artifactId>snowflake-jdbc<\/artifactId><version>\d+\.\d+\.\d+<\/version>/
assert !runs[2].contains('NoClassDefFoundError')
// declared under the plugin, the driver is found: the run goes on to the login and stops at the missing secret
assert !runs[3].contains("the Snowflake JDBC driver is not on the plugin's class path")
// (or, where a password is in the environment, at the refused connection)
assert runs[3].contains('cannot connect to Snowflake: missing a secret') || runs[3] =~ /(?i)connect/
return true
