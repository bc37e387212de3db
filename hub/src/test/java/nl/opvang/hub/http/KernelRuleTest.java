package nl.opvang.hub.http;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The web kernel is used by the features and uses none of them (issue #12, item 2). */
class KernelRuleTest {
    @Test
    void the_web_kernel_imports_no_feature_package() {
        noClasses().that().resideInAPackage("nl.opvang.hub.http..")
                .should().dependOnClassesThat(resideInAPackage("nl.opvang.hub..")
                        .and(resideOutsideOfPackage("nl.opvang.hub.http..")))
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("nl.opvang.hub"));
    }
}
