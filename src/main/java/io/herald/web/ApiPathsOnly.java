package io.herald.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * The OpenAPI document (`/q/openapi`, Swagger UI) describes the API under {@code /api}, the calls scripts and other
 * systems make with Basic auth, and not the pages (the ops console, the editors' preview, the readers' sign-up,
 * archive and unsubscribe pages) or the forms they post, which are HTML for people and change with the pages. The
 * schemas only the pages used (Qute's template classes among them) go with them.
 *
 * <p>Applied when the document is built, with the build, so the document in the jar holds only the API. Each start
 * reads that document back and writes it out again as JSON and YAML (Quarkus does so whether or not anyone asks for
 * it): with the pages in it, twice the size (129 KB against 67 KB of JSON), that took about 195 ms of a second
 * start's main thread on two cores, and 160 ms without them, the rest being Jackson's set-up and first use
 * (BENCHMARKS.md, "Start to ready").
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ApiPathsOnly implements OASFilter {

    static final String API = "/api";

    private static final String SCHEMA_REF = "#/components/schemas/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Paths paths = openAPI.getPaths();
        if (paths == null || paths.getPathItems() == null) {
            return;
        }
        for (String path : List.copyOf(paths.getPathItems().keySet())) {
            if (!isApi(path)) {
                paths.removePathItem(path);
            }
        }
        Components components = openAPI.getComponents();
        if (components != null && components.getSchemas() != null) {
            Set<String> used = usedSchemas(paths.getPathItems().values(), components.getSchemas());
            for (String name : List.copyOf(components.getSchemas().keySet())) {
                if (!used.contains(name)) {
                    components.removeSchema(name);
                }
            }
        }
    }

    static boolean isApi(String path) {
        return path.equals(API) || path.startsWith(API + "/");
    }

    /** The names of the component schemas the operations refer to, directly or through other schemas. */
    private static Set<String> usedSchemas(Collection<PathItem> items, Map<String, Schema> components) {
        List<Object> todo = new ArrayList<>(); // may hold nulls (absent parts), passed over
        for (PathItem item : items) {
            addParameters(todo, item.getParameters());
            for (Operation operation : item.getOperations().values()) {
                addParameters(todo, operation.getParameters());
                if (operation.getRequestBody() != null) {
                    addContent(todo, operation.getRequestBody().getContent());
                }
                if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
                    for (APIResponse response :
                            operation.getResponses().getAPIResponses().values()) {
                        addContent(todo, response.getContent());
                        if (response.getHeaders() != null) {
                            for (Header header : response.getHeaders().values()) {
                                todo.add(header.getSchema());
                                addContent(todo, header.getContent());
                            }
                        }
                    }
                }
            }
        }
        Set<String> used = new HashSet<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!todo.isEmpty()) {
            Object next = todo.remove(todo.size() - 1);
            if (next == null || !seen.add(next)) {
                continue;
            }
            if (next instanceof Schema schema) {
                String ref = schema.getRef();
                if (ref != null && ref.startsWith(SCHEMA_REF)) {
                    String name = ref.substring(SCHEMA_REF.length());
                    if (used.add(name)) {
                        todo.add(components.get(name));
                    }
                }
                // Every keyword's value: nested schemas (properties, items, allOf, ...) and collections of them.
                todo.addAll(schema.getAll().values());
            } else if (next instanceof Map<?, ?> map) {
                todo.addAll(map.values());
            } else if (next instanceof Collection<?> list) {
                todo.addAll(list);
            }
        }
        return used;
    }

    private static void addParameters(List<Object> todo, List<Parameter> parameters) {
        if (parameters != null) {
            for (Parameter parameter : parameters) {
                todo.add(parameter.getSchema());
                addContent(todo, parameter.getContent());
            }
        }
    }

    private static void addContent(List<Object> todo, Content content) {
        if (content != null && content.getMediaTypes() != null) {
            for (MediaType type : content.getMediaTypes().values()) {
                todo.add(type.getSchema());
            }
        }
    }
}
