package org.copper.lang.ide.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.copper.lang.scoping.ImportResolver;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.URIConverter;

/**
 * Copies of the built-in interfaces ({@code common.cui}, ...) as plain files. Inside the server's
 * jar they have {@code jar:} URIs no editor can open; locations that point into them are given
 * as these copies instead. The folder is named after the files' content, so a newer server never
 * shows an older copy; it lies under {@code $XDG_CACHE_HOME/copper} (or {@code ~/.cache/copper}),
 * or where the system property {@code copper.builtinCache} says.
 */
public final class BuiltinFiles {
    static final List<String> NAMES = List.of("common.cui", "istio.cui", "cilium.cui", "haproxy.cui");

    private static Path folder;
    private static boolean tried;

    private BuiltinFiles() {}

    /** The folder of the copies, written on first use; null if they cannot be written (locations then stay as they are). */
    public static synchronized Path folder() {
        if (!tried) {
            tried = true;
            try {
                folder = materialise();
            } catch (IOException | RuntimeException e) {
                System.err.println("copper lsp: cannot copy the built-in interfaces, go to definition stops at them: " + e);
            }
        }
        return folder;
    }

    public static URI folderUri() {
        return URI.createFileURI(folder().toString() + "/");
    }

    /** The file URI of the copy when {@code uri} is a built-in interface, else {@code uri} itself. */
    public static URI editable(URI uri) {
        if (uri == null || !ImportResolver.isBuiltin(uri) || folder() == null) {
            return uri;
        }
        String name = uri.lastSegment();
        return NAMES.contains(name) ? URI.createFileURI(folder.resolve(name).toString()) : uri;
    }

    private static Path materialise() throws IOException {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String name : NAMES) {
            URI uri = ImportResolver.builtin(name);
            if (uri == null) {
                throw new IOException("built-in " + name + " is missing from the server");
            }
            try (InputStream in = URIConverter.INSTANCE.createInputStream(uri)) {
                byte[] bytes = in.readAllBytes();
                contents.put(name, bytes);
                digest.update(name.getBytes(StandardCharsets.UTF_8));
                digest.update(bytes);
            }
        }
        String version = HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        Path dir = cacheRoot().resolve("builtin-" + version);
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> e : contents.entrySet()) {
            Path target = dir.resolve(e.getKey());
            if (Files.isRegularFile(target) && java.util.Arrays.equals(Files.readAllBytes(target), e.getValue())) {
                continue;
            }
            Path tmp = Files.createTempFile(dir, e.getKey(), ".tmp");
            Files.write(tmp, e.getValue());
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException ex) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir.toRealPath();
    }

    private static Path cacheRoot() {
        String configured = System.getProperty("copper.builtinCache");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("copper");
    }
}
