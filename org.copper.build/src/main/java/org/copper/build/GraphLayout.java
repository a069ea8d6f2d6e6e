package org.copper.build;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;
import org.wire.model.graph.ServiceGraph;

/** Lays a service graph out left to right with ELK's layered algorithm: boxes for services, polylines for edges. */
public final class GraphLayout {
    /** Approximate width of one character of the labels, in pixels (monospace 12px). */
    static final double CHAR_WIDTH = 7.3;
    static final double NODE_HEIGHT = 32;

    public record Box(double x, double y, double width, double height) {}

    /** An edge's route: points from source border to target border. */
    public record Route(String from, String to, List<double[]> points) {}

    public record Layout(double width, double height, SortedMap<String, Box> boxes, List<Route> routes) {}

    private static boolean registered;

    private GraphLayout() {}

    private static synchronized void register() {
        if (!registered) {
            // outside OSGi the algorithms are not discovered; register the one we use
            LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
            registered = true;
        }
    }

    public static Layout of(ServiceGraph graph) {
        register();
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.POLYLINE);
        root.setProperty(CoreOptions.SPACING_NODE_NODE, 24.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 60.0);
        root.setProperty(CoreOptions.PADDING, new org.eclipse.elk.core.math.ElkPadding(20.0));
        root.setProperty(CoreOptions.RANDOM_SEED, 1);
        List<ElkNode> nodes = new ArrayList<>();
        for (String s : graph.services()) {
            ElkNode node = ElkGraphUtil.createNode(root);
            node.setIdentifier(s);
            node.setDimensions(Math.max(60, s.length() * CHAR_WIDTH + 24), NODE_HEIGHT);
            nodes.add(node);
        }
        List<ElkEdge> edges = new ArrayList<>();
        for (int[] e : graph.edges()) {
            edges.add(ElkGraphUtil.createSimpleEdge(nodes.get(e[0]), nodes.get(e[1])));
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());
        SortedMap<String, Box> boxes = new TreeMap<>();
        for (ElkNode n : nodes) {
            boxes.put(n.getIdentifier(), new Box(n.getX(), n.getY(), n.getWidth(), n.getHeight()));
        }
        List<Route> routes = new ArrayList<>();
        List<int[]> graphEdges = graph.edges();
        for (int i = 0; i < edges.size(); i++) {
            List<double[]> points = new ArrayList<>();
            for (ElkEdgeSection sec : edges.get(i).getSections()) {
                points.add(new double[] { sec.getStartX(), sec.getStartY() });
                for (ElkBendPoint b : sec.getBendPoints()) {
                    points.add(new double[] { b.getX(), b.getY() });
                }
                points.add(new double[] { sec.getEndX(), sec.getEndY() });
            }
            routes.add(new Route(graph.service(graphEdges.get(i)[0]), graph.service(graphEdges.get(i)[1]), points));
        }
        return new Layout(root.getWidth(), root.getHeight(), boxes, routes);
    }
}
