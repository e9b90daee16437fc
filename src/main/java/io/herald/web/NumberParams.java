package io.herald.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.function.Function;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/**
 * Whole-number query and path parameters ({@code ?limit=}, {@code ?before=}, {@code /api/articles/{id}}) that are not
 * whole numbers. JAX-RS answers a query parameter it cannot convert with a bare 404, as if the page were missing;
 * here {@code ?limit=abc} is a 400 naming {@code limit} and what it takes, and {@code /api/articles/abc} stays a 404
 * but says why. The values themselves are read as the JDK reads them ({@link Integer#valueOf}, {@link Long#valueOf}).
 */
@Provider
public class NumberParams implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        Function<String, Object> read;
        if (rawType == Integer.class || rawType == int.class) {
            read = Integer::valueOf;
        } else if (rawType == Long.class || rawType == long.class) {
            read = Long::valueOf;
        } else {
            return null;
        }
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return (ParamConverter<T>) new WholeNumber(q.value(), 400, "Invalid request", read);
            }
            if (a instanceof PathParam p) {
                return (ParamConverter<T>) new WholeNumber(p.value(), 404, "Not found", read);
            }
        }
        return null;
    }

    /**
     * The refusal, carried without an entity so that {@link ProblemMappers} still sees it (JAX-RS hands an exception
     * whose response has an entity straight to the client): a reader's browser gets the not-found page.
     */
    static final class NotANumber extends WebApplicationException {
        private final transient Problem problem;

        NotANumber(Problem problem) {
            super(problem.detail(), problem.status());
            this.problem = problem;
        }

        Problem problem() {
            return problem;
        }
    }

    private record WholeNumber(String name, int status, String title, Function<String, Object> read)
            implements ParamConverter<Object> {

        @Override
        public Object fromString(String value) {
            if (value == null) {
                return null;
            }
            try {
                return read.apply(value);
            } catch (NumberFormatException e) {
                String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
                String reason = status == 404
                        ? "\"" + shown + "\" is not a whole number, so it names nothing here"
                        : "must be a whole number, not \"" + shown + "\"";
                throw new NotANumber(Problem.of(status, title, name, reason));
            }
        }

        @Override
        public String toString(Object value) {
            return String.valueOf(value);
        }
    }
}
