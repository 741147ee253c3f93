package org.sinkscope.app.ui.tour;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The tour's steps, read from the JSON resource that ships in the assets module. */
public final class Tour {
    public static final String RESOURCE = "sinkscope/tour/tour.json";
    static final Set<String> TABS = Set.of("grid", "head", "mixing", "experiments");

    private Tour() {
    }

    /** The shipped tour. */
    public static List<TourStep> standard() {
        try (InputStream in = Tour.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the application");
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    static List<TourStep> parse(JsonNode root) {
        List<TourStep> steps = new ArrayList<>();
        for (JsonNode s : root.path("steps")) {
            String tab = s.path("tab").asText("grid");
            if (!TABS.contains(tab)) {
                throw new IllegalArgumentException("tour step '" + s.path("title").asText() + "' has tab '" + tab
                        + "', expected one of " + TABS);
            }
            steps.add(new TourStep(s.path("title").asText(), s.path("text").asText(), s.path("model").asText(),
                    s.hasNonNull("prompt") ? s.get("prompt").asText() : null, s.path("bos").asBoolean(true), tab,
                    s.hasNonNull("experiment") ? s.get("experiment").asText() : null,
                    s.path("layer").asInt(-1), s.path("head").asInt(-1),
                    s.hasNonNull("epsilon") ? s.get("epsilon").asDouble() : Double.NaN));
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("the tour has no steps");
        }
        return List.copyOf(steps);
    }
}
