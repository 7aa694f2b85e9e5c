// Imports graph files exactly as Gephi does and prints what Gephi kept, as JSON.
//
// Run by tests/test_gephi.py in Java's single-file source mode, with the Gephi toolkit's
// self-contained jar on the class path (tests/gephi/pom.xml, fetched by tests/gephi/toolkit.py):
//
//   java -cp <cache>/gephi-toolkit-0.10.1/lib/* GephiImport.java \
//        --out result.json [--validate SCHEMA.xsd XML_FILE]... FILE...
//
// Every FILE goes into a workspace of its own through the toolkit's ImportController with the
// importer Gephi picks from the extension and Gephi's default import settings (edge merge
// strategy, parallel edges, self loops and auto-created nodes as the import dialog proposes
// them), then through DefaultProcessor ("new workspace", the dialog's default). Nothing is
// overridden, so what this prints is what a person opening the file in Gephi 0.10 gets.
// Each --validate pair checks an XML file against a W3C XML schema with the JDK's own
// validator (javax.xml.validation), in the same JVM start.
//
// Output: {"validations": [{"schema", "file", "errors": [..]}],
//   "files": [{"file", "directed", "nodes", "edges", "issues": [{"level","message"}],
//   "node_list": [{"id","label","attributes"}],
//   "edge_list": [{"id","source","target","type","label","weight","attributes"}]}]}
// where "type" is Gephi's edge type (its "Kind" column) and "attributes" maps each
// non-property column's title (everything but Id, Label, Weight, Interval) to its value.

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.gephi.graph.api.Column;
import org.gephi.graph.api.Edge;
import org.gephi.graph.api.Element;
import org.gephi.graph.api.Graph;
import org.gephi.graph.api.GraphController;
import org.gephi.graph.api.GraphModel;
import org.gephi.graph.api.Node;
import org.gephi.graph.api.Table;
import org.gephi.io.importer.api.Container;
import org.gephi.io.importer.api.ImportController;
import org.gephi.io.importer.api.Issue;
import org.gephi.io.importer.api.Report;
import org.gephi.io.processor.plugin.DefaultProcessor;
import org.gephi.project.api.Project;
import org.gephi.project.api.ProjectController;
import org.gephi.project.api.Workspace;
import org.openide.util.Lookup;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

