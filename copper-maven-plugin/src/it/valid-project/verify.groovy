// examples/maven-project's policies: check and build pass, and target/copper holds the deployment ./copper build writes.
import java.nio.file.*
import groovy.json.JsonSlurper

String log = new File(basedir, 'build.log').text
assert log.contains(':check (default) @ valid-project') : 'copper:check did not run in validate'
assert log.contains(':build (default) @ valid-project') : 'copper:build did not run'
assert !(log =~ /\[(ERROR|WARNING)\] .*\.cu[pi]:\[/) : 'the example has no errors or warnings'

Path out = basedir.toPath().resolve('target/copper')
assert Files.isDirectory(out) : 'target/copper was not built'
List<String> files = Files.walk(out).filter { Files.isRegularFile(it) }.collect { out.relativize(it).toString() }.sort()

def placement = new JsonSlurper().parse(out.resolve('placement.json').toFile())
Map sidecars = placement.sidecars
assert placement.optimal == true
assert !sidecars.isEmpty()
assert sidecars.values().every { it == 'haproxy' } : "only HAProxy is on offer: $sidecars"
assert placement.cost == sidecars.size() : 'one HAProxy sidecar costs 1 (copper.json)'

// the pipeline's fixed files, and one folder per sidecar Wire placed, nothing else
List<String> fixed = ['.copper-build', '.copper-inputs', 'ebpf/deployment.txt', 'ebpf/service-ids.json', 'placement.json', 'report.html']
fixed.each { assert files.contains(it) : "missing $it in $files" }
List<String> sidecarFiles = files - fixed
sidecarFiles.each { f -> assert sidecars.keySet().any { s -> f.startsWith("haproxy/$s/") } : "$f belongs to no sidecar of $sidecars" }
sidecars.keySet().each { s -> assert sidecarFiles.any { it.startsWith("haproxy/$s/") } : "no haproxy/$s/ for the sidecar Wire placed at $s" }

// every service of the graph has a context id; the stamp records every file written
def graph = new JsonSlurper().parse(basedir.toPath().resolve('src/main/copper/graph.json').toFile())
def ids = new JsonSlurper().parse(out.resolve('ebpf/service-ids.json').toFile())
assert ids.keySet() == (graph.services as Set)
List<String> stamped = out.resolve('.copper-inputs').toFile().readLines().findAll { it.startsWith('output ') }.collect { it.split(' ', 3)[2] }.sort()
assert stamped == (files - ['.copper-build', '.copper-inputs'])
assert out.resolve('report.html').toFile().text.contains('hr_reservation_rate')

// README's "Use in your Maven build" shows examples/maven-project/pom.xml word for word (the invoker builds that example too)
String examplePom = new File(examplesDir, 'maven-project/pom.xml').text
assert new File(examplesDir, '../README.md').text.contains('```xml\n' + examplePom + '```') : 'README snippet and examples/maven-project/pom.xml differ'
return true
