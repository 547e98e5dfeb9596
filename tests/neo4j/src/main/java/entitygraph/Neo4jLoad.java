package entitygraph;

import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.neo4j.cli.AdminTool;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;

/**
 * Loads entity-graph's Neo4j export into a new embedded Neo4j database, the way a user would,
 * runs Cypher queries and prints one JSON object on stdout.
 *
 * <pre>Neo4jLoad JOBFILE</pre>
 *
 * The job file is UTF-8, one directive per line:
 * <pre>
 * job NAME          starts a job: a new, empty database in a temporary folder
 * mode import       neo4j-admin database import full (the real command, AdminTool) with the
 *                   "arg" lines as its arguments, then start the database and run the Cypher
 *                   files named by "after" (e.g. the constraints)
 * mode cypher       start the database with DIR as its import folder and run DIR/load.cypher,
 *                   statement by statement (as cypher-shell -f or :source does)
 * dir DIR           the export folder (nodes.csv, relationships.csv, load.cypher)
 * arg ARG           one argument of the neo4j-admin command line (import mode)
 * after FILE        a Cypher file in DIR to run after the import (import mode)
 * query CYPHER      a query to run after loading; its rows are printed
 * </pre>
 *
 * Output: {"jobs": [{"name", "mode", "import_seconds", "start_seconds", "load_seconds",
 * "statements", "results": [[row, ...], ...], "error"}]}. Exit code 0 when every job loaded and
 * every query ran, 1 otherwise, 64 usage error.
 */
public final class Neo4jLoad {

    private Neo4jLoad() {
    }

    static final class Job {
        String name;
        String mode;
        Path dir;
        final List<String> args = new ArrayList<>();
        final List<String> after = new ArrayList<>();
        final List<String> queries = new ArrayList<>();
    }

    // ------------------------------------------------------------------ JSON writer

    static void str(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        b.append('"');
    }

