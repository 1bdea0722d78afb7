import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * A Neo4j 5 Community server for citegraph's tests: the embedded kernel with its Bolt connector
 * on 127.0.0.1, authentication on.
 *
 * Arguments: HOME BOLT_PORT PASSWORD_FILE IMPORT_DIR. The password is read from a file so that it
 * never shows in the process list; it is set for the user neo4j through the system database
 * before Bolt accepts anyone. Prints "citegraph-neo4j ready" once queries can run; SIGTERM shuts
 * the databases down cleanly (the shutdown hook), so nothing is left half-written, and so does
 * end-of-file on stdin: the test process that holds the other end has gone, however it died.
 */
public final class CitegraphNeo4j {
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: CitegraphNeo4j HOME BOLT_PORT PASSWORD_FILE IMPORT_DIR");
            System.exit(2);
        }
        Path home = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        String password = Files.readString(Path.of(args[2])).strip();
        Path importDir = Path.of(args[3]);
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, importDir)
                // read CSV quotes as neo4j-admin import does ("" inside a quoted field, never \")
                .setConfig(GraphDatabaseSettings.csv_legacy_quote_escaping, false)
                .setConfig(GraphDatabaseSettings.csv_buffer_size, ByteUnit.mebiBytes(4))
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256))
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }, "citegraph-neo4j-shutdown"));
        dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        Thread watch = new Thread(() -> {  // the process that started us is gone: stop with it
            try {
                while (System.in.read() != -1) {
                    // nothing is sent; only end-of-file matters
                }
            } catch (java.io.IOException ignored) {
                // a closed stdin ends the server as end-of-file does
            }
            System.exit(0);
        }, "citegraph-neo4j-parent-watch");
        watch.setDaemon(true);
        watch.start();
        List<String> names = dbms.listDatabases();
        System.out.println("citegraph-neo4j ready on 127.0.0.1:" + port + " databases " + names);
        System.out.flush();
        stopped.await();
    }
}
