package io.herald.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the action an endpoint performs in the audit trail ("send.start", "teaser.edit"). {@link AuditRecorder}
 * writes an entry for every request to an endpoint that changes state (any method but GET and HEAD) by a signed-in
 * person, and for GET endpoints carrying this annotation (a subscriber's data exported); AuditCoverageTest fails for
 * a state-changing endpoint without it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {
    String value();
}
