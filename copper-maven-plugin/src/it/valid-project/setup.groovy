// The valid project is examples/maven-project's: copy its policies, graph and project file in.
import java.nio.file.*

Path from = Paths.get(examplesDir, 'maven-project', 'src', 'main', 'copper')
Path to = basedir.toPath().resolve('src/main/copper')
Files.createDirectories(to)
Files.list(from).each { Files.copy(it, to.resolve(it.fileName.toString()), StandardCopyOption.REPLACE_EXISTING) }
return true
