def log = new File(basedir, 'build.log').text

import dev.sessionplugin.core.TestProjects
assert log.contains('refusing to publish session_summary: no shadow whose checks all passed since it was built')
assert TestProjects.query(basedir.toPath(), "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'analytics' AND table_name = 'session_summary'") == ['0']
return true
