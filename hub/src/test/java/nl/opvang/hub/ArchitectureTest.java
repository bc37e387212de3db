package nl.opvang.hub;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules of docs/DESIGN.md §1, checked on the compiled classes of every module (the hub's classpath has them
 * all), and the hub's package rules of docs/DESIGN.md §6: no cycles between its packages, a web kernel that uses no
 * feature.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("nl.opvang");
    }

    @Test
    void protocol_depends_on_jackson_only() {
        // Model only: no sockets, no javax.net (transport lives in the transport module, beside the MQTT users).
        classes().that().resideInAPackage("nl.opvang.protocol..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("nl.opvang.protocol..", "java..",
                        "com.fasterxml.jackson..")
                .check(classes);
    }

    @Test
    void transport_depends_on_the_jdk_only() {
        classes().that().resideInAPackage("nl.opvang.transport..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("nl.opvang.transport..", "java..", "javax.net..")
                .check(classes);
    }

    @Test
    void only_the_hardware_module_imports_pi4j() {
        noClasses().that().resideOutsideOfPackage("nl.opvang.hardware..")
                .should().dependOnClassesThat().resideInAPackage("com.pi4j..")
                .check(classes);
    }

    @Test
    void hardware_knows_nothing_of_the_rest() {
        noClasses().that().resideInAPackage("nl.opvang.hardware..")
                .should().dependOnClassesThat().resideInAnyPackage("nl.opvang.protocol..", "nl.opvang.device..",
                        "nl.opvang.gateway..", "nl.opvang.hub..")
                .check(classes);
    }

    @Test
    void the_device_does_not_depend_on_the_hub_side() {
        noClasses().that().resideInAPackage("nl.opvang.device..")
                .should().dependOnClassesThat().resideInAnyPackage("nl.opvang.gateway..", "nl.opvang.hub..")
                .check(classes);
    }

    @Test
    void the_gateway_does_not_depend_on_the_hub_or_the_device() {
        noClasses().that().resideInAPackage("nl.opvang.gateway..")
                .should().dependOnClassesThat().resideInAnyPackage("nl.opvang.hub..", "nl.opvang.device..",
                        "nl.opvang.hardware..")
                .check(classes);
    }

    @Test
    void only_the_hubs_demo_package_uses_the_device() {
        noClasses().that().resideInAPackage("nl.opvang.hub..").and().resideOutsideOfPackage("nl.opvang.hub.demo..")
                .should().dependOnClassesThat().resideInAnyPackage("nl.opvang.device..", "nl.opvang.hardware..")
                .check(classes);
    }

    @Test
    void no_shipped_module_depends_on_the_harness_and_the_harness_knows_no_test_framework() {
        // The harness (Mosquitto processes, a link-cutting proxy) is for tests and the bench only.
        noClasses().that().resideInAnyPackage("nl.opvang.protocol..", "nl.opvang.transport..", "nl.opvang.sql..",
                        "nl.opvang.hardware..", "nl.opvang.device..", "nl.opvang.gateway..", "nl.opvang.hub..")
                .should().dependOnClassesThat().resideInAPackage("nl.opvang.harness..")
                .check(classes);
        noClasses().that().resideInAPackage("nl.opvang.harness..")
                .should().dependOnClassesThat().resideInAnyPackage("nl.opvang.testing..", "org.junit..", "org.opentest4j..")
                .check(classes);
    }

    @Test
    void nothing_in_main_code_depends_on_test_fixtures() {
        noClasses().that().resideOutsideOfPackage("nl.opvang.testing..")
                .should().dependOnClassesThat().resideInAPackage("nl.opvang.testing..")
                .check(classes);
    }

    @Test
    void the_hubs_packages_are_free_of_cycles() {
        slices().matching("nl.opvang.hub.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void the_web_kernel_uses_no_feature() {
        noClasses().that().resideInAPackage("nl.opvang.hub.http..")
                .should().dependOnClassesThat(resideInAPackage("nl.opvang.hub..")
                        .and(resideOutsideOfPackage("nl.opvang.hub.http..")))
                .check(classes);
    }
}
