def log = new File(basedir, 'build.log').text

import dev.sessionplugin.core.TestProjects
assert log.contains('checks: 2 passed, 0 warned, 0 failed; succeeded')
assert !log.contains('swap   session_summary')
assert TestProjects.query(basedir.toPath(), "SELECT table_name FROM information_schema.tables WHERE table_schema = 'analytics'") == ['session_summary__shadow']
assert new File(basedir, 'target/session-reports/TEST-session.session_summary.xml').exists()
return true