public class GephiImport {

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        File out = null;
        List<File> files = new ArrayList<>();
        List<File[]> validations = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--validate")) {
                validations.add(new File[] {new File(args[++i]), new File(args[++i])});
            } else if (args[i].equals("--out")) {
                out = new File(args[++i]);
            } else {
                files.add(new File(args[i]));
            }
        }
        if (out == null || files.isEmpty()) {
            System.err.println("usage: GephiImport --out JSON [--validate XSD XML]... FILE...");
            System.exit(2);
        }

        ProjectController projects = Lookup.getDefault().lookup(ProjectController.class);
        Project project = projects.newProject();
        ImportController importer = Lookup.getDefault().lookup(ImportController.class);
        GraphController graphs = Lookup.getDefault().lookup(GraphController.class);

        StringBuilder json = new StringBuilder("{\"validations\": [");
        for (int v = 0; v < validations.size(); v++) {
            File[] pair = validations.get(v);
            json.append(v == 0 ? "\n" : ",\n").append("{\"schema\": ").append(str(pair[0].getPath()));
            json.append(", \"file\": ").append(str(pair[1].getPath())).append(", \"errors\": [");
            List<String> errors = validate(pair[0], pair[1]);
            for (int i = 0; i < errors.size(); i++) {
                json.append(i == 0 ? "" : ", ").append(str(errors.get(i)));
            }
            json.append("]}");
        }
        json.append("],\n\"files\": [");
        for (int f = 0; f < files.size(); f++) {
            File file = files.get(f);
            Workspace workspace = projects.newWorkspace(project);
            projects.openWorkspace(workspace);
            Container container = importer.importFile(file);
            if (container == null) {
                throw new IOException("Gephi has no importer for " + file);
            }
            DefaultProcessor processor = new DefaultProcessor();
            importer.process(container, processor, workspace);
            GraphModel model = graphs.getGraphModel(workspace);

            json.append(f == 0 ? "\n" : ",\n").append("{\"file\": ").append(str(file.getPath()));
            json.append(", \"directed\": ").append(model.isDirected());
            Graph graph = model.getGraph();
            json.append(", \"nodes\": ").append(graph.getNodeCount());
            json.append(", \"edges\": ").append(graph.getEdgeCount());
            json.append(", \"issues\": [");
            List<Issue> found = new ArrayList<>();
            issues(found, container.getReport());
            issues(found, processor.getReport());
            for (int i = 0; i < found.size(); i++) {
                json.append(i == 0 ? "" : ", ");
                json.append("{\"level\": ").append(str(found.get(i).getLevel().toString()));
                json.append(", \"message\": ").append(str(found.get(i).getMessage())).append('}');
            }
            json.append("],\n \"node_list\": [");
            boolean first = true;
            for (Node node : graph.getNodes()) {
                json.append(first ? "\n  " : ",\n  ");
                first = false;
                json.append("{\"id\": ").append(str(String.valueOf(node.getId())));
                json.append(", \"label\": ").append(str(node.getLabel()));
                json.append(", \"attributes\": ");
                attributes(json, node, model.getNodeTable());
                json.append('}');
            }
            json.append("],\n \"edge_list\": [");
            first = true;
            for (Edge edge : graph.getEdges()) {
                json.append(first ? "\n  " : ",\n  ");
                first = false;
                json.append("{\"id\": ").append(str(String.valueOf(edge.getId())));
                json.append(", \"source\": ").append(str(String.valueOf(edge.getSource().getId())));
                json.append(", \"target\": ").append(str(String.valueOf(edge.getTarget().getId())));
                Object type = edge.getTypeLabel();
                json.append(", \"type\": ").append(type == null ? "null" : str(type.toString()));
                json.append(", \"label\": ").append(str(edge.getLabel()));
                json.append(", \"weight\": ").append(value(edge.getWeight()));
                json.append(", \"attributes\": ");
                attributes(json, edge, model.getEdgeTable());
                json.append('}');
            }
            json.append("]}");
        }
        json.append("\n]}\n");
        Files.write(out.toPath(), json.toString().getBytes(StandardCharsets.UTF_8));
        System.exit(0); // the NetBeans platform may leave non-daemon threads behind
    }

    /** The report's issues at every level (INFO included: it names merged parallel edges). */
    private static void issues(List<Issue> found, Report report) {
        if (report == null) {
            return;
        }
        Iterator<Issue> it = report.getIssues(Integer.MAX_VALUE);
        while (it.hasNext()) {
            found.add(it.next());
        }
    }

    private static void attributes(StringBuilder json, Element element, Table table) {
        json.append('{');
        boolean first = true;
        for (Column column : table) {
            if (column.isProperty()) {
                continue;
            }
            Object v = element.getAttribute(column);
            if (v == null) {
                continue;
            }
            json.append(first ? "" : ", ").append(str(column.getTitle())).append(": ").append(value(v));
            first = false;
        }
        json.append('}');
    }

    private static List<String> validate(File xsd, File file) throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        Schema schema = factory.newSchema(xsd);
        Validator validator = schema.newValidator();
        List<String> errors = new ArrayList<>();
        validator.setErrorHandler(new ErrorHandler() {
            public void warning(SAXParseException e) { }
            public void error(SAXParseException e) { add(e); }
            public void fatalError(SAXParseException e) { add(e); }
            private void add(SAXParseException e) {
                if (errors.size() < 50) {
                    errors.add("line " + e.getLineNumber() + ": " + e.getMessage());
                }
            }
        });
        try {
            validator.validate(new StreamSource(file));
        } catch (SAXParseException e) {
            // fatal errors were already recorded by the handler
        }
        return errors;
    }

    private static String value(Object v) {
        if (v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof Number) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? v.toString() : str(v.toString());
        }
        return str(v.toString());
    }

    private static String str(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append('"').toString();
    }
}
