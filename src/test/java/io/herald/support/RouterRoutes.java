package io.herald.support;

import java.util.ArrayList;
import java.util.List;

import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The running application's Vert.x router, as Quarkus hands it to the application's route observers: the plain
 * routes Herald adds beside its JAX-RS resources (click redirects, one-click unsubscribe, the website's signup form).
 */
@ApplicationScoped
public class RouterRoutes {

    private static volatile Router router;

    void capture(@Observes Router started) {
        router = started;
    }

    /** "METHOD /path" of every route with a path and methods, except Quarkus's own (/q/...). */
    public static List<String> plainRoutes() {
        List<String> found = new ArrayList<>();
        for (Route r : router.getRoutes()) {
            if (r.getPath() == null || r.getPath().startsWith("/q/") || r.methods() == null) {
                continue;
            }
            r.methods().forEach(m -> found.add(m.name() + " " + r.getPath()));
        }
        return found;
    }
}
