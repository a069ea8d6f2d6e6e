// broken.cup line 8 calls an action that does not exist: copper:check fails in validate, naming file, line and column.
import java.nio.file.*

String log = new File(basedir, 'build.log').text
String broken = basedir.toPath().resolve('src/main/copper/broken.cup').toAbsolutePath().normalize().toString()
assert log.contains("[ERROR] ${broken}:[8,5] ") : "no error at ${broken}:[8,5] in the log"
assert log.contains('Refuse') : 'the message names the unknown action'
assert !log.contains('guard.cup:[') : 'the valid file has no diagnostics'
assert log =~ /Failed to execute goal org\.copperwire:copper-maven-plugin:[^:]+:check \(default\) on project invalid-policy: 1 error in the policies:/
assert !log.contains(':build (default) @ invalid-policy') : 'the build goal never ran'
assert !Files.exists(basedir.toPath().resolve('target/copper')) : 'nothing is written on error'
return true
