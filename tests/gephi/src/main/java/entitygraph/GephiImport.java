package entitygraph;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import org.gephi.graph.api.Column;
import org.gephi.graph.api.Edge;
import org.gephi.graph.api.Element;
import org.gephi.graph.api.Graph;
import org.gephi.graph.api.GraphController;
import org.gephi.graph.api.GraphModel;
import org.gephi.graph.api.Node;
import org.gephi.graph.api.Table;
import org.gephi.io.importer.api.Container;
import org.gephi.io.importer.api.EdgeDirectionDefault;
import org.gephi.io.importer.api.ImportController;
import org.gephi.io.importer.api.Issue;
import org.gephi.io.importer.api.Report;
import org.gephi.io.processor.plugin.DefaultProcessor;
import org.gephi.project.api.ProjectController;
import org.gephi.project.api.Workspace;
import org.openide.util.Lookup;

/**
 * Imports a GraphML/GEXF file the way Gephi Desktop's File › Open does with the import dialog's
 * defaults (ImportController.importFile → container.verify() →
 * ImportController.process(container, new DefaultProcessor(), workspace)) and prints one JSON
 * object on stdout.
 *
 * <pre>GephiImport FILE [--edge-default directed|undirected|mixed]</pre>
 *
 * Exit codes: 0 imported, no SEVERE/CRITICAL issue; 1 imported but a SEVERE/CRITICAL issue was
 * reported; 2 import failed; 64 usage error.
 */
public final class GephiImport {

    static final int SAMPLE = 5;
    static final int MAX_LABELS = 50;
    static final int MAX_ISSUES = 100_000;

