import dev.sessionplugin.core.BundleValidator

def zip = new File(basedir, 'target/superset/it-superset.zip')
assert zip.isFile()
def out = BundleValidator.assertValid(zip.toPath())
println out
def page = new File(basedir, 'target/superset/wau.html').text
// s01..s07: weeks of 2019-04-29 (s01, s02), 05-06 (s03, s04), 05-13 (s05), 05-20 (s06), 05-27 (s07)
assert page.contains('<tr><td>2019-04-29</td><td>1</td></tr>')
assert page.contains('<tr><td>2019-05-06</td><td>2</td></tr>')
assert page.contains('<tr><td>2019-05-27</td><td>1</td></tr>')
assert new File(basedir, 'build.log').text.contains('export superset')
return true
