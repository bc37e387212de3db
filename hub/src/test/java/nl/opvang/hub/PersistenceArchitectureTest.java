package nl.opvang.hub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import nl.opvang.sql.Sql;
import org.junit.jupiter.api.Test;

/**
 * Persistence has an owner (docs/DESIGN.md, "Persistence"): each feature's SQL sits in one store class of its package,
 * named {@code *Store}; feature logic calls the store and holds no SQL. For now the packages {@code ingest} (the exactly
 * once core, whose store is being split out of {@code EventStore}) and {@code store} (the {@code Database} class that
 * owns connections, pragmas and migrations) are allowed as a whole. The node's table stores keep their names
 * ({@code Journal}, {@code Holds}, {@code Places}, {@code NodeMeta}, {@code Rejections}, beside {@code NodeDatabase}).
 */
class PersistenceArchitectureTest {
    /** A class named {@code *Store}, or a class nested in one (its records and row mappers). */
    private static final DescribedPredicate<JavaClass> A_STORE = new DescribedPredicate<>("named *Store or nested in one") {
        @Override
        public boolean test(JavaClass javaClass) {
            String name = javaClass.getName();
            String topLevel = name.substring(name.lastIndexOf('.') + 1).split("\\$")[0];
            return topLevel.endsWith("Store");
        }
    };

    private static final Class<?>[] SQL = {PreparedStatement.class, Statement.class, ResultSet.class, Sql.class};

    @Test
    void only_store_classes_run_sql() {
        noClasses().that().resideInAPackage("nl.opvang.hub..")
                .and().resideOutsideOfPackages("nl.opvang.hub.ingest..", "nl.opvang.hub.store..")
                .and(DescribedPredicate.not(A_STORE))
                .should().dependOnClassesThat().belongToAnyOf(SQL)
                .because("each feature's SQL belongs in its own *Store class (docs/DESIGN.md, Persistence)")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("nl.opvang.hub"));
    }

    @Test
    void only_the_node_table_stores_run_sql() {
        noClasses().that().resideInAPackage("nl.opvang.device..")
                .and().haveNameNotMatching("nl\\.opvang\\.device\\.node\\."
                        + "(Journal|Holds|Places|NodeMeta|Rejections|KeptCounts|LocalStays|NodeDatabase)(\\$.*)?")
                .should().dependOnClassesThat().belongToAnyOf(SQL)
                .because("the node's SQL belongs in its table stores (docs/DESIGN.md, Persistence)")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("nl.opvang.device"));
    }
}
