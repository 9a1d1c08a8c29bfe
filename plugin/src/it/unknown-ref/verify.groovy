def log = new File(basedir, 'build.log').text

assert log.contains("models/weekly.sql.mustache:2: unknown model 'session_sumary' in {{#ref}}")
assert log.contains('models: session_summary, weekly')
return true
