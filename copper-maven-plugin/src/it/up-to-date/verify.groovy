// The invoker built the project once. A second build without changes must leave target/copper alone (same files,
// same inodes, same modification times); after a policy change it builds again.
import java.nio.file.*

Closure mvn = evaluate(new File(itDir, 'mvn.groovy'))
Path out = basedir.toPath().resolve('target/copper')
assert new File(basedir, 'build.log').text.contains('[INFO] built ') : 'the first build did not build'

Closure<Map> snapshot = { ->
    Files.walk(out).collect { p -> [out.relativize(p).toString(), [Files.getAttribute(p, 'unix:ino'), Files.getLastModifiedTime(p).toInstant()]] }
            .collectEntries()
}
def placement = new groovy.json.JsonSlurper().parse(out.resolve('placement.json').toFile())
assert !placement.sidecars.isEmpty() && placement.cost == 2 * placement.sidecars.size() : 'a sidecar costs 2 (the pom\'s <dataplanes>)'
Map before = snapshot()
assert before.size() > 5

def (int code, String log) = mvn(basedir, 'verify')
assert code == 0 : log
assert log.contains('is up to date') : log
assert log.contains('policies unchanged since they were built') : 'copper:check passes at once too'
assert !log.contains('[INFO] built ')
assert snapshot() == before : 'the second build rewrote target/copper'

// a real change: the guard now wants another header, and the new output says so
Path policy = basedir.toPath().resolve('src/main/copper/guard.cup')
Files.writeString(policy, Files.readString(policy).replace("'x-user'", "'x-session'"))
(code, log) = mvn(basedir, 'verify')
assert code == 0 : log
assert log.contains('[INFO] built ') : log
assert log.contains('[INFO] policies in ') : 'copper:check ran again'
Map after = snapshot()
assert after.keySet() == before.keySet()
assert after != before
List<String> texts = Files.walk(out).filter { Files.isRegularFile(it) && !it.fileName.toString().startsWith('.') }.collect { Files.readString(it) }
assert texts.any { it.contains('x-session') } && !texts.any { it.contains('x-user') }
return true
