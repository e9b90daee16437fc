package io.herald;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Herald's layering, as rules the build checks. Read top to bottom, it is the architecture: HTTP and the scheduler
 * call the run; the run calls the features; features call the messaging and rendering below them; everything may use
 * the domain (articles, subscribers) and the base (storage, settings, templates, security, time, refusals). A call
 * back up, or a cycle between packages, fails the build. docs/architecture.md describes the same picture.
 */
class ArchitectureTest {

    private static JavaClasses herald;

    @BeforeAll
    static void importMainClasses() {
        herald = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.herald");
    }

    /** The layers, top first, and the packages each is made of. */
    private static final Map<String, String[]> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("Web", new String[] {"io.herald.web.."});
        LAYERS.put("Schedule", new String[] {"io.herald.schedule.."});
        LAYERS.put("Run", new String[] {"io.herald"});
        LAYERS.put(
                "Features",
                new String[] {"io.herald.feed..", "io.herald.signup..", "io.herald.bounce..", "io.herald.people.."});
        LAYERS.put("Messaging", new String[] {"io.herald.social..", "io.herald.delivery..", "io.herald.insight.."});
        LAYERS.put("Rendering", new String[] {"io.herald.digest.."});
        LAYERS.put("Domain", new String[] {"io.herald.article..", "io.herald.subscriber.."});
        LAYERS.put("Base", new String[] {
            "io.herald.storage..",
            "io.herald.config..",
            "io.herald.templating..",
            "io.herald.language..",
            "io.herald.security..",
            "io.herald.audit..",
            "io.herald.time..",
            "io.herald.common.."
        });
    }

    @Test
    void callsGoOnlyDownward() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (Map.Entry<String, String[]> layer : LAYERS.entrySet()) {
            layers = layers.layer(layer.getKey()).definedBy(layer.getValue());
        }
        layers.whereLayer("Web")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Schedule")
                .mayOnlyBeAccessedByLayers("Web")
                .whereLayer("Run")
                .mayOnlyBeAccessedByLayers("Web", "Schedule")
                .whereLayer("Features")
                .mayOnlyBeAccessedByLayers("Web", "Schedule", "Run")
                .whereLayer("Messaging")
                .mayOnlyBeAccessedByLayers("Web", "Schedule", "Run", "Features")
                .whereLayer("Rendering")
                .mayOnlyBeAccessedByLayers("Web", "Run", "Features", "Messaging")
                .whereLayer("Domain")
                .mayOnlyBeAccessedByLayers("Web", "Schedule", "Run", "Features", "Messaging", "Rendering")
                .whereLayer("Base")
                .mayOnlyBeAccessedByLayers("Web", "Schedule", "Run", "Features", "Messaging", "Rendering", "Domain")
                .check(herald);
    }

    /** A package outside every layer would escape the rule above: a new package is placed in a layer first. */
    @Test
    void everyPackageIsInALayer() {
        classes()
                .should()
                .resideInAnyPackage(
                        LAYERS.values().stream().flatMap(Arrays::stream).toArray(String[]::new))
                .check(herald);
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("io.herald.(*)..").should().beFreeOfCycles().check(herald);
    }

    @Test
    void siblingsDoNotCallEachOther() {
        for (String[] pair : new String[][] {
            {"feed", "signup"},
            {"feed", "bounce"},
            {"signup", "bounce"},
            {"signup", "feed"},
            {"bounce", "feed"},
            {"bounce", "signup"},
            {"people", "signup"},
            {"people", "feed"},
            {"people", "bounce"},
            {"signup", "people"},
            {"feed", "people"},
            {"bounce", "people"},
            {"digest", "social"},
            {"social", "delivery"},
            {"article", "subscriber"},
            {"subscriber", "article"}
        }) {
            noClasses()
                    .that()
                    .resideInAPackage("io.herald." + pair[0] + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("io.herald." + pair[1] + "..")
                    .because(pair[0] + " and " + pair[1] + " are siblings that know nothing of each other")
                    .check(herald);
        }
    }

    @Test
    void onlyWebSpeaksHttp() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.herald.web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..")
                .because("feature packages return values and throw refusals; web/ alone builds HTTP responses")
                .check(herald);
    }
}
