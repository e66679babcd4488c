package dev.seslogs.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real Trino server on loopback, the engine under Athena engine version 3, with one Hive catalog
 * on a file metastore over a local directory that stands for S3. Installed and run by
 * {@code scripts/trino}; started once per test JVM and stopped when the JVM ends (the script also
 * stops it when this JVM dies without a shutdown).
 */
final class TrinoServer implements AutoCloseable {
    static final String CATALOG = "hive";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TrinoServer shared;

    private final Process process;
    private final Path workDirectory;
    private final Path storageRoot;
    private final Path log;
    private final int port;
    private final String version;

    private TrinoServer(Process process, Path workDirectory, Path storageRoot, Path log, int port, String version) {
        this.process = process;
        this.workDirectory = workDirectory;
        this.storageRoot = storageRoot;
        this.log = log;
        this.port = port;
        this.version = version;
    }

    /** The one server of this test JVM, started on first use. */
    static synchronized TrinoServer shared() {
        if (shared == null) {
            shared = start();
            var server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-trino"));
        }
        return shared;
    }

    /** Root of the local file system Trino reads: {@code local:///<bucket>/<key>} is {@code <root>/<bucket>/<key>}. */
    Path storageRoot() {
        return storageRoot;
    }

    /** The metastore's directory, under the storage root as {@code local:///metastore}. */
    Path metastoreDirectory() {
        return storageRoot.resolve("metastore");
    }

    String version() {
        return version;
    }

    Connection connect(String schema) throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", "ses-logs-test");
        // Athena's session time zone: current_date in the saved queries is a UTC day, as the
        // stream's yyyy/MM/dd of the arrival time is.
        properties.setProperty("timezone", "UTC");
        return DriverManager.getConnection("jdbc:trino://127.0.0.1:" + port + "/" + CATALOG + "/" + schema, properties);
    }

    private static TrinoServer start() {
        try {
            var installation = install();
            var work = Files.createTempDirectory("ses-logs-trino");
            var etc = Files.createDirectories(work.resolve("etc"));
            var storage = Files.createDirectories(work.resolve("storage"));
            Files.createDirectories(storage.resolve("metastore"));
            var port = freePort();
            writeConfiguration(etc, work.resolve("data"), storage, installation.get("TRINO_HOME"), port);
            var log = work.resolve("server.log");
            var process = new ProcessBuilder(
                            "bash",
                            "scripts/trino",
                            "run",
                            "--etc",
                            etc.toString(),
                            "--data",
                            work.resolve("data").toString(),
                            "--watch",
                            Long.toString(ProcessHandle.current().pid()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            var version = awaitReady(process, port, log);
            var server = new TrinoServer(process, work, storage, log, port, version);
            server.awaitActiveNode();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code scripts/trino install}: downloads and unpacks once, then only finds the JDK. */
    private static Map<String, String> install() throws IOException {
        var process = new ProcessBuilder("bash", "scripts/trino", "install")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(20, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(
                        "bash scripts/trino install failed (its error is printed above):\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        var values = new HashMap<String, String>();
        output.lines()
                .filter(line -> line.contains("="))
                .forEach(line ->
                        values.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
        if (!values.containsKey("TRINO_HOME")) {
            throw new IllegalStateException("bash scripts/trino install printed no TRINO_HOME:\n" + output);
        }
        return values;
    }

    private static void writeConfiguration(Path etc, Path data, Path storage, String trinoHome, int port)
            throws IOException {
        Files.writeString(
                etc.resolve("node.properties"),
                String.join(
                        "\n",
                        "node.environment=ses_logs_test",
                        "node.id=ses-logs-test",
                        "node.internal-address=127.0.0.1",
                        "node.data-dir=" + data,
                        ""));
        Files.writeString(
                etc.resolve("config.properties"),
                String.join(
                        "\n",
                        "coordinator=true",
                        "node-scheduler.include-coordinator=true",
                        "http-server.http.port=" + port,
                        "discovery.uri=http://127.0.0.1:" + port,
                        "query.max-memory=512MB",
                        "query.max-memory-per-node=512MB",
                        // Only the Hive connector: the other plugins would add start time and nothing else.
                        "plugin.dir=" + Path.of(trinoHome, "plugin"),
                        ""));
        // Small and single-threaded enough for a 2-core CI machine beside Maven.
        Files.writeString(
                etc.resolve("jvm.config"),
                String.join(
                        "\n",
                        "-server",
                        "-Xmx1500m",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-Djdk.attach.allowAttachSelf=true",
                        "--enable-native-access=ALL-UNNAMED",
                        ""));
        Files.writeString(etc.resolve("log.properties"), "io.trino=WARN\n");
        var catalogs = Files.createDirectories(etc.resolve("catalog"));
        Files.writeString(
                catalogs.resolve(CATALOG + ".properties"),
                String.join(
                        "\n",
                        "connector.name=hive",
                        "hive.metastore=file",
                        "hive.metastore.catalog.dir=local:///metastore",
                        "fs.native-local.enabled=true",
                        "local.location=" + storage,
                        // S3 has no directories: a projected day nobody wrote to lists as empty. A local
                        // directory that does not exist is an error unless absent partitions are ignored.
                        "hive.ignore-absent-partitions=true",
                        ""));
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Waits until the server says it has started, and returns its version. */
    private static String awaitReady(Process process, int port, Path log) {
        var client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var info = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/info"))
                .timeout(Duration.ofSeconds(5))
                .build();
        var deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Trino stopped while starting; its log:\n" + tail(log));
            }
            try {
                var response = client.send(info, HttpResponse.BodyHandlers.ofString());
                var body = JSON.readTree(response.body());
                if (response.statusCode() == 200 && !body.path("starting").asBoolean(true)) {
                    return body.at("/nodeVersion/version").asText();
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("Trino did not start within " + START_TIMEOUT + "; its log:\n" + tail(log));
    }

    /**
     * A started server runs table scans only once it has announced the Hive catalog on its worker
     * side, a few seconds after it says it has started ("No nodes available to run query" until
     * then): wait until a write to a scratch table of the catalog succeeds.
     */
    private void awaitActiveNode() {
        var deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try (var connection = connect("information_schema");
                    var statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + CATALOG + ".trino_ready");
                statement.execute("CREATE TABLE IF NOT EXISTS " + CATALOG + ".trino_ready.probe (x integer)");
                statement.execute("INSERT INTO " + CATALOG + ".trino_ready.probe VALUES 1");
                return;
            } catch (SQLException notYet) {
                last = notYet;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(
                "Trino could not run a query within " + START_TIMEOUT + ": " + last + "; its log:\n" + tail(log));
    }

    /** The first error the server logged (the cause), else the end of its log. */
    private static String tail(Path log) {
        try {
            var lines = Files.readAllLines(log);
            var firstError =
                    lines.stream().filter(line -> line.contains("\tERROR\t")).findFirst();
            if (firstError.isPresent()) {
                var from = lines.indexOf(firstError.get());
                return String.join("\n", lines.subList(from, Math.min(lines.size(), from + 6)));
            }
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteRecursively(workDirectory);
    }

    private static void deleteRecursively(Path directory) {
        try (var paths = Files.walk(directory)) {
            var all =
                    new ArrayList<Path>(paths.sorted(Comparator.reverseOrder()).toList());
            for (var path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // a leftover temporary directory is harmless
        }
    }

    List<String> logTail() {
        return tail(log).lines().toList();
    }
}
