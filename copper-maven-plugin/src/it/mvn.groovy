// Runs Maven once more on an integration-test project, as the invoker did: the same Maven, settings and local
// repository. Returns [exit code, log]. For the tests that need a second build (evaluate() this file).
return { File dir, String... args ->
    List<String> cmd = [new File(System.getProperty('maven.home'), 'bin/mvn').path, '-B',
                        '-s', new File(itDir, 'settings.xml').path,
                        '-Dmaven.repo.local=' + localRepositoryPath,
                        '-Dcopper.it.hostRepository=' + hostRepository,
                        '-Daether.offline.protocols=file'] + (args as List)
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir).redirectErrorStream(true)
    pb.environment().put('MAVEN_OPTS', mavenOpts)
    Process p = pb.start()
    String log = p.inputStream.text
    int code = p.waitFor()
    new File(dir, "rerun-${System.nanoTime()}.log").text = log
    return [code, log]
}