    static void value(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String s) {
            str(b, s);
        } else if (v instanceof Boolean || v instanceof Long || v instanceof Integer || v instanceof Short
                || v instanceof Byte) {
            b.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                b.append(Double.toString(d));
            } else {
                str(b, Double.toString(d));
            }
        } else if (v instanceof Node n) {
            Map<String, Object> m = new java.util.TreeMap<>(n.getAllProperties());
            List<String> labels = new ArrayList<>();
            n.getLabels().forEach(l -> labels.add(l.name()));
            labels.sort(Comparator.naturalOrder());
            m.put("_labels", labels);
            value(b, m);
        } else if (v instanceof Relationship r) {
            Map<String, Object> m = new java.util.TreeMap<>(r.getAllProperties());
            m.put("_type", r.getType().name());
            value(b, m);
        } else if (v instanceof Map<?, ?> m) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : new java.util.TreeMap<>(m).entrySet()) {
                if (!first) b.append(", ");
                first = false;
                str(b, String.valueOf(e.getKey()));
                b.append(": ");
                value(b, e.getValue());
            }
            b.append('}');
        } else if (v instanceof Iterable<?> it) {
            b.append('[');
            boolean first = true;
            for (Object o : it) {
                if (!first) b.append(", ");
                first = false;
                value(b, o);
            }
            b.append(']');
        } else if (v.getClass().isArray()) {
            b.append('[');
            for (int i = 0; i < Array.getLength(v); i++) {
                if (i > 0) b.append(", ");
                value(b, Array.get(v, i));
            }
            b.append(']');
        } else {
            str(b, v.toString());
        }
    }

    // ------------------------------------------------------------------ jobs

    static List<Job> readJobs(Path file) throws IOException {
        List<Job> jobs = new ArrayList<>();
        Job job = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int space = line.indexOf(' ');
            String key = space < 0 ? line : line.substring(0, space);
            String rest = space < 0 ? "" : line.substring(space + 1);
            if (key.equals("job")) {
                job = new Job();
                job.name = rest;
                jobs.add(job);
                continue;
            }
            if (job == null) throw new IllegalArgumentException("directive before the first job: " + line);
            switch (key) {
                case "mode" -> job.mode = rest;
                case "dir" -> job.dir = Path.of(rest);
                case "arg" -> job.args.add(rest);
                case "after" -> job.after.add(rest);
                case "query" -> job.queries.add(rest);
                default -> throw new IllegalArgumentException("unknown directive: " + line);
            }
        }
        return jobs;
    }

    /** Statements of a Cypher script: "//" comment lines dropped, split at a ";" ending a line. */
    static List<String> statements(Path script) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(script, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("//") || trimmed.isEmpty()) continue;
            if (trimmed.startsWith(":")) continue; // client commands such as :auto are for the Browser
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String s = current.toString().strip();
                out.add(s.substring(0, s.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) out.add(current.toString().strip());
        return out;
    }

    static int run(GraphDatabaseService db, Path script) throws IOException {
        List<String> list = statements(script);
        for (String statement : list) {
            db.executeTransactionally(statement);
        }
        return list.size();
    }

    static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder
        }
    }

    static boolean runJob(Job job, StringBuilder b, PrintStream log) throws IOException {
        Path home = Files.createTempDirectory("entitygraph-neo4j-");
        Path conf = Files.createDirectories(home.resolve("conf"));
        Files.writeString(conf.resolve("neo4j.conf"), "server.memory.pagecache.size=256m\n");
        b.append("{\"name\": ");
        str(b, job.name);
        b.append(", \"mode\": ");
        str(b, job.mode);
        DatabaseManagementService service = null;
        boolean ok = true;
        try {
            double importSeconds = 0;
            if (job.mode.equals("import")) {
                long t0 = System.nanoTime();
                ByteArrayOutputStream captured = new ByteArrayOutputStream();
                PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
                ExecutionContext ctx = new ExecutionContext(home, conf, capture, capture,
                        new DefaultFileSystemAbstraction());
                int code = AdminTool.execute(ctx, job.args.toArray(new String[0]));
                importSeconds = (System.nanoTime() - t0) / 1e9;
                log.println(captured.toString(StandardCharsets.UTF_8));
                b.append(", \"import_exit\": ").append(code);
                b.append(", \"import_output\": ");
                String text = captured.toString(StandardCharsets.UTF_8);
                str(b, text.length() > 4000 ? text.substring(text.length() - 4000) : text);
                b.append(", \"import_seconds\": ").append(importSeconds);
                if (code != 0) throw new IllegalStateException("neo4j-admin exited with " + code);
            } else if (!job.mode.equals("cypher")) {
                throw new IllegalArgumentException("unknown mode " + job.mode);
            }
            long t1 = System.nanoTime();
            service = new DatabaseManagementServiceBuilder(home)
                    .setConfig(GraphDatabaseSettings.load_csv_file_url_root, job.dir.toAbsolutePath())
                    .setConfig(GraphDatabaseSettings.allow_file_urls, true)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, 256L * 1024 * 1024)
                    .build();
            GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            b.append(", \"start_seconds\": ").append((System.nanoTime() - t1) / 1e9);
            long t2 = System.nanoTime();
            int statements = 0;
            if (job.mode.equals("cypher")) {
                statements = run(db, job.dir.resolve("load.cypher"));
            } else {
                for (String file : job.after) statements += run(db, job.dir.resolve(file));
            }
            b.append(", \"load_seconds\": ").append((System.nanoTime() - t2) / 1e9);
            b.append(", \"statements\": ").append(statements);
            b.append(", \"results\": [");
            boolean firstQuery = true;
            for (String query : job.queries) {
                if (!firstQuery) b.append(", ");
                firstQuery = false;
                List<Map<String, Object>> rows = db.executeTransactionally(query, Map.of(), result -> {
                    List<Map<String, Object>> list = new ArrayList<>();
                    StringBuilder inner = new StringBuilder();
                    while (result.hasNext()) {
                        Map<String, Object> row = result.next();
                        inner.setLength(0);
                        value(inner, row); // serialise inside the transaction (nodes are live)
                        list.add(Map.of("json", inner.toString()));
                    }
                    return list;
                });
                b.append('[');
                for (int i = 0; i < rows.size(); i++) {
                    if (i > 0) b.append(", ");
                    b.append(rows.get(i).get("json"));
                }
                b.append(']');
            }
            b.append(']');
        } catch (Exception e) {
            ok = false;
            e.printStackTrace(log);
            b.append(", \"error\": ");
            str(b, e.getClass().getName() + ": " + e.getMessage());
        } finally {
            if (service != null) service.shutdown();
            deleteTree(home);
        }
        b.append('}');
        return ok;
    }

    public static void main(String[] argv) throws IOException {
        if (argv.length != 1) {
            System.err.println("usage: Neo4jLoad JOBFILE");
            System.exit(64);
        }
        // Neo4j logs to stdout; keep stdout for the one JSON line.
        PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream log = System.err;
        System.setOut(log);
        List<Job> jobs = readJobs(Path.of(argv[0]));
        StringBuilder b = new StringBuilder("{\"jobs\": [");
        boolean ok = true;
        for (int i = 0; i < jobs.size(); i++) {
            if (i > 0) b.append(", ");
            ok &= runJob(jobs.get(i), b, log);
        }
        b.append("]}");
        stdout.println(b);
        stdout.flush();
        System.exit(ok ? 0 : 1);
    }
}
