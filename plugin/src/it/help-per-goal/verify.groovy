def log = new File(basedir, 'build.log').text
def swap = log.substring(0, log.indexOf('session:run'))
def run = log.substring(log.indexOf('session:run'))
assert swap.contains('User property: session.select')
assert !swap.contains('session.s3.endpoint') && !swap.contains('session.threads') && !swap.contains('session.full')
assert run.contains('User property: session.s3.endpoint') && run.contains('User property: session.full')
assert run.contains('User property: session.publish')
assert swap =~ /duckdb[\s\S]*snowflake/ : 'the target parameter names both targets'
return true