    private GephiImport() {
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
                case '\b': b.append("\\b"); break;
                case '\f': b.append("\\f"); break;
                default:
                    boolean lone = false;
                    if (Character.isHighSurrogate(c)) {
                        lone = i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
                        if (!lone) { b.append(c).append(s.charAt(++i)); continue; }
                    } else if (Character.isLowSurrogate(c)) {
                        lone = true;
                    }
                    if (c < 0x20 || lone || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        b.append('"');
    }

    static void json(StringBuilder b, Object o) {
        if (o == null) {
            b.append("null");
        } else if (o instanceof Boolean) {
            b.append(o);
        } else if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte
                || o instanceof java.math.BigInteger) {
            b.append(o);
        } else if (o instanceof Float) {
            float f = (Float) o;
            b.append(Float.isFinite(f) ? Float.toString(f) : "null");
        } else if (o instanceof Number) {
            double d = ((Number) o).doubleValue();
            b.append(Double.isFinite(d) ? o.toString() : "null");
        } else if (o instanceof Map) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
                if (!first) b.append(", ");
                first = false;
                str(b, String.valueOf(e.getKey()));
                b.append(": ");
                json(b, e.getValue());
            }
            b.append('}');
        } else if (o instanceof Collection) {
            b.append('[');
            boolean first = true;
            for (Object v : (Collection<?>) o) {
                if (!first) b.append(", ");
                first = false;
                json(b, v);
            }
            b.append(']');
        } else if (o.getClass().isArray()) {
            List<Object> l = new ArrayList<>();
            for (int i = 0, n = Array.getLength(o); i < n; i++) l.add(Array.get(o, i));
            json(b, l);
        } else {
            str(b, o.toString()); // Character, dynamic maps/sets (IntervalMap, TimeSet, ...), anything else
        }
    }

    static String json(Object o) {
        StringBuilder b = new StringBuilder();
        json(b, o);
        return b.toString();
    }

    // ------------------------------------------------------------------ helpers

    static List<Object> columns(Table t) {
        List<Object> cols = new ArrayList<>();
        for (Column c : t.toArray()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.getId());
            m.put("title", c.getTitle());
            m.put("type", c.getTypeClass() == null ? null : c.getTypeClass().getSimpleName());
            m.put("property", c.isProperty());
            cols.add(m);
        }
        return cols;
    }

    /** Every non-property column (id, label, weight, timeset are properties) by title. */
    static Map<String, Object> attributes(Element el, Table t) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Column c : t.toArray()) {
            if (c.isProperty()) continue;
            m.put(c.getTitle(), el.getAttribute(c));
        }
        return m;
    }

    static int c255(float v) {
        return Math.round(v * 255f);
    }

    static Map<String, Object> minMax(double min, double max, boolean any) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min", any ? min : null);
        m.put("max", any ? max : null);
        return m;
    }

    static void readReport(Report r, String source, List<Object> issues, Map<String, Integer> levels) {
        if (r == null) return;
        for (Issue is : r.getIssuesList(MAX_ISSUES)) {
            Map<String, Object> m = new LinkedHashMap<>();
            String lvl = String.valueOf(is.getLevel());
            m.put("level", lvl);
            m.put("message", is.getMessage());
            m.put("source", source);
            issues.add(m);
            levels.merge(lvl, 1, Integer::sum);
        }
    }

    static String reportText(Report r) {
        if (r == null) return null;
        try {
            return r.getText();
        } catch (RuntimeException e) {
            return "could not read report text: " + e;
        }
    }

    static String toolkitVersion() {
        try (InputStream in = GephiImport.class.getResourceAsStream("harness.properties")) {
            if (in == null) return null;
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("gephi.version") + ":" + p.getProperty("gephi.classifier");
        } catch (Exception e) {
            return null;
        }
    }

    static void usage(PrintStream out, String why) {
        System.err.println("usage: GephiImport FILE [--edge-default directed|undirected|mixed]");
        System.err.println(why);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", false);
        m.put("error", "usage: " + why);
        out.println(json(m));
        out.flush();
        System.exit(64);
    }

    // ------------------------------------------------------------------ main

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        System.setProperty("java.awt.headless", "true");
        if (System.getProperty("netbeans.user") == null) {
            System.setProperty("netbeans.user", Files.createTempDirectory("gephi-nbuser").toString());
        }
        // stdout carries our JSON only: anything Gephi/NetBeans prints goes to stderr.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
        System.setOut(System.err);

        String path = null;
        EdgeDirectionDefault edgeDefault = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--edge-default") || a.startsWith("--edge-default=")) {
                String v;
                if (a.contains("=")) v = a.substring(a.indexOf('=') + 1);
                else if (i + 1 < args.length) v = args[++i];
                else { usage(out, "--edge-default needs a value"); return; }
                try {
                    edgeDefault = EdgeDirectionDefault.valueOf(v.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    usage(out, "--edge-default must be directed, undirected or mixed, not " + v);
                    return;
                }
            } else if (a.equals("-h") || a.equals("--help")) {
                usage(out, "help");
                return;
            } else if (a.startsWith("--")) {
                usage(out, "unknown option " + a);
                return;
            } else if (path == null) {
                path = a;
            } else {
                usage(out, "only one FILE");
                return;
            }
        }
        if (path == null) { usage(out, "missing FILE"); return; }

        Map<String, Object> res = new LinkedHashMap<>();
        File file = new File(path).getAbsoluteFile();
        try {
            file = file.getCanonicalFile(); // NetBeans FileUtil wants a normalised path
        } catch (Exception ignored) {
            // keep the absolute path
        }
        res.put("file", file.getPath());
        res.put("gephi_toolkit", toolkitVersion());
        res.put("edge_default", edgeDefault == null ? null : edgeDefault.name().toLowerCase(Locale.ROOT));

        long t0 = System.nanoTime();
        int exit = 0;
        Container container = null;
        Report importReport = null;
        DefaultProcessor processor = null;
        try {
            if (!file.isFile()) throw new java.io.FileNotFoundException("no such file: " + file);
            ProjectController pc = Lookup.getDefault().lookup(ProjectController.class);
            pc.newProject();
            Workspace ws = pc.getCurrentWorkspace();
            ImportController ic = Lookup.getDefault().lookup(ImportController.class);

            long tImport = System.nanoTime();
            container = ic.importFile(file);
            if (container == null) {
                throw new IllegalStateException("Gephi has no importer for this file (or the importer failed): " + file.getName());
            }
            importReport = container.getReport(); // importer issues (ImportControllerImpl appends the importer's report to it)
            res.put("verify_ok", container.verify()); // Desktop runs verify() before its report dialog
            if (edgeDefault != null) {
                // What the report dialog's "Graph type" selector does. It must come after verify(),
                // which recomputes the edge default from the edges' directions.
                container.getLoader().setEdgeDefault(edgeDefault);
            }
            importReport = container.getReport();
            long tProcess = System.nanoTime();
            processor = new DefaultProcessor();
            ic.process(container, processor, ws);
            long tDone = System.nanoTime();

            GraphModel gm = Lookup.getDefault().lookup(GraphController.class).getGraphModel(ws);
            Graph g = gm.getGraph();
            res.put("node_count", g.getNodeCount());
            res.put("edge_count", g.getEdgeCount());
            res.put("graph_type", gm.isDirected() ? "directed" : gm.isUndirected() ? "undirected" : gm.isMixed() ? "mixed" : "unknown");
            res.put("node_columns", columns(gm.getNodeTable()));
            res.put("edge_columns", columns(gm.getEdgeTable()));

            // ---- nodes
            int withLabel = 0;
            List<Object> nodeSample = new ArrayList<>();
            for (Node n : g.getNodes().toArray()) {
                String lab = n.getLabel();
                if (lab != null && !lab.isEmpty()) withLabel++;
                if (nodeSample.size() < SAMPLE) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", n.getId());
                    m.put("label", lab);
                    m.put("size", n.size());
                    m.put("x", n.x());
                    m.put("y", n.y());
                    m.put("r", c255(n.r()));
                    m.put("g", c255(n.g()));
                    m.put("b", c255(n.b()));
                    m.put("attributes", attributes(n, gm.getNodeTable()));
                    nodeSample.add(m);
                }
            }
            Map<String, Object> nodes = new LinkedHashMap<>();
            nodes.put("with_nonempty_label", withLabel);
            nodes.put("sample", nodeSample);
            res.put("nodes", nodes);

            // ---- edges
            int directed = 0, undirected = 0;
            double wMin = Double.POSITIVE_INFINITY, wMax = Double.NEGATIVE_INFINITY;
            boolean anyW = false;
            Set<String> labels = new LinkedHashSet<>();
            boolean labelsTruncated = false;
            Map<Integer, Integer> perType = new TreeMap<>();
            List<Object> edgeSample = new ArrayList<>();
            for (Edge e : g.getEdges().toArray()) {
                if (e.isDirected()) directed++; else undirected++;
                if (!e.hasDynamicWeight()) {
                    double w = e.getWeight();
                    wMin = Math.min(wMin, w);
                    wMax = Math.max(wMax, w);
                    anyW = true;
                }
                String lab = e.getLabel();
                if (lab != null && !labels.contains(lab)) {
                    if (labels.size() < MAX_LABELS) labels.add(lab); else labelsTruncated = true;
                }
                perType.merge(e.getType(), 1, Integer::sum);
                if (edgeSample.size() < SAMPLE) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", e.getId());
                    m.put("source", e.getSource().getId());
                    m.put("target", e.getTarget().getId());
                    m.put("directed", e.isDirected());
                    m.put("label", lab);
                    m.put("weight", e.hasDynamicWeight() ? "dynamic" : (Object) e.getWeight());
                    m.put("type_label", e.getTypeLabel());
                    m.put("attributes", attributes(e, gm.getEdgeTable()));
                    edgeSample.add(m);
                }
            }
            // the edge type label table (GEXF <edge kind="...">); type 0 / label null is the default type
            List<Object> types = new ArrayList<>();
            for (int t : gm.getEdgeTypes()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("type", t);
                m.put("label", gm.getEdgeTypeLabel(t));
                m.put("edge_count", perType.getOrDefault(t, 0));
                types.add(m);
            }
            Map<String, Object> edges = new LinkedHashMap<>();
            edges.put("directed", directed);
            edges.put("undirected", undirected);
            edges.put("weight", minMax(wMin, wMax, anyW));
            edges.put("labels", new ArrayList<>(labels));
            edges.put("labels_truncated", labelsTruncated);
            edges.put("type_labels", types);
            edges.put("sample", edgeSample);
            res.put("edges", edges);

            Map<String, Object> timing = new LinkedHashMap<>();
            timing.put("setup", (tImport - t0) / 1_000_000);
            timing.put("import_verify", (tProcess - tImport) / 1_000_000);
            timing.put("process", (tDone - tProcess) / 1_000_000);
            res.put("timing_ms", timing);
            res.put("ok", true);
        } catch (Throwable t) {
            res.put("ok", false);
            res.put("error", t.toString());
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            if (root != t) res.put("error_root_cause", root.toString());
            exit = 2;
        }

        // import report (+ the processor's own report, which Gephi 0.10 keeps separately)
        List<Object> issues = new ArrayList<>();
        Map<String, Integer> levels = new TreeMap<>();
        // NB: ImportController.process() replaces the container's report with the processor's
        // report, so the import report must be taken before processing (done above).
        if (importReport == null && container != null) importReport = container.getReport();
        Report processorReport = processor == null ? null : processor.getReport();
        try {
            readReport(importReport, "import", issues, levels);
            readReport(processorReport, "processor", issues, levels);
        } catch (RuntimeException e) {
            res.put("report_error", e.toString());
        }
        res.put("issue_counts", levels);
        res.put("issues", issues);
        res.put("report_log", reportText(importReport));
        res.put("processor_log", reportText(processorReport));
        if (exit == 0 && (levels.containsKey("SEVERE") || levels.containsKey("CRITICAL"))) exit = 1;
        res.put("exit_code", exit);
        out.println(json(res));
        out.flush();
        System.exit(exit);
    }
}
