def log = new File(basedir, 'build.log').text

assert log =~ /dependency cycle: (a -> b -> a|b -> a -> b)/
assert log.contains('remove one {{#ref}} on this path')
assert !new File(basedir, 'target/session.duckdb').exists() : 'nothing ran'
return true
